// Unequal exchange, all methods, all WIOD years with SEA satellites (2000-2011): read each year's store, solve
// the accounts (and multipliers) for the three stressors the methods need, value the net flow four ways under
// both attributions (footprint, EEBT). The panel is imported
// once, outside the timing (parsing is done once in worldsys). The result is checked, not only timed.
#include <benchmark/benchmark.h>

#include <cmath>
#include <filesystem>

#include "worldsys/accounts/accounts.hpp"
#include "worldsys/exchange/drain.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/wiod2013.hpp"
#include "worldsys/io/wiod_sea.hpp"

namespace fs = std::filesystem;
using namespace worldsys;

namespace {

const fs::path kData = WORLDSYS_SHARED_DATA;

fs::path panel() {
  static const fs::path dir = [] {
    const fs::path p = fs::temp_directory_path() / "worldsys-bench-wiod-sea";
    if (io::is_panel(p) && io::panel_years(p).size() == 12) return p;
    const io::Sea sea = io::read_sea(kData / "mrio/wiod2016");
    const io::Pwt pwt = io::read_pwt91(io::kPwt91DebianDir);
    std::vector<int> years;
    for (int y = 2000; y <= 2011; ++y) years.push_back(y);
    io::write_panel(
        years,
        [&](int y) {
          Mrio m = io::read_wiod2013(kData / "mrio/wiod2013", y);
          io::add_sea_satellites(m, sea, pwt, {});
          return m;
        },
        p, true);
    return p;
  }();
  return dir;
}

void BM_DrainAllMethodsWiod2000to2011(benchmark::State& state) {
  if (!fs::exists(kData / "mrio/wiod2016") || !fs::exists(fs::path(io::kPwt91DebianDir) / "data")) {
    state.SkipWithError("needs ../shared/data and r-cran-pwt9");
    return;
  }
  const fs::path dir = panel();
  const io::Pwt pwt = io::read_pwt91(io::kPwt91DebianDir);
  for (auto _ : state) {
    double total = 0;
    for (const auto& [year, path] : io::panel_years(dir)) {
      const Mrio m = io::read_store(path);
      const auto part = exchange::make_partition(io::load_concordance("wiod-north-south", m.regions, "region"));
      const Accounts acc = compute_accounts(m, {{m.stressor_index("labour_hours"), m.stressor_index("value_added"),
                                                 m.stressor_index("labour_compensation")},
                                                true});  // multipliers for the EEBT attribution
      const auto rp = io::region_price_levels(pwt, m.regions, year, "pl_da", "cda");
      const exchange::PriceLevels pl{"pl_da", pwt.source, rp.level, rp.weight, rp.note};
      for (auto attribution : {exchange::Attribution::footprint, exchange::Attribution::eebt}) {
        double net = NAN;
        for (auto v : {exchange::Valuation::northern_prices, exchange::Valuation::global_prices,
                       exchange::Valuation::wage_gap, exchange::Valuation::erdi}) {
          exchange::DrainOptions o;
          o.valuation = v;
          o.prices = &pl;
          o.attribution = attribution;
          const auto d = exchange::compute_drain(m, acc, part, o);
          // Every valuation sees the same flows, and each value is finite.
          if (!std::isnan(net) && d.net() != net) state.SkipWithError("valuations disagree on the net flow");
          if (!std::isfinite(d.value)) state.SkipWithError("non-finite drain");
          net = d.net();
          total += d.value;
        }
      }
    }
    benchmark::DoNotOptimize(total);
  }
}
BENCHMARK(BM_DrainAllMethodsWiod2000to2011)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

}  // namespace
