#include "worldsys/accounts/tables.hpp"

#include <fmt/format.h>

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

Pba parse_pba(const std::string& s) {
  if (s == "observed") return Pba::observed;
  if (s == "model") return Pba::model;
  fail(ErrorKind::usage, fmt::format("pba '{}': use observed (as published) or model (S diag(L y), as pymrio)", s));
}

Table footprint_table(const Mrio& m, const Accounts& a, bool by_sector, const Concordance* groups, Pba convention) {
  const size_t s = a.stressors.size(), R = m.regions.size(), NS = m.sectors.size();
  // The production-based account of sector i: as published, or what the model's output L y would carry.
  auto pba_sector = [&](size_t k, size_t i) {
    if (convention == Pba::observed) return a.pba_sector(k, i);
    return m.x[i] > 0 ? a.pba_sector(k, i) * (a.x_model[i] / m.x[i]) : 0.0;
  };
  const Matrix FYr = m.F_Y_by_region();
  if (by_sector) {
    if (groups) fail(ErrorKind::usage, "footprints by sector are given per region; --groups works with --by region");
    Table t({"region", "sector", "sector_name", "stressor", "unit", "cba", "pba", "imp", "exp", "imbalance"},
            {false, false, false, false, false, true, true, true, true, true});
    for (size_t r = 0; r < R; ++r)
      for (size_t k = 0; k < s; ++k) {
        for (size_t j = 0; j < NS; ++j) {
          const size_t c = r * NS + j;
          const double cba = a.cba_sector(k, c), pba = pba_sector(k, c), imp = a.imp_sector(k, c),
                       exp = a.exp_sector(k, c);
          t.add_row({m.regions[r], m.sectors[j], m.sector_names[j], name_of(m, a, k), unit_of(m, a, k), cba, pba,
                     imp, exp, cba - (pba + imp - exp)});
        }
        const double fy = FYr(a.stressors[k], r);
        if (fy != 0)
          t.add_row({m.regions[r], "final_demand", "direct emissions of final demand (F_Y)", name_of(m, a, k),
                     unit_of(m, a, k), fy, fy, 0.0, 0.0, 0.0});
      }
    return t;
  }
  Matrix pba(s, R);
  for (size_t k = 0; k < s; ++k)
    for (size_t r = 0; r < R; ++r) {
      double sum = FYr(a.stressors[k], r);
      for (size_t j = 0; j < NS; ++j) sum += pba_sector(k, r * NS + j);
      pba(k, r) = sum;
    }
  Table t({"region", "stressor", "unit", "cba", "pba", "imp", "exp", "imbalance"},
          {false, false, false, true, true, true, true, true});
  auto row = [&](const std::string& region, size_t k, double cba, double p, double imp, double exp) {
    t.add_row({region, name_of(m, a, k), unit_of(m, a, k), cba, p, imp, exp, cba - (p + imp - exp)});
  };
  if (groups) {
    for (size_t k = 0; k < s; ++k) {
      const GroupedAccounts ga = group_accounts(a, k, *groups);
      std::vector<double> gp(groups->groups.size());
      for (size_t r = 0; r < R; ++r) gp[groups->group_of[r]] += pba(k, r);
      for (size_t g = 0; g < groups->groups.size(); ++g) row(groups->groups[g], k, ga.cba[g], gp[g], ga.imp[g], ga.exp[g]);
    }
    return t;
  }
  for (size_t r = 0; r < R; ++r)
    for (size_t k = 0; k < s; ++k) row(m.regions[r], k, a.cba(k, r), pba(k, r), a.imp(k, r), a.exp(k, r));
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
