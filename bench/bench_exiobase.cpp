// EXIOBASE-scale accounts (n = 9800, 1,100 stressors) on a synthetic table of EXIOBASE pxp shape: the full
// accounts in each precision, and the floor, one LAPACK factorization of I - A. Run separately, it takes
// minutes:  ./build/worldsys_bench --benchmark_filter=Exio
#include <benchmark/benchmark.h>

#include <cmath>

#include "worldsys/accounts/accounts.hpp"
#include "worldsys/accounts/synthetic.hpp"
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

}  // namespace

BENCHMARK(BM_ExioFactorOnly)->Arg(int(Precision::float64))->Arg(int(Precision::float32))->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_ExioFullAccounts)->Arg(int(Precision::float64))->Arg(int(Precision::mixed))->Arg(int(Precision::float32))->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK_MAIN();
