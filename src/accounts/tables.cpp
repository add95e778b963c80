#include "worldsys/accounts/tables.hpp"

#include "worldsys/core/error.hpp"

namespace worldsys {

namespace {

const std::string& unit_of(const Mrio& m, const Accounts& a, size_t k) { return m.stressors[a.stressors[k]].unit; }
const std::string& name_of(const Mrio& m, const Accounts& a, size_t k) { return m.stressors[a.stressors[k]].name; }

}  // namespace

GroupedAccounts group_accounts(const Accounts& a, size_t k, const Concordance& groups) {
  const size_t R = a.cba.cols(), G = groups.groups.size();
  GroupedAccounts out{aggregate_square(a.flows[k], groups), std::vector<double>(G), std::vector<double>(G),
                      std::vector<double>(G), std::vector<double>(G)};
  for (size_t r = 0; r < R; ++r) {
    out.cba[groups.group_of[r]] += a.cba(k, r);
    out.pba[groups.group_of[r]] += a.pba(k, r);
  }
  for (size_t g = 0; g < G; ++g)
    for (size_t h = 0; h < G; ++h)
      if (h != g) {
        out.imp[g] += out.flows(h, g);
        out.exp[g] += out.flows(g, h);
      }
  return out;
}

Table footprint_table(const Mrio& m, const Accounts& a, bool by_sector, const Concordance* groups) {
  const size_t s = a.stressors.size(), R = m.regions.size(), NS = m.sectors.size();
  if (by_sector) {
    if (groups) fail(ErrorKind::usage, "footprints by sector are given per region; --groups works with --by region");
    Table t({"region", "sector", "sector_name", "stressor", "unit", "cba", "pba", "imp", "exp"},
            {false, false, false, false, false, true, true, true, true});
    const Matrix FYr = m.F_Y_by_region();
    for (size_t r = 0; r < R; ++r)
      for (size_t k = 0; k < s; ++k) {
        for (size_t j = 0; j < NS; ++j) {
          const size_t c = r * NS + j;
          t.add_row({m.regions[r], m.sectors[j], m.sector_names[j], name_of(m, a, k), unit_of(m, a, k),
                     a.cba_sector(k, c), a.pba_sector(k, c), a.imp_sector(k, c), a.exp_sector(k, c)});
        }
        const double fy = FYr(a.stressors[k], r);
        if (fy != 0)
          t.add_row({m.regions[r], "final_demand", "direct emissions of final demand (F_Y)", name_of(m, a, k),
                     unit_of(m, a, k), fy, fy, 0.0, 0.0});
      }
    return t;
  }
  Table t({"region", "stressor", "unit", "cba", "pba", "imp", "exp"}, {false, false, false, true, true, true, true});
  if (groups) {
    for (size_t k = 0; k < s; ++k) {
      const GroupedAccounts ga = group_accounts(a, k, *groups);
      for (size_t g = 0; g < groups->groups.size(); ++g)
        t.add_row({groups->groups[g], name_of(m, a, k), unit_of(m, a, k), ga.cba[g], ga.pba[g], ga.imp[g], ga.exp[g]});
    }
    return t;
  }
  for (size_t r = 0; r < R; ++r)
    for (size_t k = 0; k < s; ++k)
      t.add_row({m.regions[r], name_of(m, a, k), unit_of(m, a, k), a.cba(k, r), a.pba(k, r), a.imp(k, r), a.exp(k, r)});
  return t;
}

Table flows_table(const Mrio& m, const Accounts& a, const Concordance* groups) {
  Table t({"origin", "destination", "stressor", "unit", "value"}, {false, false, false, false, true});
  for (size_t k = 0; k < a.stressors.size(); ++k) {
    const Matrix T = groups ? aggregate_square(a.flows[k], *groups) : a.flows[k];
    const auto& labels = groups ? groups->groups : m.regions;
    for (size_t o = 0; o < labels.size(); ++o)
      for (size_t d = 0; d < labels.size(); ++d)
        t.add_row({labels[o], labels[d], name_of(m, a, k), unit_of(m, a, k), T(o, d)});
  }
  return t;
}

Table multipliers_table(const Mrio& m, const Accounts& a) {
  if (a.M.empty()) fail(ErrorKind::usage, "multipliers were not computed");
  Table t({"region", "sector", "stressor", "unit", "multiplier"}, {false, false, false, false, true});
  for (size_t i = 0; i < m.n(); ++i)
    for (size_t k = 0; k < a.stressors.size(); ++k)
      t.add_row({m.regions[m.region_of(i)], m.sectors[m.sector_of(i)], name_of(m, a, k),
                 unit_of(m, a, k) + " per " + m.unit, a.M(k, i)});
  return t;
}

}  // namespace worldsys
