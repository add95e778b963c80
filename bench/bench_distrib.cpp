// Poverty at 100 lines for every country and year of the PIP 2011 PPP table, each distribution a Lorenz
// curve (GQ and Beta fitted, PIP's choice per line) fitted to its decile shares: headcount, gap and severity,
// as `worldsys poverty STORE --estimates lorenz` reports them. The store is read once,
// outside the timing; the fits are inside. Checks its result: headcounts rise with the line.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>
#include <time.h>
#include <filesystem>
#include <string>

#include "worldsys/distrib/world.hpp"
#include "worldsys/io/distributions.hpp"

using namespace worldsys;

namespace {

void BM_PipAllCountriesYears100Lines(benchmark::State& state) {
  const auto dir = std::filesystem::path(WORLDSYS_SHARED_DATA) / "poverty/pip_2011ppp";
  if (!std::filesystem::exists(dir)) {
    state.SkipWithError(("real data not found at " + dir.string()).c_str());
    return;
  }
  const DistributionStore s = io::read_pip2011(dir);
  std::vector<std::vector<distrib::CountryYear>> panels;
  size_t distributions = 0;
  for (int year : distrib::store_years(s)) {
    panels.push_back(distrib::country_panel(s, year));
    for (const auto& c : panels.back()) distributions += c.grouped.has_value();
  }
  std::vector<double> lines;
  for (int i = 0; i < 100; ++i) lines.push_back(0.5 * std::pow(100.0, i / 99.0));  // $0.50 to $50, log-spaced
  // What `worldsys poverty STORE --estimates lorenz` computes: FGT0-2 at every line from the fits (no Watts).
  const distrib::PovertyOptions options{distrib::LorenzMethod::automatic, false, false};
  // Years are independent: one thread per core, each taking the next year.
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::atomic<bool> fell{false};
  double checksum = 0;
  // Process CPU time (all threads): on a machine shared with other work it says what wall time hides.
  auto cpu_now = [] {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
  };
  const double cpu0 = cpu_now();
  for (auto _ : state) {
    std::atomic<size_t> next{0};
    std::vector<double> sums(threads, 0);
    auto work = [&](unsigned t) {
     for (size_t y = next++; y < panels.size(); y = next++) {
      const auto& panel = panels[y];
      const auto fitted = distrib::fit_panel(panel);
      std::vector<double> prev(panel.size(), 0);
      std::vector<std::string> model(panel.size());
      for (double z : lines) {
        const auto est = distrib::country_poverty(fitted, z, options);
        for (size_t i = 0; i < est.size(); ++i) {
          if (est[i].source != distrib::EstimateSource::lorenz) continue;
          const double h = est[i].estimate.measures.headcount;
          // PIP's per-line choice of curve may switch models between lines (18 times in this table); within
          // one curve the headcount must rise.
          if (h < prev[i] - 1e-12 && model[i] == est[i].model) fell = true;
          prev[i] = h;
          model[i] = est[i].model;
          sums[t] += h;
        }
      }
     }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
    for (auto& th : pool) th.join();
    checksum = 0;
    for (double v : sums) checksum += v;
    benchmark::DoNotOptimize(checksum);
  }
  if (fell) state.SkipWithError("headcount fell as the line rose within one Lorenz curve");
  state.counters["threads"] = threads;
  state.counters["cpu_s"] = benchmark::Counter((cpu_now() - cpu0) / double(state.iterations()));
  state.counters["distributions"] = double(distributions);
  state.counters["lines"] = double(lines.size());
  state.counters["estimates/s"] =
      benchmark::Counter(double(distributions * lines.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_PipAllCountriesYears100Lines)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
