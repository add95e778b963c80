// scenario, prices and uncertainty: the arguments into the scenario engine's options, groups read here.
#include <cmath>
#include <fmt/format.h>

#include <filesystem>
#include <optional>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/exchange/panel.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/scenario/prices.hpp"

namespace worldsys::api {

namespace {
std::optional<Concordance> region_groups(const std::string& groups, const Mrio& m) {
  if (groups.empty()) return std::nullopt;
  return io::load_groups(groups, m.regions, m.provenance.year);
}

Table price_table(const Mrio& m, const scenario::Scenario& s, const std::vector<std::string>& categories,
                  const std::optional<Concordance>& g, bool by_sector) {
  scenario::PriceOptions o;
  o.categories = categories;
  o.groups = g ? &*g : nullptr;
  o.by_sector = by_sector;
  return scenario::price_effects(m, scenario::price_shock(m, s), o);
}
}  // namespace

Table scenario(const Mrio& m, const scenario::Scenario& s, const ScenarioArgs& a) {
  const auto g = region_groups(a.groups, m);
  if (a.prices) return price_table(m, s, a.final_demand, g, a.by_sector);
  scenario::DiffOptions o;
  o.stressors = a.stressors;
  o.groups = g ? &*g : nullptr;
  return scenario::scenario_diff(m, s, o);
}

scenario::Scenario prices_scenario(const PricesArgs& a) {
  if (a.to_level_of.empty() == (a.scale == 0))
    fail(ErrorKind::usage, "give exactly one of --to-level-of REGIONS or --scale FACTOR");
  if (a.scale != 0 && !(std::isfinite(a.scale) && a.scale > 0))
    fail(ErrorKind::usage, fmt::format("--scale {}: the factor wages are multiplied by must be a finite number > 0",
                                       a.scale));
  if (a.by != "sector" && a.by != "economy") fail(ErrorKind::usage, fmt::format("by = '{}': use sector or economy", a.by));
  scenario::Scenario s;
  s.name = "prices";
  s.origin = "command line";
  s.groups = a.groups;
  scenario::Change c;
  c.kind = scenario::ChangeKind::wage;
  c.stressors = {a.raise};
  c.where = Position{"--raise"};
  for (const auto& r : a.in)
    if (r != "*") c.regions.items.push_back(r), c.regions.where.push_back(Position{"--in"});
  for (const auto& r : a.to_level_of)
    c.to_level_of.items.push_back(r), c.to_level_of.where.push_back(Position{"--to-level-of"});
  if (a.scale != 0) c.scale = a.scale;
  c.per = a.per;
  c.by_sector = a.by == "sector";
  c.no_cut = a.no_cut;
  s.changes.push_back(c);
  return s;
}

Table prices(const Mrio& m, const PricesArgs& a) {
  const scenario::Scenario s = prices_scenario(a);
  const std::string shown = a.groups.empty() && !a.to_level_of.empty() ? io::default_north_south(m.regions, m.provenance.year) : a.groups;
  std::optional<Concordance> g;
  if (!shown.empty()) {
    try {
      g = region_groups(shown, m);
    } catch (const Error&) {
      if (!a.groups.empty()) throw;  // the default split may not fit this table: then no group rows
    }
  }
  return price_table(m, s, a.final_demand, g, a.by_sector);
}

Table prices(const std::string& store, const PricesArgs& a) {
  prices_scenario(a);  // argument errors before the table is read
  return prices(open_store(store), a);
}

scenario::ErrorModel error_model(const std::string& store, const UncertaintyArgs& a) {
  scenario::ErrorModel e;
  e.sigma_Z = a.sigma_z.value_or(a.sigma);
  e.sigma_Y = a.sigma_y.value_or(a.sigma);
  e.sigma_F = a.sigma_f.value_or(a.sigma);
  e.rebalance = a.rebalance;
  if (!a.cell_sd) return e;
  const std::filesystem::path dir = store.empty() ? io::default_store_path() : std::filesystem::path(store);
  size_t found = 0;
  for (auto [name, target] : {std::pair{"Z_sd", &e.Z_sd}, {"Y_sd", &e.Y_sd}, {"F_sd", &e.F_sd}, {"F_Y_sd", &e.F_Y_sd}})
    if (auto sd = io::read_store_matrix(dir, name)) *target = std::move(*sd), ++found;
  if (!found)
    fail(ErrorKind::usage,
         fmt::format("--cell-sd: {} holds no Z_sd.npy, Y_sd.npy, F_sd.npy or F_Y_sd.npy", dir.string()));
  return e;
}

scenario::MonteCarlo uncertainty(const Mrio& m, const scenario::ErrorModel& e, const UncertaintyArgs& a) {
  if (a.draws == 0) fail(ErrorKind::usage, "draws must be positive");
  scenario::UncertaintyOptions o;
  o.stressors = a.stressors;
  o.threads = a.threads;
  o.solver = scenario::parse_draw_solver(a.solver);
  std::optional<Concordance> g;
  if (!a.groups.empty() || a.drain) g = region_groups(a.groups.empty() ? io::default_north_south(m.regions, m.provenance.year) : a.groups, m);
  if (g) o.groups = &*g;
  if (a.drain) {
    o.partition = exchange::make_partition(*g, a.north, a.south);
    o.drain.factor = a.factor;
    for (const auto& v : a.valuations) {
      const auto val = exchange::parse_valuation(v);
      if (val == exchange::Valuation::erdi)
        fail(ErrorKind::usage, "--valuation erdi needs PWT price levels; not available in uncertainty yet");
      o.valuations.push_back(val);
    }
  }
  return scenario::uncertainty(m, e, a.seed, a.draws, o);
}

scenario::MonteCarlo uncertainty(const std::string& store, const UncertaintyArgs& a) {
  const Mrio m = open_store(store);
  return uncertainty(m, error_model(store, a), a);
}

}  // namespace worldsys::api
