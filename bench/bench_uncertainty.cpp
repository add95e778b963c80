// Monte Carlo on WIOD 2011 (41 regions x 35 sectors, SEA labour satellites): one perturbed table, and one whole
// draw (perturb, accounts for three stressors, the drain), single-threaded as the draws run. The table is imported
// once, outside the timing. Results are checked, not only timed.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "worldsys/io/groups.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/wiod2013.hpp"
#include "worldsys/io/wiod_sea.hpp"
#include "worldsys/linalg/threads.hpp"
#include "worldsys/scenario/uncertainty.hpp"

namespace fs = std::filesystem;
using namespace worldsys;

namespace {

const fs::path kData = WORLDSYS_SHARED_DATA;

const Mrio* wiod2011() {
  static const Mrio m = [] {
    const fs::path p = fs::temp_directory_path() / "worldsys-bench-wiod2011-sea";
    if (!io::is_store(p)) {
      Mrio t = io::read_wiod2013(kData / "mrio/wiod2013", 2011);
      io::add_sea_satellites(t, io::read_sea(kData / "mrio/wiod2016"), io::read_pwt91(io::kPwt91DebianDir), {});
      io::write_store(t, p, true);
    }
    return io::read_store(p);
  }();
  return &m;
}

bool have_data() { return fs::exists(kData / "mrio/wiod2016") && fs::exists(fs::path(io::kPwt91DebianDir) / "data"); }

scenario::ErrorModel sigma(double s) {
  scenario::ErrorModel e;
  e.sigma_Z = e.sigma_Y = e.sigma_F = s;
  return e;
}

void BM_PerturbWiod2011(benchmark::State& state) {
  if (!have_data()) return state.SkipWithError("needs ../shared/data and r-cran-pwt9");
  const Mrio& m = *wiod2011();
  size_t d = 0;
  for (auto _ : state) {
    const Mrio p = scenario::perturb(m, sigma(0.1), 1, d++);
    benchmark::DoNotOptimize(p.x.data());
  }
}
BENCHMARK(BM_PerturbWiod2011)->Unit(benchmark::kMillisecond);

void BM_UncertaintyDrawWiod2011(benchmark::State& state) {
  if (!have_data()) return state.SkipWithError("needs ../shared/data and r-cran-pwt9");
  const Mrio& m = *wiod2011();
  const Concordance g = io::load_concordance("wiod-north-south", m.regions, "region");
  scenario::UncertaintyOptions o;
  o.stressors = {"labour_hours"};
  o.partition = exchange::make_partition(g);
  o.threads = 1;
  const size_t draws = 8;
  for (auto _ : state) {
    const Table t = scenario::uncertainty(m, sigma(0.1), 1, draws, o);
    if (t.rows() == 0) state.SkipWithError("no rows");
  }
  state.counters["evaluations"] = double(draws + 1);  // the draws and the baseline: time / 9 = one draw
}
BENCHMARK(BM_UncertaintyDrawWiod2011)->Unit(benchmark::kMillisecond);

}  // namespace
