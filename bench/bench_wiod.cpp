// WIOD 2013 benchmarks on the real files: import of one year, full accounts from an opened store, and the
// 17-year panel imported and computed. Each benchmark checks its result as well as its time.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <thread>

#include "worldsys/accounts/accounts.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/wiod2013.hpp"
#include "worldsys/linalg/threads.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

fs::path wiod_dir() { return fs::path(WORLDSYS_SHARED_DATA) / "mrio/wiod2013"; }

bool have_data(benchmark::State& state) {
  if (fs::exists(wiod_dir())) return true;
  state.SkipWithError("../shared/data/mrio/wiod2013 not found");
  return false;
}

fs::path store_2011() {
  static const fs::path p = [] {
    fs::path dir = fs::temp_directory_path() / "worldsys-bench-wiod2011";
    io::write_store(io::read_wiod2013(wiod_dir(), 2011), dir, true);
    return dir;
  }();
  return p;
}

void check(benchmark::State& state, const Accounts& a) {
  if (a.residual > 1e-12 || a.cba.cols() != 41) state.SkipWithError("wrong result");
}

// Parse Z, Y, x (gzip CSV) and labels into a validated table with value added.
void BM_ImportOneYear(benchmark::State& state) {
  if (!have_data(state)) return;
  for (auto _ : state) {
    Mrio m = io::read_wiod2013(wiod_dir(), 2011);
    benchmark::DoNotOptimize(m.Z.data());
  }
}

// Parse and write the store (what `worldsys import --year` does).
void BM_ImportOneYearToStore(benchmark::State& state) {
  if (!have_data(state)) return;
  const fs::path out = fs::temp_directory_path() / "worldsys-bench-import";
  for (auto _ : state) io::write_store(io::read_wiod2013(wiod_dir(), 2011), out, true);
  fs::remove_all(out);
}

// Open the store and compute every account: M, cba/pba/imp/exp by region and sector, bilateral flows.
void BM_FullAccountsFromStore(benchmark::State& state) {
  if (!have_data(state)) return;
  const fs::path dir = store_2011();
  for (auto _ : state) {
    const Mrio m = io::read_store(dir);
    const Accounts a = compute_accounts(m);
    check(state, a);
  }
}

// Only the computation, the store already in memory.
void BM_FullAccountsInMemory(benchmark::State& state) {
  if (!have_data(state)) return;
  const Mrio m = io::read_store(store_2011());
  for (auto _ : state) check(state, compute_accounts(m));
}

// All 17 years: import and full accounts, years spread over the cores (BLAS single-threaded inside each).
void BM_Panel17Years(benchmark::State& state) {
  if (!have_data(state)) return;
  const auto years = io::wiod2013_years(wiod_dir());
  for (auto _ : state) {
    std::vector<double> world(years.size());
    parallel_for(years.size(), [&](size_t i) {
      const Mrio m = io::read_wiod2013(wiod_dir(), years[i]);
      const Accounts a = compute_accounts(m);
      for (size_t r = 0; r < a.cba.cols(); ++r) world[i] += a.cba(0, r);
    });
    for (double w : world)
      if (!(w > 0)) state.SkipWithError("wrong result");
  }
  state.counters["years"] = double(years.size());
}

// The floor: one LU factorization of I - A (LAPACK dgetrf) and nothing else.
void BM_FactorOnly(benchmark::State& state) {
  if (!have_data(state)) return;
  const Mrio m = io::read_store(store_2011());
  for (auto _ : state) {
    Leontief leo(m);
    benchmark::DoNotOptimize(&leo);
  }
}

}  // namespace

BENCHMARK(BM_FactorOnly)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_ImportOneYear)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_ImportOneYearToStore)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_FullAccountsFromStore)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_FullAccountsInMemory)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_Panel17Years)->Unit(benchmark::kMillisecond)->MinTime(5)->UseRealTime();

