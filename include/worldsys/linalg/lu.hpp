#pragma once
// One LU factorization (LAPACK getrf) of a square matrix, then as many solves as needed (getrs), plain or
// transposed. The inverse is formed only when a caller explicitly asks for it.
//
// Precision: float64 (dgetrf) is the default. float32 (sgetrf) halves memory and roughly halves the time of the
// factorization; its solves carry single-precision error (~1e-7 relative) unless the caller refines them
// (Leontief does, for Precision::mixed). Leontief picks the constructor.
#include <functional>
#include <string>
#include <vector>

#include "worldsys/core/matrix.hpp"

namespace worldsys {

enum class Precision { float64, float32, mixed };
// "float64", "float32" or "mixed"; a usage error otherwise.
Precision parse_precision(const std::string& name);
const char* to_string(Precision p);

class LuFactor {
 public:
  // Factors M in float64 (dgetrf). `label(i)` names row/column i in error messages (e.g. "CHN/c14"). A numeric
  // error names the column where elimination met an exact zero pivot.
  explicit LuFactor(Matrix M, const std::function<std::string(size_t)>& label = {});
  // Factors the n x n column-major M in float32 (sgetrf): half the memory.
  LuFactor(std::vector<float> M, size_t n, const std::function<std::string(size_t)>& label = {});

  size_t n() const { return n_; }
  bool single() const { return !lu32_.empty(); }
  void solve(Matrix& B) const;             // B := M^-1 B
  void solve_transposed(Matrix& B) const;  // B := M^-T B
  Matrix inverse() const;
  // Reciprocal condition number estimate in the 1-norm (LAPACK gecon); near 0 means ill-conditioned.
  double rcond() const;

 private:
  size_t n_ = 0;
  Matrix lu_;                // float64 factors
  std::vector<float> lu32_;  // float32 factors
  std::vector<int> ipiv_;
  double anorm_ = 0;
};

}  // namespace worldsys
