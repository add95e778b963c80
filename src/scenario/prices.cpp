// The Leontief cost-push price model (equations in prices.hpp): one transposed solve against the factorization.
#include "worldsys/scenario/prices.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "worldsys/accounts/leontief.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::scenario {

PriceShock price_shock(const Mrio& base, const Scenario& s) {
  Scenario wages = s;
  wages.changes.clear();
  std::set<std::string> stressors;
  for (const auto& c : s.changes)
    if (c.kind == ChangeKind::wage) {
      wages.changes.push_back(c);
      stressors.insert(c.stressors.at(0));
    }
  if (wages.changes.empty())
    fail(ErrorKind::usage, fmt::format("{}: the scenario has no wage change, so no price shock; add a change with "
                                       "kind: wage",
                                       s.origin));
  const Mrio after = apply_scenario(base, wages);
  PriceShock shock{s.name, std::vector<double>(base.n(), 0.0)};
  for (const auto& name : stressors) {
    const size_t k = base.stressor_index(name);
    for (size_t j = 0; j < base.n(); ++j)
      if (base.x[j] != 0) shock.dv[j] += (after.F(k, j) - base.F(k, j)) / base.x[j];
  }
  return shock;
}

PriceEffects compute_price_effects(const Mrio& m, const PriceShock& shock, const PriceOptions& o) {
  const size_t n = m.n(), R = m.regions.size();
  if (shock.dv.size() != n)
    fail(ErrorKind::usage, fmt::format("price shock '{}' has {} sectors, the table {}", shock.name, shock.dv.size(), n));
  PriceEffects e;
  // dp' = dv' (I - A)^-1: the multipliers of the one-row "intensity" dv.
  Matrix dv(1, n);
  std::copy(shock.dv.begin(), shock.dv.end(), dv.data());
  const Leontief leo(m, o.precision);
  const Matrix dp = leo.multipliers(dv);
  e.dp.assign(dp.data(), dp.data() + n);

  // Final demand that weighs the consumer price: the chosen categories, by region of demand.
  std::vector<bool> use(m.categories.size(), o.categories.empty());
  for (const auto& c : o.categories) {
    const auto it = std::find(m.categories.begin(), m.categories.end(), c);
    if (it == m.categories.end()) {
      std::string list;
      for (const auto& k : m.categories) list += (list.empty() ? "" : ", ") + k;
      fail(ErrorKind::usage, fmt::format("unknown final-demand category '{}'; this table has: {}", c, list));
    }
    use[size_t(it - m.categories.begin())] = true;
  }
  Matrix y(n, R);
  for (size_t col = 0; col < m.Y.cols(); ++col)
    if (use[col % m.categories.size()])
      for (size_t i = 0; i < n; ++i) y(i, m.region_of_fd_column(col)) += m.Y(i, col);

  auto weighted = [&](const std::vector<double>& p, const std::vector<size_t>& regions) {
    double num = 0, den = 0;
    for (size_t r : regions)
      for (size_t i = 0; i < n; ++i) num += p[i] * y(i, r), den += y(i, r);
    return den != 0 ? num / den : 0.0;
  };
  for (size_t r = 0; r < R; ++r) {
    e.direct.push_back(weighted(shock.dv, {r}));
    e.total.push_back(weighted(e.dp, {r}));
  }
  if (o.groups)
    for (size_t g = 0; g < o.groups->groups.size(); ++g) {
      std::vector<size_t> members;
      for (size_t r = 0; r < R; ++r)
        if (o.groups->group_of[r] == g) members.push_back(r);
      e.group_direct.push_back(weighted(shock.dv, members));
      e.group_total.push_back(weighted(e.dp, members));
    }
  return e;
}

Table price_effects(const Mrio& m, const PriceShock& shock, const PriceOptions& o) {
  const PriceEffects e = compute_price_effects(m, shock, o);
  Table t({"level", "region", "sector", "direct_pct", "total_pct"}, {false, false, false, true, true});
  for (size_t r = 0; r < m.regions.size(); ++r)
    t.add_row({std::string("region"), m.regions[r], std::string("*"), 100 * e.direct[r], 100 * e.total[r]});
  if (o.groups)
    for (size_t g = 0; g < o.groups->groups.size(); ++g)
      t.add_row({std::string("group"), o.groups->groups[g], std::string("*"), 100 * e.group_direct[g],
                 100 * e.group_total[g]});
  if (o.by_sector)
    for (size_t i = 0; i < m.n(); ++i)
      t.add_row({std::string("sector"), m.regions[m.region_of(i)], m.sectors[m.sector_of(i)], 100 * shock.dv[i],
                 100 * e.dp[i]});
  return t;
}

}  // namespace worldsys::scenario
