#pragma once
// One LU factorization (LAPACK dgetrf) of a square matrix, then as many solves as needed (dgetrs), plain or
// transposed. The inverse is formed only when a caller explicitly asks for it.
#include <functional>
#include <string>
#include <vector>

#include "worldsys/core/matrix.hpp"

namespace worldsys {

class LuFactor {
 public:
  // Factors M. `label(i)` names row/column i in error messages (e.g. "CHN/c14"). A numeric error names the
  // column where elimination met an exact zero pivot.
  explicit LuFactor(Matrix M, const std::function<std::string(size_t)>& label = {});

  size_t n() const { return lu_.rows(); }
  void solve(Matrix& B) const;             // B := M^-1 B
  void solve_transposed(Matrix& B) const;  // B := M^-T B
  Matrix inverse() const;
  // Reciprocal condition number estimate in the 1-norm (LAPACK dgecon); near 0 means ill-conditioned.
  double rcond() const;

 private:
  Matrix lu_;
  std::vector<int> ipiv_;
  double anorm_ = 0;
};

}  // namespace worldsys
