#include "worldsys/core/matrix.hpp"

#include <algorithm>
#include <stdexcept>

extern "C" void dgemm_(const char* ta, const char* tb, const int* m, const int* n, const int* k,
                       const double* alpha, const double* a, const int* lda, const double* b, const int* ldb,
                       const double* beta, double* c, const int* ldc);

namespace worldsys {

Matrix::Matrix(size_t rows, size_t cols, double fill) : rows_(rows), cols_(cols) {
  if (size() == 0) return;
  auto buf = std::make_shared<double[]>(size(), fill);
  data_ = buf.get();
  owner_ = std::move(buf);
}

Matrix::Matrix(const Matrix& o) : rows_(o.rows_), cols_(o.cols_) {
  if (size() == 0) return;
  auto buf = std::make_shared_for_overwrite<double[]>(size());
  std::copy(o.data_, o.data_ + size(), buf.get());
  data_ = buf.get();
  owner_ = std::move(buf);
}

Matrix& Matrix::operator=(const Matrix& o) {
  if (this != &o) Matrix(o).swap(*this);
  return *this;
}

bool Matrix::operator==(const Matrix& o) const {
  return rows_ == o.rows_ && cols_ == o.cols_ && std::equal(data_, data_ + size(), o.data_);
}

std::vector<double> Matrix::row_sums() const {
  std::vector<double> s(rows_, 0.0);
  for (size_t j = 0; j < cols_; ++j) {
    const double* c = col(j);
    for (size_t i = 0; i < rows_; ++i) s[i] += c[i];
  }
  return s;
}

std::vector<double> Matrix::col_sums() const {
  std::vector<double> s(cols_, 0.0);
  for (size_t j = 0; j < cols_; ++j) {
    const double* c = col(j);
    double acc = 0.0;
    for (size_t i = 0; i < rows_; ++i) acc += c[i];
    s[j] = acc;
  }
  return s;
}

Matrix Matrix::transposed() const {
  Matrix t(cols_, rows_);
  for (size_t j = 0; j < cols_; ++j)
    for (size_t i = 0; i < rows_; ++i) t(j, i) = (*this)(i, j);
  return t;
}

void gemm(const Matrix& A, bool transA, const Matrix& B, bool transB, Matrix& C, double alpha, double beta) {
  const size_t m = transA ? A.cols() : A.rows();
  const size_t k = transA ? A.rows() : A.cols();
  const size_t kb = transB ? B.cols() : B.rows();
  const size_t n = transB ? B.rows() : B.cols();
  if (k != kb || C.rows() != m || C.cols() != n) throw std::logic_error("gemm: dimension mismatch");
  if (m == 0 || n == 0) return;
  if (k == 0) {
    for (size_t i = 0; i < C.size(); ++i) C.data()[i] *= beta;
    return;
  }
  const int im = int(m), in = int(n), ik = int(k);
  const int lda = int(std::max<size_t>(1, A.rows())), ldb = int(std::max<size_t>(1, B.rows())),
            ldc = int(std::max<size_t>(1, C.rows()));
  const char ta = transA ? 'T' : 'N', tb = transB ? 'T' : 'N';
  dgemm_(&ta, &tb, &im, &in, &ik, &alpha, A.data(), &lda, B.data(), &ldb, &beta, C.data(), &ldc);
}

void gemm_block(size_t m, size_t n, size_t k, double alpha, const double* A, size_t lda, const double* B, size_t ldb,
                double beta, double* C, size_t ldc) {
  if (m == 0 || n == 0) return;
  const int im = int(m), in = int(n), ik = int(k), ia = int(lda), ib = int(ldb), ic = int(ldc);
  const char no = 'N';
  if (k == 0) {
    for (size_t j = 0; j < n; ++j)
      for (size_t i = 0; i < m; ++i) C[i + j * ldc] *= beta;
    return;
  }
  dgemm_(&no, &no, &im, &in, &ik, &alpha, A, &ia, B, &ib, &beta, C, &ic);
}

}  // namespace worldsys
