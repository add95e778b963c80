// drain: the arguments into an exchange::DrainRequest, the tables, groups and Penn World Table read here.
#include <functional>
#include <memory>
#include <optional>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/exchange/panel.hpp"
#include "worldsys/io/drain_source.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/linalg/threads.hpp"

namespace worldsys::api {

namespace {
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
  r.skill = a.skill;
  r.combine = exchange::parse_combine(a.combine);
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
std::shared_ptr<const io::Pwt> read_pwt(const std::string& pwt) {
  return std::make_shared<io::Pwt>(io::read_pwt(pwt.empty() ? std::string(io::kPwt91DebianDir) : pwt));
}

// `open` replaces the source's store reader (a table in memory); empty: io::drain_source's.
Table run_drain(std::vector<std::string> stores, const DrainArgs& a, const ProgressFn& progress,
                std::function<Mrio(const std::string&)> open = {}) {
  const exchange::DrainRequest r = request(a);
  if (a.lost_growth && a.constant_prices == 0)
    fail(ErrorKind::usage, "--lost-growth compounds a series: give --panel and --constant-prices YEAR");
  exchange::DrainSource src =
      io::drain_source(std::move(stores), r.needs_pwt() ? read_pwt(a.pwt) : nullptr, a.erdi_variable);
  if (open) src.open = std::move(open);
  return exchange::drain_panel(src, r, progress);
}
}  // namespace

Table drain(const std::vector<std::string>& stores, const DrainArgs& a, const ProgressFn& progress) {
  // A panel's years as a cluster's tasks compute them (linalg/threads.hpp), so --scheduler gives the same bits.
  std::optional<SerialBlas> one;
  if (stores.size() > 1) one.emplace();
  return run_drain(stores, a, progress);
}

Table drain(const Mrio& m, const DrainArgs& a) {
  return run_drain({"(in memory)"}, a, {}, [&m](const std::string&) { return m; });
}

Table sensitivity(const std::vector<std::string>& stores, const SensitivityArgs& a) {
  const auto pwt = read_pwt(a.pwt);
  exchange::SensitivityRequest r{a.factor, {}, a.groups, {}};
  for (const auto& at : a.attributions) r.attributions.push_back(exchange::parse_attribution(at));
  for (const auto& row : a.rows) r.rows.push_back(exchange::parse_side(row));
  return exchange::sensitivity_table(io::drain_source(stores, pwt, a.erdi_variable), r);
}

}  // namespace worldsys::api
