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

class Leontief {
 public:
  // Builds A from the table, refuses a non-productive or singular system with a numeric error that names the
  // sectors at fault, and factors I - A. A itself is not kept: memory is Z (the caller's) plus the factors.
  // Keeps references to m.Z and m.x, so the table must outlive this object.
  explicit Leontief(const Mrio& m, Precision precision = Precision::float64);
  Leontief(Mrio&&, Precision = Precision::float64) = delete;  // would keep references to a temporary
  ~Leontief();
  Leontief(Leontief&&) noexcept;

  size_t n() const { return x_->size(); }
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

 private:
  Matrix apply(const Matrix& X, bool transposed) const;  // (I - A) X or (I - A)^T X
  Matrix refine(Matrix X, const Matrix& B, bool transposed) const;
  double relative_residual(const Matrix& X, const Matrix& Y, bool transposed) const;

  const Matrix* Z_;
  const std::vector<double>* x_;
  std::vector<double> inv_x_;
  Precision precision_;
  std::unique_ptr<LuFactor> lu_;
};

}  // namespace worldsys
