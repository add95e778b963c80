// The accounts' solves and products on the GPU (built only with -DWORLDSYS_CUDA=ON). Z, S, X and the factors of
// I - A live on the device; only X, M, the sector footprints, the flows and the residuals come back. The rest of
// the accounts (border split, sums, identity check) is the CPU's code in accounts.cpp.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "accounts/products.hpp"
#include "linalg/cuda/cuda.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::detail {

namespace {

using gpu::Buffer;
using gpu::check;

constexpr double one = 1.0, minus_one = -1.0, zero = 0.0;

void copy(const double* from, double* to, size_t count) {
  if (count) check(cudaMemcpy(to, from, count * sizeof(double), cudaMemcpyDeviceToDevice), "copy on the device");
}

// dst (cols x rows) := src (rows x cols)^T. dst is zeroed first so that geam's unused operand holds numbers.
void transpose(cublasHandle_t h, const double* src, size_t rows, size_t cols, double* dst) {
  if (rows == 0 || cols == 0) return;
  check(cudaMemset(dst, 0, rows * cols * sizeof(double)), "cudaMemset");
  check(cublasDgeam_64(h, CUBLAS_OP_T, CUBLAS_OP_N, cols, rows, &one, src, rows, &zero, dst, cols, dst, cols),
        "transpose (cublasDgeam)");
}

// The Leontief model on the device: Z, 1/x and the factors of I - A, with the float64 products that the
// residuals and the mixed-precision refinement need (the CPU's Leontief::apply, solve_system and residual).
struct DeviceLeontief {
  size_t n = 0;
  Precision precision = Precision::float64;
  cublasHandle_t h = nullptr;
  Buffer<double> Z, inv_x;
  std::unique_ptr<GpuLu> lu;

  double norm(const double* v, size_t count) const {
    double r = 0;
    if (count) check(cublasDnrm2_64(h, int64_t(count), v, 1, &r), "cublasDnrm2");
    return r;
  }

  // R := (I - A) X = X - Z (diag(1/x) X), or (I - A)^T X = X - diag(1/x) (Z^T X); X and R are n x k.
  void apply(const double* X, size_t k, bool transposed, double* R) const {
    Buffer<double> W(n * k);
    if (!transposed) {
      check(cublasDdgmm_64(h, CUBLAS_SIDE_LEFT, n, k, X, n, inv_x.data(), 1, W.data(), n), "cublasDdgmm");
      copy(X, R, n * k);
      check(cublasDgemm_64(h, CUBLAS_OP_N, CUBLAS_OP_N, n, k, n, &minus_one, Z.data(), n, W.data(), n, &one, R, n),
            "cublasDgemm");
    } else {
      check(cublasDgemm_64(h, CUBLAS_OP_T, CUBLAS_OP_N, n, k, n, &one, Z.data(), n, X, n, &zero, W.data(), n),
            "cublasDgemm");
      check(cublasDdgmm_64(h, CUBLAS_SIDE_LEFT, n, k, W.data(), n, inv_x.data(), 1, W.data(), n), "cublasDdgmm");
      check(cublasDgeam_64(h, CUBLAS_OP_N, CUBLAS_OP_N, n, k, &one, X, n, &minus_one, W.data(), n, R, n),
            "cublasDgeam");
    }
  }

  // R := B - (I - A) X (or transposed); returns ||R|| / ||B||, in float64 like the CPU's residual.
  double residual(const double* X, const double* B, size_t k, bool transposed, double* R) const {
    if (n * k == 0) return 0;
    apply(X, k, transposed, R);
    check(cublasDgeam_64(h, CUBLAS_OP_N, CUBLAS_OP_N, n, k, &one, B, n, &minus_one, R, n, R, n), "cublasDgeam");
    const double b = norm(B, n * k);
    return norm(R, n * k) / (b > 0 ? b : 1.0);
  }

  // X := (I - A)^-1 B (or ^-T); with mixed precision the float32 solve is refined in float64 until the residual
  // stops shrinking, exactly as Leontief::solve_system does on the CPU.
  void solve(const double* B, double* X, size_t k, bool transposed) const {
    copy(B, X, n * k);
    lu->impl().solve(X, k, transposed);
    if (precision != Precision::mixed || n * k == 0) return;
    Buffer<double> R(n * k);
    double previous = INFINITY;
    for (int it = 0; it < 10; ++it) {
      const double r = residual(X, B, k, transposed, R.data());
      if (r <= 1e-15 || r > 0.5 * previous) {
        if (r > 1e-12) refinement_stalled(r);
        break;
      }
      previous = r;
      lu->impl().solve(R.data(), k, transposed);
      check(cublasDaxpy_64(h, int64_t(n * k), &one, R.data(), 1, X, 1), "cublasDaxpy");
    }
  }
};

}  // namespace

