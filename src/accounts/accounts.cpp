#include "worldsys/accounts/accounts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <unistd.h>

#include "accounts/products.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys {

namespace detail {

Matrix row_imbalance(const Mrio& m) {
  const size_t n = m.n();
  const auto z = m.Z.row_sums(), y = m.Y.row_sums();
  Matrix e(n, 1);
  for (size_t i = 0; i < n; ++i) e(i, 0) = std::fabs(m.x[i] - z[i] - y[i]);
  return e;
}

}  // namespace detail

namespace {

// cba = pba + imp - exp may only fail by the table's own row imbalance e = x - Z1 - Y1 carried through the model:
// |imbalance| <= |S| L |e| per region (see docs/accounts.md). Anything beyond that is a wrong number: fail loudly.
void check_identities(const Mrio& m, const Matrix& Le, const Matrix& S, Accounts& a) {
  const size_t NS = m.sectors.size();
  const size_t s = a.cba.rows(), R = a.cba.cols();
  a.imbalance_bound = Matrix(s, R);
  // Rounding of the solve itself: forward error <= cond(I - A) x relative residual (x10 for safety).
  const double solve_tol = 1e-9 + 10 * a.residual / std::max(a.rcond, 1e-300);
  for (size_t r = 0; r < R; ++r)  // column by column of S (stressors contiguous), sectors in order
    for (size_t j = 0; j < NS; ++j) {
      const double* sc = S.col(r * NS + j);
      const double le = std::fabs(Le(r * NS + j, 0));
      double* bound = a.imbalance_bound.col(r);
      for (size_t k = 0; k < s; ++k) bound[k] += std::fabs(sc[k]) * le;
    }
  for (size_t k = 0; k < s; ++k)
    for (size_t r = 0; r < R; ++r) {
      const double bound = a.imbalance_bound(k, r);
      const double scale = std::fabs(a.cba(k, r)) + std::fabs(a.pba(k, r)) + std::fabs(a.imp(k, r)) +
                           std::fabs(a.exp(k, r));
      if (!(std::fabs(a.imbalance(k, r)) <= bound + solve_tol * scale + 1e-300))
        fail(ErrorKind::numeric,
             fmt::format("accounting identity broken for {} in {}: pba - (cba - imp + exp) = {:.6g} {}, beyond the "
                         "table's own imbalance ({:.6g}); the results are wrong, please report this with the input",
                         m.stressors[a.stressors[k]].name, m.regions[r], a.imbalance(k, r),
                         m.stressors[a.stressors[k]].unit, bound));
    }
}

// The solves and products on the CPU: LAPACK getrs against leo's factors, BLAS for the products.
detail::Products cpu_products(const Mrio& m, const Leontief& leo, const Matrix& S, const Matrix& Yr,
                              const AccountsOptions& opt) {
  const size_t n = m.n(), R = m.regions.size(), NS = m.sectors.size(), s = S.rows();
  detail::Products p;
  p.X = leo.solve(Yr);
  p.residual = leo.residual(p.X, Yr);
  p.rcond = leo.rcond();
  p.Le = leo.solve(detail::row_imbalance(m));
  if (opt.multipliers) {
    p.M = leo.multipliers(S);
    // Checking every row of M would cost as much as computing it; a spread sample of rows catches a bad solve.
    const size_t step = std::max<size_t>(1, s / 16);
    std::vector<size_t> rows;
    for (size_t k = 0; k < s; k += step) rows.push_back(k);
    Matrix Mt(n, rows.size()), St(n, rows.size());
    for (size_t c = 0; c < rows.size(); ++c)
      for (size_t i = 0; i < n; ++i) Mt(i, c) = p.M(rows[c], i), St(i, c) = S(rows[c], i);
    p.residual_M = leo.residual_transposed(Mt, St);
  }

  // Every account is a product of S with blocks of X, done by BLAS: per origin region o, S_o (s x sectors)
  // times X_o (sectors x regions) gives flows from o; per sector j, S_j (s x regions of origin) times X_j
  // (regions of origin x regions) gives each region's footprint arising in sector j.
  p.flows.assign(s, Matrix(R, R));
  Matrix block(s, R);
  for (size_t o = 0; o < R; ++o) {
    gemm_block(s, R, NS, 1.0, S.col(o * NS), s, p.X.data() + o * NS, n, 0.0, block.data(), s);
    for (size_t d = 0; d < R; ++d)
      for (size_t k = 0; k < s; ++k) p.flows[k](o, d) = block(k, d);
  }
  p.cba_sector = Matrix(s, n);
  Matrix Sj(s, R), Xj(R, R);
  for (size_t j = 0; j < NS; ++j) {
    for (size_t o = 0; o < R; ++o) {
      std::copy(S.col(o * NS + j), S.col(o * NS + j) + s, Sj.col(o));
      for (size_t d = 0; d < R; ++d) Xj(o, d) = p.X(o * NS + j, d);
    }
    gemm(Sj, false, Xj, false, block);
    for (size_t d = 0; d < R; ++d) std::copy(block.col(d), block.col(d) + s, p.cba_sector.col(d * NS + j));
  }
  return p;
}

struct Inputs {
  std::vector<size_t> stressors;
  Matrix F, FYr, S, Yr;
};

Inputs inputs(const Mrio& m, const AccountsOptions& opt) {
  const size_t n = m.n(), R = m.regions.size();
  Inputs in;
  in.stressors = opt.stressors;
  if (in.stressors.empty())
    for (size_t k = 0; k < m.stressors.size(); ++k) in.stressors.push_back(k);
  const size_t s = in.stressors.size();
  in.F = Matrix(s, n);
  in.FYr = Matrix(s, R);
  const Matrix FYall = m.F_Y_by_region();
  for (size_t k = 0; k < s; ++k) {
    for (size_t i = 0; i < n; ++i) in.F(k, i) = m.F(in.stressors[k], i);
    for (size_t r = 0; r < R; ++r) in.FYr(k, r) = FYall(in.stressors[k], r);
  }
  in.S = intensities(in.F, m.x);
  in.Yr = m.Y_by_region();
  return in;
}

// Everything after the products: the border split by sector, the regional sums and the identity check.
Accounts finish(const Mrio& m, Inputs in, detail::Products p) {
  const size_t n = m.n(), R = m.regions.size(), NS = m.sectors.size(), s = in.stressors.size();
  const Matrix& S = in.S;
  Accounts a;
  a.stressors = std::move(in.stressors);
  a.X = std::move(p.X);
  a.M = std::move(p.M);
  a.residual = p.residual;
  a.residual_M = p.residual_M;
  a.rcond = p.rcond;
  a.flows = std::move(p.flows);
  a.cba_sector = std::move(p.cba_sector);
  // Domestic parts: what region r's sector i supplies to r's own final demand.
  a.pba_sector = std::move(in.F);  // F is not needed after S
  a.imp_sector = a.cba_sector;
  a.exp_sector = Matrix(s, n);
  a.x_model = a.X.row_sums();
  const auto& x_model = a.x_model;
  for (size_t i = 0; i < n; ++i) {
    const size_t r = m.region_of(i);
    const double own = a.X(i, r), abroad = x_model[i] - own;
    const double* si = S.col(i);
    double* imp = a.imp_sector.col(i);
    double* exp = a.exp_sector.col(i);
    for (size_t k = 0; k < s; ++k) {
      imp[k] -= si[k] * own;
      exp[k] = si[k] * abroad;
    }
  }

  a.cba = Matrix(s, R);
  a.pba = Matrix(s, R);
  a.imp = Matrix(s, R);
  a.exp = Matrix(s, R);
  a.imbalance = Matrix(s, R);
  // Sums over each region's sectors, column by column (stressors contiguous), sectors in order.
  for (size_t r = 0; r < R; ++r)
    for (size_t j = 0; j < NS; ++j) {
      const size_t c = r * NS + j;
      for (auto [sum, part] : {std::pair{&a.cba, &a.cba_sector}, {&a.pba, &a.pba_sector}, {&a.imp, &a.imp_sector},
                               {&a.exp, &a.exp_sector}}) {
        double* to = sum->col(r);
        const double* from = part->col(c);
        for (size_t k = 0; k < s; ++k) to[k] += from[k];
      }
    }
  for (size_t k = 0; k < s; ++k)
    for (size_t r = 0; r < R; ++r) {
      a.cba(k, r) += in.FYr(k, r);
      a.pba(k, r) += in.FYr(k, r);
      a.imbalance(k, r) = a.pba(k, r) - (a.cba(k, r) - a.imp(k, r) + a.exp(k, r));
    }
  check_identities(m, p.Le, S, a);
  return a;
}

}  // namespace

