// Monte Carlo on WIOD 2011 (41 regions x 35 sectors, SEA labour satellites): one perturbed table, and one whole
// draw (perturb, accounts for three stressors, the drain), single-threaded as the draws run. The table is imported
// once, outside the timing. Results are checked, not only timed.
//
// At EXIOBASE scale (issue 20), BM_MonteCarloSynthetic/S/solver on a `worldsys synthetic` table of 49 regions x S
// sectors (n = 4,900 or 9,800): the cost of one draw, amortized over every core as the verb runs them, as a
// ratio to one dgetrf of I - A (all cores) timed in the same run. Minutes at n = 9,800:
//   ./build/worldsys_bench --benchmark_filter=MonteCarloSynthetic
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "worldsys/accounts/leontief.hpp"
#include "worldsys/accounts/synthetic.hpp"

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
    const Table t = scenario::uncertainty(m, sigma(0.1), 1, draws, o).intervals;
    if (t.rows() == 0) state.SkipWithError("no rows");
  }
  state.counters["evaluations"] = double(draws + 1);  // the draws and the baseline: time / 9 = one draw
}
BENCHMARK(BM_UncertaintyDrawWiod2011)->Unit(benchmark::kMillisecond);

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void BM_MonteCarloSynthetic(benchmark::State& state) {
  const size_t sectors = size_t(state.range(0));
  const auto solver = scenario::DrawSolver(state.range(1));
  static std::map<size_t, Mrio> tables;
  if (!tables.count(sectors)) tables.emplace(sectors, synthetic_mrio({49, sectors, 7, 1100, 1}));
  const Mrio& m = tables.at(sectors);
  const size_t n = m.n();
  // The floor: one factorization of I - A on every core (the matrix is formed outside the timing).
  Matrix IA(n, n);
  const auto inv_x = [&] {
    std::vector<double> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = m.x[i] > 0 ? 1 / m.x[i] : 0;
    return v;
  }();
  for (size_t j = 0; j < n; ++j) {
    for (size_t i = 0; i < n; ++i) IA(i, j) = -m.Z(i, j) * inv_x[j];
    IA(j, j) += 1;
  }
  auto t0 = std::chrono::steady_clock::now();
  { const LuFactor lu(IA); }
  const double getrf = seconds_since(t0);

  scenario::UncertaintyOptions o;
  o.stressors = {"stressor_0001", "stressor_0002", "stressor_0003"};
  o.solver = solver;
  const size_t cores = std::max(1u, std::thread::hardware_concurrency());
  // Two runs, of `few` and `many` draws: their difference is the draws alone (the baseline's factorization and
  // the set-up cancel).
  const size_t few = cores, many = 4 * cores;
  double per_draw = 0;
  std::optional<scenario::MonteCarlo> mc;
  for (auto _ : state) {
    t0 = std::chrono::steady_clock::now();
    scenario::uncertainty(m, sigma(0.1), 1, few, o);
    const double t_few = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    mc = scenario::uncertainty(m, sigma(0.1), 1, many, o);
    per_draw = (seconds_since(t0) - t_few) / double(many - few);
  }
  size_t refined = 0;
  double contraction = 0, iterations = 0;
  const Table& draws = mc->draws;
  for (size_t d = 0; d < draws.rows(); ++d) {
    refined += draws.column("solver").text[d] == "refined";
    iterations += draws.column("iterations").num[d];
    contraction = std::max(contraction, draws.column("contraction").num[d]);
  }
  state.SetLabel(fmt::format("n={} {}", n, scenario::to_string(solver)));
  state.counters["getrf_s"] = getrf;
  state.counters["draw_s"] = per_draw;
  state.counters["draw_per_getrf"] = per_draw / getrf;
  state.counters["refined_share"] = double(refined) / double(draws.rows());
  state.counters["mean_iterations"] = iterations / double(draws.rows());
  state.counters["max_contraction"] = contraction;
}
BENCHMARK(BM_MonteCarloSynthetic)
    ->ArgsProduct({{100, 200}, {int(scenario::DrawSolver::refine), int(scenario::DrawSolver::factor)}})
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

}  // namespace
