#pragma once
// Private to the GPU backend (src/*/cuda/, built only with -DWORLDSYS_CUDA=ON): error checks, the library
// handles, device buffers, and GpuLu's device-side state.
#include <cublas_v2.h>
#include <cuda_runtime.h>
#include <cusolverDn.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "worldsys/core/matrix.hpp"
#include "worldsys/linalg/gpu.hpp"

namespace worldsys::gpu {

// Throw a worldsys Error naming the call: out of device memory is a usage error with the remedies, anything else
// a numeric one with the library's own words.
void check(cudaError_t status, const char* what);
void check(cublasStatus_t status, const char* what);
void check(cusolverStatus_t status, const char* what);

// cuBLAS and cuSOLVER handles on device 0, one pair per thread (panels run years on several threads).
struct Context {
  cublasHandle_t blas = nullptr;
  cusolverDnHandle_t solver = nullptr;
  Context();
  ~Context();
  Context(const Context&) = delete;
  static Context& get();
};

// count elements of T in device memory, freed with the object.
template <class T>
class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(size_t count) : count_(count) {
    if (count) check(cudaMalloc(reinterpret_cast<void**>(&p_), count * sizeof(T)), "cudaMalloc");
  }
  ~Buffer() {
    if (p_) cudaFree(p_);
  }
  Buffer(Buffer&& o) noexcept : p_(std::exchange(o.p_, nullptr)), count_(std::exchange(o.count_, 0)) {}
  Buffer& operator=(Buffer&& o) noexcept {
    std::swap(p_, o.p_);
    std::swap(count_, o.count_);
    return *this;
  }
  T* data() const { return p_; }
  size_t size() const { return count_; }
  void upload(const T* host) {
    if (count_) check(cudaMemcpy(p_, host, count_ * sizeof(T), cudaMemcpyHostToDevice), "copy to the device");
  }
  void download(T* host) const {
    if (count_) check(cudaMemcpy(host, p_, count_ * sizeof(T), cudaMemcpyDeviceToHost), "copy from the device");
  }
  Buffer copy() const {
    Buffer c(count_);
    if (count_) check(cudaMemcpy(c.p_, p_, count_ * sizeof(T), cudaMemcpyDeviceToDevice), "copy on the device");
    return c;
  }

 private:
  T* p_ = nullptr;
  size_t count_ = 0;
};

// A host matrix on the device (same column-major layout), and back.
Buffer<double> to_device(const Matrix& M);
Matrix to_host(const Buffer<double>& B, size_t rows, size_t cols);
// Bytes free on device 0 right now.
size_t free_memory();

}  // namespace worldsys::gpu

namespace worldsys {

struct GpuLu::Impl {
  size_t n = 0;
  gpu::Buffer<double> lu;   // float64 factors, or
  gpu::Buffer<float> lu32;  // float32 factors
  gpu::Buffer<int> ipiv;
  double anorm = 0;  // 1-norm of the factored matrix, for rcond

  // Factor the n x n matrix already on the device (its buffer becomes the factors). anorm as above.
  static std::unique_ptr<Impl> factor(gpu::Buffer<double> A, size_t n, double anorm,
                                      const std::function<std::string(size_t)>& label);
  static std::unique_ptr<Impl> factor(gpu::Buffer<float> A, size_t n, double anorm,
                                      const std::function<std::string(size_t)>& label);
  bool single() const { return lu.size() == 0 && n > 0; }
  // B (n x k, on the device, float64) := M^-1 B or M^-T B. Float32 factors solve a float32 copy of B, converted
  // on the host (cuBLAS has no conversion and this backend has no kernels of its own).
  void solve(double* B, size_t k, bool transposed) const;
};

}  // namespace worldsys
