#include "worldsys/report/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "worldsys/accounts/tables.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/exchange/drain.hpp"
#include "worldsys/report/svg.hpp"

namespace worldsys {

Summary summarize(const Mrio& m, const Accounts& a, const std::string& stressor, const Concordance& groups) {
  const size_t idx = m.stressor_index(stressor);
  const auto it = std::find(a.stressors.begin(), a.stressors.end(), idx);
  if (it == a.stressors.end()) fail(ErrorKind::usage, "stressor " + stressor + " was not computed");
  const size_t k = size_t(it - a.stressors.begin());
  const size_t R = m.regions.size(), G = groups.groups.size();

  Summary s;
  s.title = m.provenance.source;
  s.dimensions = fmt::format("{} regions x {} sectors, {} final-demand categories, {} stressors; money in {}", R,
                             m.sectors.size(), m.categories.size(), m.stressors.size(), m.unit);
  s.stressor = stressor;
  s.unit = m.stressors[idx].unit;
  s.residual = a.residual;
  s.rcond = a.rcond;

  s.regions = Table({"region", "cba", "pba", "imp", "exp", "net_exp"}, {false, true, true, true, true, true});
  std::vector<size_t> order(R);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t x, size_t y) { return a.cba(k, x) > a.cba(k, y); });
  for (size_t r : order) {
    s.regions.add_row({m.regions[r], a.cba(k, r), a.pba(k, r), a.imp(k, r), a.exp(k, r), a.pba(k, r) - a.cba(k, r)});
    s.world_pba += a.pba(k, r);
    s.max_imbalance = std::max(s.max_imbalance, std::fabs(a.imbalance(k, r)));
  }

  const GroupedAccounts ga = group_accounts(a, k, groups);
  const Matrix& T = ga.flows;
  s.groups = Table({"group", "cba", "pba", "imp", "exp", "net_exp"}, {false, true, true, true, true, true});
  s.group_flows = Table({"origin", "destination", "value"}, {false, false, true});
  for (size_t g = 0; g < G; ++g) {
    for (size_t h = 0; h < G; ++h)
      if (h != g) s.group_flows.add_row({groups.groups[g], groups.groups[h], T(g, h)});
    s.groups.add_row({groups.groups[g], ga.cba[g], ga.pba[g], ga.imp[g], ga.exp[g], ga.pba[g] - ga.cba[g]});
  }
  if (G == 2) {
    // Net flow from the group that embodies more in the other's demand than it receives.
    const double ab = T(0, 1), ba = T(1, 0);
    const size_t from = ab >= ba ? 0 : 1, to = 1 - from;
    const double net = std::fabs(ab - ba);
    s.net_statement = fmt::format(
        "{} embodied in {}'s final demand: {} {}; in the other direction: {} {}. Net flow {} -> {}: {} {} "
        "({:.2f}% of world {}).",
        stressor, groups.groups[to], report::format_whole(T(from, to)), s.unit, report::format_whole(T(to, from)), s.unit,
        groups.groups[from], groups.groups[to], report::format_whole(net), s.unit, 100 * net / s.world_pba, stressor);
  }
  return s;
}

std::string labour_statement(const Mrio& m, const Concordance& groups) {
  auto has = [](const auto& names, const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  std::vector<std::string> stressors;
  for (const auto& st : m.stressors) stressors.push_back(st.name);
  if (!has(stressors, "labour_hours") || !has(stressors, "value_added") || !has(groups.groups, "North") ||
      !has(groups.groups, "South"))
    return "";
  AccountsOptions ao;
  ao.stressors = {m.stressor_index("labour_hours"), m.stressor_index("value_added")};
  ao.multipliers = false;
  const exchange::Drain d =
      exchange::compute_drain(m, compute_accounts(m, ao), exchange::make_partition(groups), exchange::DrainOptions{});
  return fmt::format(
      "Labour: {} {} worked in the South are embodied in the North's final demand, {} {} the other way: a "
      "net {} {} South -> North. Valued at Northern prices (value added per hour on the North's chains to the "
      "South, {:.4g} {} per {}), that is a drain of {} {} (worldsys drain; Hickel et al. 2022).",
      report::format_whole(d.E_SN), d.factor_unit, report::format_whole(d.E_NS), d.factor_unit, report::format_whole(d.net()), d.factor_unit,
      d.p_N, d.money_unit, d.factor_unit, report::format_whole(d.value), d.money_unit);
}

}  // namespace worldsys
