// GpuLu and the device helpers (built only with -DWORLDSYS_CUDA=ON).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "linalg/checks.hpp"
#include "linalg/cuda/cuda.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys {

namespace gpu {

namespace {
const char* remedy = "use --precision float32 (half the device memory), fewer --stressor, or --device cpu";
}

void check(cudaError_t status, const char* what) {
  if (status == cudaSuccess) return;
  if (status == cudaErrorMemoryAllocation)
    fail(ErrorKind::usage, fmt::format("{}: the GPU is out of memory ({:.1f} GiB free); {}", what,
                                       free_memory() / 1073741824.0, remedy));
  fail(ErrorKind::numeric, fmt::format("{} failed on the GPU: {} ({})", what, cudaGetErrorString(status),
                                       cudaGetErrorName(status)));
}

void check(cublasStatus_t status, const char* what) {
  if (status == CUBLAS_STATUS_SUCCESS) return;
  if (status == CUBLAS_STATUS_ALLOC_FAILED)
    fail(ErrorKind::usage, fmt::format("{}: the GPU is out of memory; {}", what, remedy));
  fail(ErrorKind::numeric, fmt::format("{} failed on the GPU: {}", what, cublasGetStatusString(status)));
}

void check(cusolverStatus_t status, const char* what) {
  if (status == CUSOLVER_STATUS_SUCCESS) return;
  if (status == CUSOLVER_STATUS_ALLOC_FAILED)
    fail(ErrorKind::usage, fmt::format("{}: the GPU is out of memory; {}", what, remedy));
  fail(ErrorKind::numeric, fmt::format("{} failed on the GPU: cuSOLVER status {}", what, int(status)));
}

Context::Context() {
  require_gpu();
  check(cublasCreate(&blas), "cublasCreate");
  check(cusolverDnCreate(&solver), "cusolverDnCreate");
}

Context::~Context() {  // may run after the runtime has shut down at exit: failures are ignored
  if (solver) cusolverDnDestroy(solver);
  if (blas) cublasDestroy(blas);
}

Context& Context::get() {
  thread_local Context c;
  return c;
}

Buffer<double> to_device(const Matrix& M) {
  Buffer<double> b(M.size());
  b.upload(M.data());
  return b;
}

Matrix to_host(const Buffer<double>& B, size_t rows, size_t cols) {
  Matrix M(rows, cols);
  if (B.size() != M.size()) fail(ErrorKind::numeric, "device buffer and host matrix differ in size");
  B.download(M.data());
  return M;
}

size_t free_memory() {
  size_t free = 0, total = 0;
  return cudaMemGetInfo(&free, &total) == cudaSuccess ? free : 0;
}

}  // namespace gpu

bool gpu_built() { return true; }

std::string gpu_unavailable_reason() {
  static const std::string why = [] {
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess)
      return fmt::format("no usable NVIDIA GPU: the CUDA runtime says \"{}\"; run on a machine with a GPU and its "
                         "driver, or use --device cpu",
                         cudaGetErrorString(status));
    if (count == 0) return std::string("no NVIDIA GPU on this machine; use --device cpu");
    return std::string();
  }();
  return why;
}

std::string gpu_description() {
  if (!gpu_unavailable_reason().empty()) return {};
  cudaDeviceProp p{};
  if (cudaGetDeviceProperties(&p, 0) != cudaSuccess) return {};
  return fmt::format("{} ({:.1f} GiB, compute capability {}.{})", p.name, p.totalGlobalMem / 1073741824.0, p.major,
                     p.minor);
}

namespace {

int as_int(size_t v, const char* what) {
  if (v > size_t(std::numeric_limits<int>::max()))
    fail(ErrorKind::usage, fmt::format("{} {} is beyond cuSOLVER's 32-bit interface; use --device cpu", what, v));
  return int(v);
}

int device_info(const gpu::Buffer<int>& info) {
  int h = 0;
  info.download(&h);
  return h;
}

}  // namespace

std::unique_ptr<GpuLu::Impl> GpuLu::Impl::factor(gpu::Buffer<double> A, size_t n, double anorm,
                                                 const std::function<std::string(size_t)>& label) {
  auto f = std::make_unique<Impl>();
  f->n = n;
  f->anorm = anorm;
  f->ipiv = gpu::Buffer<int>(n);
  if (n > 0) {
    auto& c = gpu::Context::get();
    const int ni = as_int(n, "the order of the system");
    as_int(n * n, "the number of matrix entries");
    int lwork = 0;
    gpu::check(cusolverDnDgetrf_bufferSize(c.solver, ni, ni, A.data(), ni, &lwork), "getrf workspace");
    gpu::Buffer<double> work(std::max(lwork, 1));
    gpu::Buffer<int> info(1);
    gpu::check(cusolverDnDgetrf(c.solver, ni, ni, A.data(), ni, work.data(), f->ipiv.data(), info.data()),
               "cusolverDnDgetrf");
    detail::check_getrf_info(device_info(info), label);
  }
  f->lu = std::move(A);
  return f;
}

std::unique_ptr<GpuLu::Impl> GpuLu::Impl::factor(gpu::Buffer<float> A, size_t n, double anorm,
                                                 const std::function<std::string(size_t)>& label) {
  auto f = std::make_unique<Impl>();
  f->n = n;
  f->anorm = anorm;
  f->ipiv = gpu::Buffer<int>(n);
  if (n > 0) {
    auto& c = gpu::Context::get();
    const int ni = as_int(n, "the order of the system");
    as_int(n * n, "the number of matrix entries");
    int lwork = 0;
    gpu::check(cusolverDnSgetrf_bufferSize(c.solver, ni, ni, A.data(), ni, &lwork), "getrf workspace");
    gpu::Buffer<float> work(std::max(lwork, 1));
    gpu::Buffer<int> info(1);
    gpu::check(cusolverDnSgetrf(c.solver, ni, ni, A.data(), ni, work.data(), f->ipiv.data(), info.data()),
               "cusolverDnSgetrf");
    detail::check_getrf_info(device_info(info), label);
  }
  f->lu32 = std::move(A);
  return f;
}

