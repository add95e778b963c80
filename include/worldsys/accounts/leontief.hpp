#pragma once
// The Leontief quantity model x = A x + y. I - A is factored once; every result is a solve against that
// factorization. L = (I - A)^-1 is formed only by L(), for users who ask for it.
#include <memory>
#include <string>
#include <vector>

#include "worldsys/core/matrix.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/linalg/lu.hpp"

namespace worldsys {

// A = Z diag(x)^-1; columns with x = 0 are zero (the sector neither produces nor buys).
Matrix technical_coefficients(const Matrix& Z, const std::vector<double>& x);
// S = F diag(x)^-1 with the same guard.
Matrix intensities(const Matrix& F, const std::vector<double>& x);

// Spectral-radius bounds of |A|, A = Z diag(scale) (scale = 1/x), from column sums and Collatz-Wielandt power
// iteration; the system is productive (every non-negative final demand has a non-negative solution) iff the
// spectral radius is below 1. A itself is never formed.
struct Productivity {
  double lower = 0, upper = 0;
  bool productive() const { return upper < 1.0; }
};
Productivity spectral_radius_bounds(const Matrix& Z, const std::vector<double>& scale, int max_iterations = 1000);

// How a table's systems were solved: Monte Carlo reports one per draw.
struct SolveStats {
  bool factored = true;    // by this table's own LU; false: refined on a neighbour's
  int iterations = 0;      // refinement steps, over every solve so far
  double contraction = 0;  // largest ratio of successive residuals: estimates the spectral radius of
                           // (I - A0)^-1 (A - A0), the rate refinement converges at (0 when never measured)
  double residual = 0;     // the largest relative residual of a column where refinement stopped, over every solve
};

class Leontief {
 public:
  // Builds A from the table, refuses a non-productive or singular system with a numeric error that names the
  // sectors at fault, and factors I - A. A itself is not kept: memory is Z (the caller's) plus the factors.
  // Keeps references to m.Z and m.x, so the table must outlive this object.
  explicit Leontief(const Mrio& m, Precision precision = Precision::float64);
  Leontief(Mrio&&, Precision = Precision::float64) = delete;  // would keep references to a temporary
  // A table close to one already factored (a Monte Carlo draw): solves refine on the neighbour's LU,
  //   X_{k+1} = X_k + L0 (Y - (I - A) X_k),   L0 = (I - A0)^-1,
  // whose error shrinks by the spectral radius of L0 (A - A0) per step; the results are those of a direct solve
  // (relative residual of every column <= 1e-13). Where the steps would cost more than one factorization (slow
  // contraction, many right-hand sides) or do not contract, this table's own I - A is factored after all.
  // A float32 neighbour is never refined on (float32 results stay float32): the table is factored. `near` must
  // outlive this object.
  Leontief(const Mrio& m, const Leontief& near);
  Leontief(Mrio&&, const Leontief&) = delete;
  ~Leontief();
  Leontief(Leontief&&) noexcept;

  size_t n() const { return inv_x_.size(); }
  Precision precision() const { return precision_; }
  Matrix A() const;                           // formed on request
  Matrix solve(const Matrix& Y) const;        // L Y
  Matrix multipliers(const Matrix& S) const;  // S L, by the transposed solve (I - A)^-T S^T
  Matrix L() const;
  double rcond() const;
  // ||(I - A) X - Y|| / ||Y||, computed from Z and x.
  double residual(const Matrix& X, const Matrix& Y) const;
  // ||(I - A)^T X - Y|| / ||Y||: the check of a transposed solve (multipliers).
  double residual_transposed(const Matrix& X, const Matrix& Y) const;
  const SolveStats& stats() const { return stats_; }

 private:
  void factor() const;  // this table's own I - A
  Matrix solve_system(const Matrix& B, bool transposed) const;
  Matrix apply(const Matrix& X, bool transposed) const;  // (I - A) X or (I - A)^T X
  double relative_residual(const Matrix& X, const Matrix& Y, bool transposed) const;

  const Mrio* m_;
  std::vector<double> inv_x_;
  Precision precision_;
  mutable std::unique_ptr<LuFactor> lu_;  // made lazily for a neighbour's table, once refinement does not pay
  const Leontief* near_ = nullptr;
  mutable SolveStats stats_;
};

}  // namespace worldsys
