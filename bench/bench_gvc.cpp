// Value-added trade and gross-export decompositions (worldsys gvc): each measure at its finest level, on WIOD 2013
// 2011 (n = 1,435) and on synthetic tables of EXIOBASE shape (49 regions x 100 or 200 products: n = 4,900, 9,800),
// with one LAPACK factorization of I - A of the same table timed in the same run as the yardstick.
//   ./build/worldsys_bench --benchmark_filter=Gvc
// The n = 9,800 cases take minutes: --benchmark_filter='Gvc.*/4900' for the smaller one.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>

#include "worldsys/accounts/leontief.hpp"
#include "worldsys/accounts/synthetic.hpp"
#include "worldsys/core/table.hpp"
#include "worldsys/gvc/gvc.hpp"
#include "worldsys/io/wiod2013.hpp"

using namespace worldsys;

namespace {

const Mrio* wiod() {
  static const std::filesystem::path dir = std::filesystem::path(WORLDSYS_SHARED_DATA) / "mrio/wiod2013";
  static const Mrio m = std::filesystem::exists(dir) ? io::read_wiod2013(dir, 2011) : Mrio{};
  return m.regions.empty() ? nullptr : &m;
}

const Mrio& synthetic(size_t n) {
  static std::map<size_t, Mrio> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, synthetic_mrio({49, n / 49, 7, 4, 1})).first;
  return it->second;
}

const char* const measures[] = {"exports", "vax", "va-origin",     "va-balance",    "tiva",  "kww",
                                "wwz",     "borin-mancini", "participation", "chains", "va-destination"};

gvc::Options finest(const std::string& measure) {
  gvc::Options o;
  o.by = gvc::By::exporter_importer_sector;
  if (measure == "tiva") o.by = gvc::By::exporter;
  if (measure == "participation" || measure == "chains") o.by = gvc::By::exporter_sector;
  if (measure == "va-balance") o.by = gvc::By::exporter_importer;
  return o;
}

void run(benchmark::State& state, const Mrio& m, const std::string& measure) {
  const gvc::Options o = finest(measure);
  size_t rows = 0;
  for (auto _ : state) rows = gvc::measure(measure, m, o).rows();
  state.counters["rows"] = double(rows);
  state.counters["n"] = double(m.n());
}

void BM_GvcWiod(benchmark::State& state) {
  if (!wiod()) return state.SkipWithError("WIOD 2013 not found beside the project (../shared/data)");
  run(state, *wiod(), measures[state.range(0)]);
  state.SetLabel(measures[state.range(0)]);
}
BENCHMARK(BM_GvcWiod)->DenseRange(0, 10)->Unit(benchmark::kMillisecond);

void BM_GvcWiodFactorOnly(benchmark::State& state) {
  if (!wiod()) return state.SkipWithError("WIOD 2013 not found beside the project (../shared/data)");
  for (auto _ : state) benchmark::DoNotOptimize(Leontief(*wiod()));
}
BENCHMARK(BM_GvcWiodFactorOnly)->Unit(benchmark::kMillisecond);

void BM_GvcSyntheticFactorOnly(benchmark::State& state) {
  const Mrio& m = synthetic(size_t(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(Leontief(m));
}
BENCHMARK(BM_GvcSyntheticFactorOnly)->Arg(4900)->Arg(9800)->Unit(benchmark::kSecond)->Iterations(1);

// The decompositions that cost most: WWZ and KWW (G^2 right-hand sides), Borin-Mancini (n right-hand sides for
// B's diagonal blocks), and VAX as the cheapest full measure.
void BM_GvcSynthetic(benchmark::State& state) {
  static const char* const heavy[] = {"vax", "wwz", "borin-mancini"};
  const Mrio& m = synthetic(size_t(state.range(0)));
  run(state, m, heavy[state.range(1)]);
  state.SetLabel(heavy[state.range(1)]);
}
BENCHMARK(BM_GvcSynthetic)
    ->ArgsProduct({{4900, 9800}, {0, 1, 2}})
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace
