// A scenario's accounts against the baseline's, as tidy rows.
#include <array>
#include <cmath>
#include <limits>

#include "worldsys/accounts/accounts.hpp"
#include "worldsys/accounts/tables.hpp"
#include "worldsys/scenario/scenario.hpp"

namespace worldsys::scenario {

namespace {
struct RegionAccounts {
  std::vector<std::string> names;
  std::vector<std::array<std::vector<double>, 4>> values;  // per stressor: cba, pba, imp, exp by region or group
};

RegionAccounts region_accounts(const Mrio& m, const Accounts& a, const Concordance* groups) {
  RegionAccounts r;
  r.names = groups ? groups->groups : m.regions;
  for (size_t k = 0; k < a.stressors.size(); ++k) {
    std::array<std::vector<double>, 4> v;
    if (groups) {
      const GroupedAccounts g = group_accounts(a, k, *groups);
      v = {g.cba, g.pba, g.imp, g.exp};
    } else {
      for (size_t r2 = 0; r2 < m.regions.size(); ++r2) {
        v[0].push_back(a.cba(k, r2));
        v[1].push_back(a.pba(k, r2));
        v[2].push_back(a.imp(k, r2));
        v[3].push_back(a.exp(k, r2));
      }
    }
    r.values.push_back(std::move(v));
  }
  return r;
}
}  // namespace

Table accounts_diff(const Mrio& base, const Mrio& scen, const DiffOptions& o) {
  AccountsOptions opt;
  opt.multipliers = false;
  opt.precision = o.precision;
  for (const auto& s : o.stressors) opt.stressors.push_back(base.stressor_index(s));
  // The scenario's systems refine on the baseline's LU where that pays (a change to final demand only, or a few
  // coefficients): no second factorization. Elsewhere it is factored (Leontief's neighbour constructor).
  require_accounts_memory(base, opt);  // as compute_accounts(m, opt) does (the scenario is the same size)
  const Leontief l0(base, o.precision);
  const Accounts a0 = compute_accounts(base, l0, opt);
  const Leontief l1(scen, l0);
  const Accounts a1 = compute_accounts(scen, l1, opt);
  const RegionAccounts r0 = region_accounts(base, a0, o.groups), r1 = region_accounts(scen, a1, o.groups);
  static const char* names[4] = {"cba", "pba", "imp", "exp"};
  Table t({"region", "stressor", "unit", "account", "baseline", "scenario", "diff", "pct_change"},
          {false, false, false, false, true, true, true, true});
  for (size_t k = 0; k < a0.stressors.size(); ++k) {
    const Stressor& st = base.stressors[a0.stressors[k]];
    for (size_t r = 0; r < r0.names.size(); ++r)
      for (size_t acc = 0; acc < 4; ++acc) {
        const double b = r0.values[k][acc][r], s = r1.values[k][acc][r], d = s - b;
        const double pct = b != 0 ? 100 * d / b : d == 0 ? 0.0 : std::numeric_limits<double>::quiet_NaN();
        t.add_row({r0.names[r], st.name, st.unit, std::string(names[acc]), b, s, d, pct});
      }
  }
  return t;
}

Table scenario_diff(const Mrio& base, const Scenario& s, const DiffOptions& o) {
  return accounts_diff(base, apply_scenario(base, s), o);
}

}  // namespace worldsys::scenario
