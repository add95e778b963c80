#pragma once
// The Leontief quantity model x = A x + y. I - A is factored once; every result is a solve against that
// factorization. L = (I - A)^-1 is formed only by L(), for users who ask for it.
#include <memory>
#include <vector>

#include "worldsys/core/matrix.hpp"
#include "worldsys/core/mrio.hpp"

namespace worldsys {

class LuFactor;

// A = Z diag(x)^-1; columns with x = 0 are zero (the sector neither produces nor buys).
Matrix technical_coefficients(const Matrix& Z, const std::vector<double>& x);
// S = F diag(x)^-1 with the same guard.
Matrix intensities(const Matrix& F, const std::vector<double>& x);

// Spectral-radius bounds of |A| from Collatz-Wielandt power iteration; the system is productive (every
// non-negative final demand has a non-negative solution) iff the spectral radius is below 1.
struct Productivity {
  double lower = 0, upper = 0;
  bool productive() const { return upper < 1.0; }
};
Productivity spectral_radius_bounds(const Matrix& A, int max_iterations = 1000);

class Leontief {
 public:
  // Builds A from the table, refuses a non-productive or singular system with a numeric error that names the
  // sectors at fault, and factors I - A.
  explicit Leontief(const Mrio& m);
  ~Leontief();
  Leontief(Leontief&&) noexcept;

  const Matrix& A() const { return A_; }
  size_t n() const { return A_.rows(); }
  Matrix solve(const Matrix& Y) const;       // L Y
  Matrix multipliers(const Matrix& S) const;  // S L, by the transposed solve (I - A)^-T S^T
  Matrix L() const;
  double rcond() const;
  // ||(I - A) X - Y|| / ||Y||
  double residual(const Matrix& X, const Matrix& Y) const;

 private:
  Matrix A_;
  std::unique_ptr<LuFactor> lu_;
};

}  // namespace worldsys
