// EXIOBASE-scale accounts (n = 9800, 1,100 stressors) on a synthetic table of EXIOBASE pxp shape: the full
// accounts in each precision, and the floor, one LAPACK factorization of I - A. Run separately, it takes
// minutes:  ./build/worldsys_bench --benchmark_filter=Exio
// The *Gpu benchmarks need a -DWORLDSYS_CUDA=ON build and a device (bench/gpu-bench.sh runs them on a lent one);
// elsewhere they report the reason as an error and time nothing.
#include <benchmark/benchmark.h>

#include <cmath>

#include "worldsys/accounts/accounts.hpp"
#include "worldsys/accounts/synthetic.hpp"
#include "worldsys/linalg/gpu.hpp"
#include "worldsys/linalg/lu.hpp"

using namespace worldsys;

namespace {

const Mrio& exio() {
  static const Mrio m = synthetic_mrio(SyntheticShape{});
  return m;
}

const Accounts& reference() {
  static const Accounts a = compute_accounts(exio());
  return a;
}

// Largest relative difference over cba/pba/imp/exp, scaled by each stressor's largest |cba|.
double max_rel_error(const Accounts& a, const Accounts& ref) {
  double worst = 0;
  for (size_t k = 0; k < ref.cba.rows(); ++k) {
    double scale = 0;
    for (size_t r = 0; r < ref.cba.cols(); ++r) scale = std::max(scale, std::fabs(ref.cba(k, r)));
    if (scale == 0) continue;
    for (const auto& [x, y] : {std::pair{&a.cba, &ref.cba}, {&a.imp, &ref.imp}, {&a.exp, &ref.exp}})
      for (size_t r = 0; r < ref.cba.cols(); ++r) worst = std::max(worst, std::fabs((*x)(k, r) - (*y)(k, r)) / scale);
  }
  return worst;
}

void BM_ExioFullAccounts(benchmark::State& state) {
  const Precision p = Precision(state.range(0));
  const Mrio& m = exio();
  Accounts a;
  for (auto _ : state) a = compute_accounts(m, AccountsOptions{{}, true, p});
  state.SetLabel(to_string(p));
  state.counters["residual"] = a.residual;
  state.counters["max_rel_err_vs_float64"] = p == Precision::float64 ? 0.0 : max_rel_error(a, reference());
}

void BM_ExioFactorOnly(benchmark::State& state) {
  const Mrio& m = exio();
  for (auto _ : state) {
    Leontief leo(m, Precision(state.range(0)));
    benchmark::DoNotOptimize(&leo);
  }
  state.SetLabel(to_string(Precision(state.range(0))));
}

// The CUDA context and library handles are made on first use (a second or so): once, outside any timing.
bool gpu_ready(benchmark::State& state) {
  if (const std::string why = gpu_unavailable_reason(); !why.empty()) {
    state.SkipWithError(why.c_str());
    return false;
  }
  static const bool warm = [] {
    Matrix one(1, 1, 1.0);
    GpuLu(one).solve(one);
    return true;
  }();
  return warm;
}

// Full accounts on the device: Z, S, X and the factors stay there; X, M, the sector views and the flows come
// back; the border split, sums and identity check run on the host (as on the CPU).
void BM_ExioFullAccountsGpu(benchmark::State& state) {
  if (!gpu_ready(state)) return;
  const Precision p = Precision(state.range(0));
  const Mrio& m = exio();
  AccountsOptions opt{{}, true, p};
  opt.device = Device::gpu;
  Accounts a;
  for (auto _ : state) a = compute_accounts(m, opt);
  state.SetLabel(std::string(to_string(p)) + " on " + gpu_description());
  state.counters["residual"] = a.residual;
  state.counters["residual_M"] = a.residual_M;
  state.counters["max_rel_err_vs_cpu_float64"] = max_rel_error(a, reference());
}

// One cuSOLVER getrf of I - A, including the copy of the n x n matrix to the device (formed on the host, untimed).
void BM_ExioFactorOnlyGpu(benchmark::State& state) {
  if (!gpu_ready(state)) return;
  const Precision p = Precision(state.range(0));
  const Mrio& m = exio();
  static const Matrix IA = [&m] {
    Matrix M = technical_coefficients(m.Z, m.x);
    for (size_t i = 0; i < M.size(); ++i) M.data()[i] = -M.data()[i];
    for (size_t i = 0; i < M.rows(); ++i) M(i, i) += 1.0;
    return M;
  }();
  static const std::vector<float> IA32(IA.data(), IA.data() + IA.size());
  for (auto _ : state) {
    if (p == Precision::float64) {
      GpuLu lu(IA);
      benchmark::DoNotOptimize(&lu);
    } else {
      GpuLu lu(IA32, IA.rows());
      benchmark::DoNotOptimize(&lu);
    }
  }
  state.SetLabel(std::string(to_string(p)) + " on " + gpu_description());
}

}  // namespace

BENCHMARK(BM_ExioFactorOnlyGpu)->Arg(int(Precision::float64))->Arg(int(Precision::float32))->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_ExioFullAccountsGpu)->Arg(int(Precision::float64))->Arg(int(Precision::mixed))->Arg(int(Precision::float32))->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_ExioFactorOnly)->Arg(int(Precision::float64))->Arg(int(Precision::float32))->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_ExioFullAccounts)->Arg(int(Precision::float64))->Arg(int(Precision::mixed))->Arg(int(Precision::float32))->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK_MAIN();