void GpuLu::Impl::solve(double* B, size_t k, bool transposed) const {
  if (n == 0 || k == 0) return;
  auto& c = gpu::Context::get();
  const int ni = int(n), ki = as_int(k, "the number of right-hand sides");
  const cublasOperation_t op = transposed ? CUBLAS_OP_T : CUBLAS_OP_N;
  gpu::Buffer<int> info(1);
  if (!single()) {
    gpu::check(cusolverDnDgetrs(c.solver, op, ni, ki, lu.data(), ni, ipiv.data(), B, ni, info.data()),
               "cusolverDnDgetrs");
  } else {
    std::vector<double> h(n * k);
    gpu::check(cudaMemcpy(h.data(), B, h.size() * sizeof(double), cudaMemcpyDeviceToHost), "copy from the device");
    std::vector<float> f(h.begin(), h.end());
    gpu::Buffer<float> B32(f.size());
    B32.upload(f.data());
    gpu::check(cusolverDnSgetrs(c.solver, op, ni, ki, lu32.data(), ni, ipiv.data(), B32.data(), ni, info.data()),
               "cusolverDnSgetrs");
    B32.download(f.data());
    std::copy(f.begin(), f.end(), h.begin());
    gpu::check(cudaMemcpy(B, h.data(), h.size() * sizeof(double), cudaMemcpyHostToDevice), "copy to the device");
  }
  if (const int i = device_info(info); i != 0) fail(ErrorKind::numeric, fmt::format("getrs failed with info {}", i));
}

GpuLu::GpuLu(const Matrix& M, const std::function<std::string(size_t)>& label) {
  if (M.rows() != M.cols())
    fail(ErrorKind::numeric, fmt::format("cannot factor a {}x{} matrix: it is not square", M.rows(), M.cols()));
  require_gpu();
  const double anorm = detail::checked_norm1(M.data(), M.rows(), label);
  impl_ = Impl::factor(gpu::to_device(M), M.rows(), anorm, label);
}

GpuLu::GpuLu(const std::vector<float>& M, size_t n, const std::function<std::string(size_t)>& label) {
  if (M.size() != n * n) fail(ErrorKind::numeric, "cannot factor: the matrix is not n x n");
  require_gpu();
  const double anorm = detail::checked_norm1(M.data(), n, label);
  gpu::Buffer<float> A(M.size());
  A.upload(M.data());
  impl_ = Impl::factor(std::move(A), n, anorm, label);
}

GpuLu::GpuLu(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GpuLu::~GpuLu() = default;
GpuLu::GpuLu(GpuLu&&) noexcept = default;

size_t GpuLu::n() const { return impl_->n; }
bool GpuLu::single() const { return impl_->single(); }

namespace {
void host_solve(const GpuLu::Impl& f, Matrix& B, bool transposed) {
  if (B.rows() != f.n)
    fail(ErrorKind::numeric, fmt::format("solve: right-hand side has {} rows, system has {}", B.rows(), f.n));
  if (B.empty()) return;
  gpu::Buffer<double> d = gpu::to_device(B);
  f.solve(d.data(), B.cols(), transposed);
  d.download(B.data());
}
}  // namespace

void GpuLu::solve(Matrix& B) const { host_solve(*impl_, B, false); }
void GpuLu::solve_transposed(Matrix& B) const { host_solve(*impl_, B, true); }

Matrix GpuLu::inverse() const {
  Matrix I(n(), n());
  for (size_t i = 0; i < n(); ++i) I(i, i) = 1.0;
  solve(I);
  return I;
}

// Hager's estimate of ||M^-1||_1 with Higham's extra test vector (the method behind LAPACK's gecon): a handful
// of single-column solves, never the inverse.
double GpuLu::rcond() const {
  const size_t n = this->n();
  if (n == 0) return 1.0;
  if (impl_->anorm == 0) return 0.0;
  auto norm1 = [](const Matrix& v) {
    double s = 0;
    for (size_t i = 0; i < v.size(); ++i) s += std::fabs(v.data()[i]);
    return s;
  };
  Matrix x(n, 1, 1.0 / double(n));
  double est = 0;
  size_t last = n;
  for (int it = 0; it < 5; ++it) {
    Matrix y = x;
    solve(y);
    const double e = norm1(y);
    if (it > 0 && e <= est) break;
    est = e;
    Matrix z(n, 1);
    for (size_t i = 0; i < n; ++i) z(i, 0) = y(i, 0) >= 0 ? 1.0 : -1.0;
    solve_transposed(z);
    size_t j = 0;
    double ztx = 0;
    for (size_t i = 0; i < n; ++i) {
      ztx += z(i, 0) * x(i, 0);
      if (std::fabs(z(i, 0)) > std::fabs(z(j, 0))) j = i;
    }
    if (it > 0 && (std::fabs(z(j, 0)) <= ztx || j == last)) break;
    last = j;
    x = Matrix(n, 1);
    x(j, 0) = 1.0;
  }
  Matrix b(n, 1);
  for (size_t i = 0; i < n; ++i) b(i, 0) = (i % 2 ? -1.0 : 1.0) * (1.0 + (n > 1 ? double(i) / double(n - 1) : 0.0));
  solve(b);
  est = std::max(est, 2.0 * norm1(b) / (3.0 * double(n)));
  return est > 0 ? 1.0 / (impl_->anorm * est) : 0.0;
}

}  // namespace worldsys
