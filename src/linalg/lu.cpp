#include "worldsys/linalg/lu.hpp"

#include <fmt/format.h>

#include <cmath>

#include "linalg/checks.hpp"
#include "worldsys/core/error.hpp"

extern "C" {
void dgetrf_(const int* m, const int* n, double* a, const int* lda, int* ipiv, int* info);
void sgetrf_(const int* m, const int* n, float* a, const int* lda, int* ipiv, int* info);
void dgetrs_(const char* trans, const int* n, const int* nrhs, const double* a, const int* lda, const int* ipiv,
             double* b, const int* ldb, int* info);
void sgetrs_(const char* trans, const int* n, const int* nrhs, const float* a, const int* lda, const int* ipiv,
             float* b, const int* ldb, int* info);
void dgecon_(const char* norm, const int* n, const double* a, const int* lda, const double* anorm, double* rcond,
             double* work, int* iwork, int* info);
void sgecon_(const char* norm, const int* n, const float* a, const int* lda, const float* anorm, float* rcond,
             float* work, int* iwork, int* info);
}

namespace worldsys {

Precision parse_precision(const std::string& name) {
  if (name == "float64") return Precision::float64;
  if (name == "float32") return Precision::float32;
  if (name == "mixed") return Precision::mixed;
  fail(ErrorKind::usage, fmt::format("unknown precision '{}'; use float64, float32 or mixed", name));
}

const char* to_string(Precision p) {
  switch (p) {
    case Precision::float64: return "float64";
    case Precision::float32: return "float32";
    case Precision::mixed: return "mixed";
  }
  return "?";
}

namespace detail {

namespace {
template <class T>
double norm1(const T* M, size_t n, const std::function<std::string(size_t)>& label) {
  double norm = 0;
  for (size_t j = 0; j < n; ++j) {
    double s = 0;
    for (size_t i = 0; i < n; ++i) {
      const double v = M[i + j * n];
      if (!std::isfinite(v))
        fail(ErrorKind::numeric, fmt::format("matrix entry ({}, {}) is {}", label ? label(i) : std::to_string(i),
                                             label ? label(j) : std::to_string(j), v));
      s += std::fabs(v);
    }
    norm = std::max(norm, s);
  }
  return norm;
}

}  // namespace

double checked_norm1(const double* M, size_t n, const std::function<std::string(size_t)>& label) {
  return norm1(M, n, label);
}
double checked_norm1(const float* M, size_t n, const std::function<std::string(size_t)>& label) {
  return norm1(M, n, label);
}

void check_getrf_info(int info, const std::function<std::string(size_t)>& label) {
  if (info > 0) {
    const size_t j = size_t(info - 1);
    fail(ErrorKind::numeric, fmt::format("the system is singular: elimination found no pivot in column {} ({}); "
                                         "that column is a linear combination of earlier ones",
                                         j, label ? label(j) : std::to_string(j)));
  }
  if (info < 0) fail(ErrorKind::numeric, fmt::format("getrf: argument {} invalid", -info));
}

}  // namespace detail

LuFactor::LuFactor(Matrix M, const std::function<std::string(size_t)>& label) : n_(M.rows()), lu_(std::move(M)) {
  if (lu_.rows() != lu_.cols())
    fail(ErrorKind::numeric, fmt::format("cannot factor a {}x{} matrix: it is not square", lu_.rows(), lu_.cols()));
  anorm_ = detail::checked_norm1(lu_.data(), n_, label);
  const int n = int(n_);
  int info = 0;
  ipiv_.resize(n_);
  if (n > 0) dgetrf_(&n, &n, lu_.data(), &n, ipiv_.data(), &info);
  detail::check_getrf_info(info, label);
}

LuFactor::LuFactor(std::vector<float> M, size_t n, const std::function<std::string(size_t)>& label)
    : n_(n), lu32_(std::move(M)) {
  if (lu32_.size() != n * n) fail(ErrorKind::numeric, "cannot factor: the matrix is not n x n");
  anorm_ = detail::checked_norm1(lu32_.data(), n_, label);
  const int ni = int(n_);
  int info = 0;
  ipiv_.resize(n_);
  if (ni > 0) sgetrf_(&ni, &ni, lu32_.data(), &ni, ipiv_.data(), &info);
  detail::check_getrf_info(info, label);
}

namespace {

void getrs(char trans, size_t n_, const Matrix& lu, const std::vector<float>& lu32, const std::vector<int>& ipiv,
           Matrix& B) {
  if (B.rows() != n_)
    fail(ErrorKind::numeric, fmt::format("solve: right-hand side has {} rows, system has {}", B.rows(), n_));
  if (B.cols() == 0 || B.rows() == 0) return;
  const int n = int(n_), nrhs = int(B.cols());
  int info = 0;
  if (lu32.empty()) {
    dgetrs_(&trans, &n, &nrhs, lu.data(), &n, ipiv.data(), B.data(), &n, &info);
  } else {
    std::vector<float> b(B.data(), B.data() + B.size());
    sgetrs_(&trans, &n, &nrhs, lu32.data(), &n, ipiv.data(), b.data(), &n, &info);
    std::copy(b.begin(), b.end(), B.data());
  }
  if (info != 0) fail(ErrorKind::numeric, fmt::format("getrs failed with info {}", info));
}

}  // namespace

void LuFactor::solve(Matrix& B) const { getrs('N', n_, lu_, lu32_, ipiv_, B); }
void LuFactor::solve_transposed(Matrix& B) const { getrs('T', n_, lu_, lu32_, ipiv_, B); }

Matrix LuFactor::inverse() const {
  Matrix I(n(), n());
  for (size_t i = 0; i < n(); ++i) I(i, i) = 1.0;
  solve(I);
  return I;
}

double LuFactor::rcond() const {
  const int n = int(n_);
  if (n == 0) return 1.0;
  int info = 0;
  std::vector<int> iwork(n_);
  const char norm = '1';
  if (lu32_.empty()) {
    double rc = 0;
    std::vector<double> work(4 * n_);
    dgecon_(&norm, &n, lu_.data(), &n, &anorm_, &rc, work.data(), iwork.data(), &info);
    return rc;
  }
  float rc = 0, anorm = float(anorm_);
  std::vector<float> work(4 * n_);
  sgecon_(&norm, &n, lu32_.data(), &n, &anorm, &rc, work.data(), iwork.data(), &info);
  return rc;
}

}  // namespace worldsys
