#pragma once
// The checks every factorization shares (LAPACK here, cuSOLVER in src/linalg/cuda/): the same messages either way.
#include <functional>
#include <string>

namespace worldsys::detail {

// 1-norm of the column-major n x n matrix, refusing non-finite entries with their position.
double checked_norm1(const double* M, size_t n, const std::function<std::string(size_t)>& label);
double checked_norm1(const float* M, size_t n, const std::function<std::string(size_t)>& label);
// getrf's info: > 0 names the column without a pivot.
void check_getrf_info(int info, const std::function<std::string(size_t)>& label);

}  // namespace worldsys::detail