Products gpu_products(const Mrio& m, const Matrix& S, const Matrix& Yr, const AccountsOptions& opt) {
  const size_t n = m.n(), R = m.regions.size(), NS = m.sectors.size(), s = S.rows();
  const std::vector<double> inv_x = inverse_output(m.x);
  require_productive(m, inv_x);

  // Device memory, checked before the first allocation: Z, I - A in the factorization's precision, and the
  // largest set of n x k blocks alive at once (S, S^T, M^T and two work blocks while refining M).
  const size_t rhs = std::max(s, R + 1);
  const size_t need = n * n * 8 + n * n * (opt.precision == Precision::float64 ? 8 : 4) + 5 * rhs * n * 8 +
                      s * R * R * 8 + (64u << 20);
  gpu::Context& c = gpu::Context::get();
  const size_t free = gpu::free_memory();
  if (need > free)
    fail(ErrorKind::usage,
         fmt::format("the accounts of this table need {:.1f} GiB on the GPU and {:.1f} GiB are free; use --precision "
                     "float32 (saves {:.1f} GiB), fewer --stressor, or --device cpu",
                     need / 1073741824.0, free / 1073741824.0,
                     opt.precision == Precision::float64 ? n * double(n) * 4 / 1073741824.0 : 0.0));

  DeviceLeontief L;
  L.n = n;
  L.precision = opt.precision;
  L.h = c.blas;
  L.Z = gpu::to_device(m.Z);
  L.inv_x = Buffer<double>(n);
  L.inv_x.upload(inv_x.data());
  auto label = [&m](size_t i) { return m.label(i); };
  if (opt.precision == Precision::float64) {
    // I - A formed on the device from Z: -(Z diag(1/x)), then 1 added along the diagonal (stride n + 1).
    const double anorm = identity_minus_A_norm1(m, inv_x);
    Buffer<double> IA(n * n), ones(n);
    const std::vector<double> h_ones(n, 1.0);
    ones.upload(h_ones.data());
    if (n > 0) {
      check(cublasDdgmm_64(c.blas, CUBLAS_SIDE_RIGHT, n, n, L.Z.data(), n, L.inv_x.data(), 1, IA.data(), n),
            "cublasDdgmm");
      check(cublasDscal_64(c.blas, int64_t(n * n), &minus_one, IA.data(), 1), "cublasDscal");
      check(cublasDaxpy_64(c.blas, int64_t(n), &one, ones.data(), 1, IA.data(), int64_t(n + 1)), "cublasDaxpy");
    }
    L.lu = std::make_unique<GpuLu>(GpuLu::Impl::factor(std::move(IA), n, anorm, label));
  } else {
    // float32 has no cuBLAS conversion: I - A is formed on the host (as the CPU path does) and copied over.
    L.lu = std::make_unique<GpuLu>(identity_minus_A_f32(m.Z, inv_x), n, label);
  }

  Products p;
  Buffer<double> dX(n * R);
  {
    const Buffer<double> dY = gpu::to_device(Yr);
    L.solve(dY.data(), dX.data(), R, false);
    Buffer<double> work(n * R);
    p.residual = L.residual(dX.data(), dY.data(), R, false, work.data());
    p.X = gpu::to_host(dX, n, R);
    const Buffer<double> de = gpu::to_device(row_imbalance(m));
    Buffer<double> dLe(n);
    L.solve(de.data(), dLe.data(), 1, false);
    p.Le = gpu::to_host(dLe, n, 1);
  }
  p.rcond = L.lu->rcond();

  const Buffer<double> dS = gpu::to_device(S);  // s x n
  if (opt.multipliers && s > 0) {
    // M^T = (I - A)^-T S^T, checked for every stressor (a product with Z: cheap on the device).
    Buffer<double> dSt(n * s), dMt(n * s);
    transpose(c.blas, dS.data(), s, n, dSt.data());
    L.solve(dSt.data(), dMt.data(), s, true);
    {
      Buffer<double> work(n * s);
      p.residual_M = L.residual(dMt.data(), dSt.data(), s, true, work.data());
    }
    transpose(c.blas, dMt.data(), n, s, dSt.data());  // dSt now holds M (s x n)
    p.M = gpu::to_host(dSt, s, n);
  } else if (opt.multipliers) {
    p.M = Matrix(0, n);
  }

  p.flows.assign(s, Matrix(R, R));
  p.cba_sector = Matrix(s, n);
  if (s == 0 || n == 0) return p;
  // Footprint by sector where it arises: for each sector j, S_j (s x regions of origin: columns o*NS + j of S,
  // i.e. leading dimension s*NS) times X_j (origins x consumers). X_j is made contiguous by one transpose of X
  // seen as NS x R^2 (X(o*NS + j, d) = T(o + R d, j)); each product lands in columns d*NS + j of the result.
  {
    Buffer<double> dT(n * R), dCS(s * n);
    transpose(c.blas, dX.data(), NS, R * R, dT.data());
    check(cublasDgemmStridedBatched_64(c.blas, CUBLAS_OP_N, CUBLAS_OP_N, s, R, R, &one, dS.data(), s * NS,
                                       (long long)s, dT.data(), R, (long long)(R * R), &zero, dCS.data(), s * NS,
                                       (long long)s, NS),
          "cublasDgemmStridedBatched (sector footprints)");
    dCS.download(p.cba_sector.data());
  }
  // Flows: for each origin o, S_o (s x its sectors) times X_o (its sectors x consumers) = flows from o.
  {
    Buffer<double> dF(s * R * R);
    check(cublasDgemmStridedBatched_64(c.blas, CUBLAS_OP_N, CUBLAS_OP_N, s, R, NS, &one, dS.data(), s,
                                       (long long)(s * NS), dX.data(), n, (long long)NS, &zero, dF.data(), s,
                                       (long long)(s * R), R),
          "cublasDgemmStridedBatched (flows)");
    std::vector<double> F(s * R * R);
    dF.download(F.data());
    for (size_t o = 0; o < R; ++o)
      for (size_t d = 0; d < R; ++d)
        for (size_t k = 0; k < s; ++k) p.flows[k](o, d) = F[k + d * s + o * s * R];
  }
  return p;
}

}  // namespace worldsys::detail
