#include "worldsys/linalg/lu.hpp"

#include <fmt/format.h>

#include <cmath>

#include "worldsys/core/error.hpp"

extern "C" {
void dgetrf_(const int* m, const int* n, double* a, const int* lda, int* ipiv, int* info);
void dgetrs_(const char* trans, const int* n, const int* nrhs, const double* a, const int* lda, const int* ipiv,
             double* b, const int* ldb, int* info);
void dgecon_(const char* norm, const int* n, const double* a, const int* lda, const double* anorm, double* rcond,
             double* work, int* iwork, int* info);
}

namespace worldsys {

LuFactor::LuFactor(Matrix M, const std::function<std::string(size_t)>& label) : lu_(std::move(M)) {
  if (lu_.rows() != lu_.cols())
    fail(ErrorKind::numeric, fmt::format("cannot factor a {}x{} matrix: it is not square", lu_.rows(), lu_.cols()));
  const int n = int(lu_.rows());
  for (size_t j = 0; j < lu_.cols(); ++j) {
    double s = 0;
    for (size_t i = 0; i < lu_.rows(); ++i) {
      const double v = lu_(i, j);
      if (!std::isfinite(v))
        fail(ErrorKind::numeric, fmt::format("matrix entry ({}, {}) is {}", label ? label(i) : std::to_string(i),
                                             label ? label(j) : std::to_string(j), v));
      s += std::fabs(v);
    }
    anorm_ = std::max(anorm_, s);
  }
  ipiv_.resize(size_t(n));
  int info = 0;
  if (n > 0) dgetrf_(&n, &n, lu_.data(), &n, ipiv_.data(), &info);
  if (info > 0) {
    const size_t j = size_t(info - 1);
    fail(ErrorKind::numeric, fmt::format("the system is singular: elimination found no pivot in column {} ({}); "
                                         "that column is a linear combination of earlier ones",
                                         j, label ? label(j) : std::to_string(j)));
  }
  if (info < 0) fail(ErrorKind::numeric, fmt::format("dgetrf: argument {} invalid", -info));
}

namespace {
void getrs(char trans, const Matrix& lu, const std::vector<int>& ipiv, Matrix& B) {
  if (B.rows() != lu.rows())
    fail(ErrorKind::numeric, fmt::format("solve: right-hand side has {} rows, system has {}", B.rows(), lu.rows()));
  if (B.cols() == 0 || B.rows() == 0) return;
  const int n = int(lu.rows()), nrhs = int(B.cols());
  int info = 0;
  dgetrs_(&trans, &n, &nrhs, lu.data(), &n, ipiv.data(), B.data(), &n, &info);
  if (info != 0) fail(ErrorKind::numeric, fmt::format("dgetrs failed with info {}", info));
}
}  // namespace

void LuFactor::solve(Matrix& B) const { getrs('N', lu_, ipiv_, B); }
void LuFactor::solve_transposed(Matrix& B) const { getrs('T', lu_, ipiv_, B); }

Matrix LuFactor::inverse() const {
  Matrix I(n(), n());
  for (size_t i = 0; i < n(); ++i) I(i, i) = 1.0;
  solve(I);
  return I;
}

double LuFactor::rcond() const {
  const int n = int(this->n());
  if (n == 0) return 1.0;
  double rc = 0;
  int info = 0;
  std::vector<double> work(4 * static_cast<size_t>(n));
  std::vector<int> iwork(static_cast<size_t>(n));
  const char norm = '1';
  dgecon_(&norm, &n, lu_.data(), &n, &anorm_, &rc, work.data(), iwork.data(), &info);
  return rc;
}

}  // namespace worldsys
