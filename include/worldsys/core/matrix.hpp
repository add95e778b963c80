#pragma once
// A dense column-major matrix of doubles: the layout LAPACK and numpy's fortran_order expect, so a store's
// .npy file is the matrix's memory image. The values live in a buffer shared_ptr `owner_` keeps alive: a heap
// array, or a memory-mapped store file (io::read_npy_mapped) whose owner unmaps it. Copies are deep (value
// semantics: a copy never shares or aliases its source), moves hand the buffer over.
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace worldsys {

class Matrix {
 public:
  Matrix() = default;
  Matrix(size_t rows, size_t cols, double fill = 0.0);
  // Adopts rows*cols column-major values at `data`, kept alive (and released) by `owner`.
  Matrix(size_t rows, size_t cols, double* data, std::shared_ptr<void> owner)
      : rows_(rows), cols_(cols), data_(data), owner_(std::move(owner)) {}
  Matrix(const Matrix& o);
  Matrix(Matrix&& o) noexcept
      : rows_(std::exchange(o.rows_, 0)), cols_(std::exchange(o.cols_, 0)), data_(std::exchange(o.data_, nullptr)),
        owner_(std::move(o.owner_)) {}
  Matrix& operator=(const Matrix& o);
  Matrix& operator=(Matrix&& o) noexcept {
    Matrix(std::move(o)).swap(*this);
    return *this;
  }
  void swap(Matrix& o) noexcept {
    std::swap(rows_, o.rows_), std::swap(cols_, o.cols_), std::swap(data_, o.data_), owner_.swap(o.owner_);
  }

  size_t rows() const { return rows_; }
  size_t cols() const { return cols_; }
  size_t size() const { return rows_ * cols_; }
  bool empty() const { return size() == 0; }

  double& operator()(size_t i, size_t j) { return data_[i + j * rows_]; }
  double operator()(size_t i, size_t j) const { return data_[i + j * rows_]; }
  double* data() { return data_; }
  const double* data() const { return data_; }
  double* col(size_t j) { return data_ + j * rows_; }
  const double* col(size_t j) const { return data_ + j * rows_; }

  std::vector<double> row_sums() const;
  std::vector<double> col_sums() const;
  Matrix transposed() const;

  bool operator==(const Matrix& o) const;  // by value, as std::vector's

 private:
  size_t rows_ = 0, cols_ = 0;
  double* data_ = nullptr;
  std::shared_ptr<void> owner_;
};

// C = alpha * op(A) * op(B) + beta * C through BLAS dgemm.
void gemm(const Matrix& A, bool transA, const Matrix& B, bool transB, Matrix& C, double alpha = 1.0,
          double beta = 0.0);
// The same on column-major blocks inside larger matrices: C (m x n, leading dimension ldc) = alpha A (m x k)
// B (k x n) + beta C, no transposes.
void gemm_block(size_t m, size_t n, size_t k, double alpha, const double* A, size_t lda, const double* B, size_t ldb,
                double beta, double* C, size_t ldc);

}  // namespace worldsys
