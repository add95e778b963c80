// Poverty at 100 lines for every country and year 1990-2024 of PIP 2021 PPP (March 2026), each distribution a
// Lorenz curve (GQ or Beta, one per distribution) fitted to its survey's decile shares, two stacked where a year
// lies between surveys, and the CMD economies' log-logistic: headcount, gap and severity, as `worldsys poverty
// STORE` reports them. The store is read once, outside the timing; the fits are inside. Checks its result:
// every headcount rises with the line.
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
  const auto dir = std::filesystem::path(WORLDSYS_SHARED_DATA) / "poverty";
  if (!std::filesystem::exists(dir)) {
    state.SkipWithError(("real data not found at " + dir.string()).c_str());
    return;
  }
  DistributionStore s = io::read_pip2021(dir);
  io::keep_years(s, 1990, 2024);
  std::vector<std::vector<distrib::CountryYear>> panels;
  size_t distributions = 0;
  for (int year : distrib::store_years(s)) {
    panels.push_back(distrib::country_panel(s, year));
    distributions += panels.back().size();
  }
  std::vector<double> lines;
  for (int i = 0; i < 100; ++i) lines.push_back(0.5 * std::pow(100.0, i / 99.0));  // $0.50 to $50, log-spaced
  // What `worldsys poverty STORE` computes: FGT0-2 at every line from the fits (no Watts).
  distrib::PovertyOptions options;
  options.watts = false;
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
      for (double z : lines) {
        const auto est = distrib::country_poverty(fitted, z, options);
        for (size_t i = 0; i < est.size(); ++i) {
          if (!est[i].estimate.has_data) continue;
          const double h = est[i].estimate.measures.headcount;
          if (h < prev[i] - 1e-12) fell = true;
          prev[i] = h;
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
  if (fell) state.SkipWithError("a headcount fell as the line rose");
  state.counters["threads"] = threads;
  state.counters["cpu_s"] = benchmark::Counter((cpu_now() - cpu0) / double(state.iterations()));
  state.counters["distributions"] = double(distributions);
  state.counters["lines"] = double(lines.size());
  state.counters["estimates/s"] =
      benchmark::Counter(double(distributions * lines.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_PipAllCountriesYears100Lines)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