Accounts compute_accounts(const Mrio& m, const Leontief& leo, const AccountsOptions& opt) {
  if (opt.device != Device::cpu)
    fail(ErrorKind::usage, "compute_accounts with a CPU factorization runs on the CPU; for the GPU call "
                           "compute_accounts(m, opt) with opt.device = gpu");
  Inputs in = inputs(m, opt);
  detail::Products p = cpu_products(m, leo, in.S, in.Yr, opt);
  return finish(m, std::move(in), std::move(p));
}

size_t accounts_memory(const Mrio& m, const AccountsOptions& opt) {
  const size_t n = m.n(), R = m.regions.size(), s = opt.stressors.empty() ? m.stressors.size() : opt.stressors.size();
  // I - A in the factorization's precision (the GPU forms a float64 one on the device, a float32 one on the
  // host), then s x n blocks: F, S, three sector views, and with multipliers S^T, M^T and M.
  const bool host_factor = opt.device == Device::cpu || opt.precision != Precision::float64;
  const size_t factor = host_factor ? n * n * (opt.precision == Precision::float64 ? 8 : 4) : 0;
  const size_t blocks = s * n * 8 * (opt.multipliers ? 8 : 5);
  return factor + blocks + n * R * 8 * 3;
}

void require_accounts_memory(const Mrio& m, const AccountsOptions& opt) {
  // Larger than memory: say so before the system starts swapping, with what would help.
  const size_t need = accounts_memory(m, opt);
  const size_t limit =
      opt.memory_limit ? opt.memory_limit : size_t(::sysconf(_SC_PHYS_PAGES)) * size_t(::sysconf(_SC_PAGE_SIZE));
  if (need > limit)
    fail(ErrorKind::usage,
         fmt::format("the accounts of this table need {:.1f} GiB beyond the table itself and {:.1f} GiB are "
                     "available; use --precision float32 (saves {:.1f} GiB), fewer --stressor, or aggregate the table "
                     "(worldsys aggregate)",
                     need / 1073741824.0, limit / 1073741824.0,
                     opt.precision == Precision::float64 ? m.n() * double(m.n()) * 4 / 1073741824.0 : 0.0));
}

Accounts compute_accounts(const Mrio& m, const AccountsOptions& opt) {
  require_accounts_memory(m, opt);
  if (opt.device == Device::cpu) return compute_accounts(m, Leontief(m, opt.precision), opt);
  require_gpu();  // a usage error saying how to get one, in builds without the backend too
#if WORLDSYS_HAVE_CUDA
  Inputs in = inputs(m, opt);
  detail::Products p = detail::gpu_products(m, in.S, in.Yr, opt);
  return finish(m, std::move(in), std::move(p));
#else
  fail(ErrorKind::usage, gpu_unavailable_reason());
#endif
}

}  // namespace worldsys
