// drain: the arguments into an exchange::DrainRequest, the tables, groups and Penn World Table read here.
#include <optional>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/exchange/panel.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/linalg/threads.hpp"

namespace worldsys::api {

namespace {
// Hands the exchange room what it reads: stores, region groups and (with `pwt`) Penn World Table figures.
// `open` reads a table by name (default: open_store).
exchange::DrainSource drain_source(std::vector<std::string> stores, const io::Pwt* pwt, const std::string& variable,
                                   std::function<Mrio(const std::string&)> open = {}) {
  exchange::DrainSource s;
  s.tables = std::move(stores);
  s.open = open ? std::move(open) : [](const std::string& store) { return open_store(store); };
  s.groups = [](const std::string& groups, const Mrio& m) {
    return io::load_groups(groups.empty() ? io::default_north_south(m.regions) : groups, m.regions,
                           m.provenance.year);
  };
  if (!pwt) return s;
  s.price_levels = [pwt, variable](const Mrio& m) {
    const auto rp = io::region_price_levels(*pwt, m.regions, *m.provenance.year, variable, io::weight_for(variable));
    return exchange::PriceLevels{variable, pwt->source, rp.level, rp.weight, rp.note};
  };
  s.us_deflator = [pwt](int year) { return io::us_gdp_deflator(*pwt, year); };
  s.real_growth = [pwt](const Mrio& m, const std::vector<bool>& in_group) {
    return io::real_growth(*pwt, m.regions, in_group, *m.provenance.year);
  };
  return s;
}

exchange::DrainRequest request(const DrainArgs& a) {
  exchange::DrainRequest r;
  r.valuations.clear();
  for (const auto& v : a.valuations) {
    if (v == "all") {
      for (auto x : {exchange::Valuation::northern_prices, exchange::Valuation::global_prices,
                     exchange::Valuation::wage_gap, exchange::Valuation::erdi})
        r.valuations.push_back(x);
    } else {
      r.valuations.push_back(exchange::parse_valuation(v));
    }
  }
  if (a.definition != "net-quantity" && a.definition != "underpayment")
    fail(ErrorKind::usage, "definition: use net-quantity or underpayment");
  if (a.by != "groups" && a.by != "region") fail(ErrorKind::usage, "by: use groups or region");
  if (a.erdi_reference != "north" && a.erdi_reference != "world")
    fail(ErrorKind::usage, "erdi_reference: use north or world");
  r.groups = a.groups;
  r.north = a.north;
  r.south = a.south;
  if (!a.row.empty()) r.row = exchange::parse_side(a.row);
  r.options.factor = a.factor;
  r.options.value = a.value;
  r.options.wage = a.wage;
  r.options.definition =
      a.definition == "underpayment" ? exchange::Definition::underpayment : exchange::Definition::net_quantity;
  r.options.attribution = exchange::parse_attribution(a.attribution);
  r.options.wage_by_sector = a.wage_by_sector;
  r.options.erdi_world_reference = a.erdi_reference == "world";
  r.options.erdi_all_exports = a.erdi_all_exports;
  r.options.erdi_clamp = a.erdi_clamp;
  r.final_demand = a.final_demand;
  r.by_region = a.by == "region";
  r.constant_prices = a.constant_prices;
  r.lost_growth = a.lost_growth;
  return r;
}
}  // namespace

namespace {
Table run_drain(exchange::DrainSource src, const DrainArgs& a, const ProgressFn& progress) {
  const exchange::DrainRequest r = request(a);
  if (a.lost_growth && a.constant_prices == 0)
    fail(ErrorKind::usage, "--lost-growth compounds a series: give --panel and --constant-prices YEAR");
  std::optional<io::Pwt> pwt;
  if (r.needs_pwt()) pwt = io::read_pwt(a.pwt.empty() ? std::string(io::kPwt91DebianDir) : a.pwt);
  if (pwt) src = drain_source(std::move(src.tables), &*pwt, a.erdi_variable, std::move(src.open));
  return exchange::drain_panel(src, r, progress);
}
}  // namespace

Table drain(const std::vector<std::string>& stores, const DrainArgs& a, const ProgressFn& progress) {
  // A panel's years as a cluster's tasks compute them (linalg/threads.hpp), so --scheduler gives the same bits.
  std::optional<SingleThreadedBlas> one;
  if (stores.size() > 1) one.emplace();
  return run_drain(drain_source(stores, nullptr, a.erdi_variable), a, progress);
}

Table drain(const Mrio& m, const DrainArgs& a) {
  return run_drain(drain_source({"(in memory)"}, nullptr, a.erdi_variable, [&m](const std::string&) { return m; }),
                   a, {});
}

Table sensitivity(const std::vector<std::string>& stores, const SensitivityArgs& a) {
  const io::Pwt pwt = io::read_pwt(a.pwt.empty() ? std::string(io::kPwt91DebianDir) : a.pwt);
  exchange::SensitivityRequest r{a.factor, {}, a.groups, {}};
  for (const auto& at : a.attributions) r.attributions.push_back(exchange::parse_attribution(at));
  for (const auto& row : a.rows) r.rows.push_back(exchange::parse_side(row));
  return exchange::sensitivity_table(drain_source(stores, &pwt, a.erdi_variable), r);
}

}  // namespace worldsys::api
