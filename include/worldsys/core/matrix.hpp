#pragma once
// A dense column-major matrix of doubles: the layout LAPACK and numpy's fortran_order expect, so a store's
// .npy file is the matrix's memory image.
#include <cstddef>
#include <vector>

namespace worldsys {

class Matrix {
 public:
  Matrix() = default;
  Matrix(size_t rows, size_t cols, double fill = 0.0) : rows_(rows), cols_(cols), data_(rows * cols, fill) {}

  size_t rows() const { return rows_; }
  size_t cols() const { return cols_; }
  size_t size() const { return data_.size(); }
  bool empty() const { return data_.empty(); }

  double& operator()(size_t i, size_t j) { return data_[i + j * rows_]; }
  double operator()(size_t i, size_t j) const { return data_[i + j * rows_]; }
  double* data() { return data_.data(); }
  const double* data() const { return data_.data(); }
  double* col(size_t j) { return data_.data() + j * rows_; }
  const double* col(size_t j) const { return data_.data() + j * rows_; }

  std::vector<double> row_sums() const;
  std::vector<double> col_sums() const;
  Matrix transposed() const;

  bool operator==(const Matrix& o) const { return rows_ == o.rows_ && cols_ == o.cols_ && data_ == o.data_; }

 private:
  size_t rows_ = 0, cols_ = 0;
  std::vector<double> data_;
};

// C = alpha * op(A) * op(B) + beta * C through BLAS dgemm.
void gemm(const Matrix& A, bool transA, const Matrix& B, bool transB, Matrix& C, double alpha = 1.0,
          double beta = 0.0);
// The same on column-major blocks inside larger matrices: C (m x n, leading dimension ldc) = alpha A (m x k)
// B (k x n) + beta C, no transposes.
void gemm_block(size_t m, size_t n, size_t k, double alpha, const double* A, size_t lda, const double* B, size_t ldb,
                double beta, double* C, size_t ldc);

}  // namespace worldsys
