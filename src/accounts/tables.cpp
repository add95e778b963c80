#include "worldsys/accounts/tables.hpp"

#include <fmt/format.h>

#include "worldsys/core/error.hpp"

namespace worldsys {

namespace {

const std::string& unit_of(const Mrio& m, const Accounts& a, size_t k) { return m.stressors[a.stressors[k]].unit; }
const std::string& name_of(const Mrio& m, const Accounts& a, size_t k) { return m.stressors[a.stressors[k]].name; }

// The production-based account of sector i: as published, or what the model's output L y would carry.
double pba_of_sector(const Mrio& m, const Accounts& a, Pba convention, size_t k, size_t i) {
  if (convention == Pba::observed) return a.pba_sector(k, i);
  return m.x[i] > 0 ? a.pba_sector(k, i) * (a.x_model[i] / m.x[i]) : 0.0;
}

// pba by region, F_Y included.
Matrix pba_by_region(const Mrio& m, const Accounts& a, Pba convention) {
  const size_t s = a.stressors.size(), R = m.regions.size(), NS = m.sectors.size();
  const Matrix FYr = m.F_Y_by_region();
  Matrix pba(s, R);
  for (size_t k = 0; k < s; ++k)
    for (size_t r = 0; r < R; ++r) {
      double sum = FYr(a.stressors[k], r);
      for (size_t j = 0; j < NS; ++j) sum += pba_of_sector(m, a, convention, k, r * NS + j);
      pba(k, r) = sum;
    }
  return pba;
}

Table stressor_rows(const Mrio& m, const Accounts& a, const std::string& per = "") {
  TableBuilder t({"stressor", "unit"}, {false, false});
  for (size_t k = 0; k < a.stressors.size(); ++k) {
    t.text(0, name_of(m, a, k)), t.text(1, unit_of(m, a, k) + per);
    t.end_row();
  }
  return t.finish();
}

Table one_column(const std::string& name, const std::vector<std::string>& labels) {
  TableBuilder t({name}, {false});
  for (const auto& l : labels) t.text(0, l), t.end_row();
  return t.finish();
}

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

Table footprint_table(const Mrio& m, const Accounts& a, bool by_sector, const Concordance* groups, Pba convention,
                      const TableBuilder::Sink& sink) {
  const size_t s = a.stressors.size(), R = m.regions.size(), NS = m.sectors.size();
  auto pba_sector = [&](size_t k, size_t i) { return pba_of_sector(m, a, convention, k, i); };
  const Matrix FYr = m.F_Y_by_region();
  if (by_sector) {
    if (groups) fail(ErrorKind::usage, "footprints by sector are given per region; --groups works with --by region");
    TableBuilder t({"region", "sector", "sector_name", "stressor", "unit", "cba", "pba", "imp", "exp", "imbalance"},
                   {false, false, false, false, false, true, true, true, true, true}, sink);
    auto row = [&](size_t r, const std::string& sector, const std::string& name, size_t k, double cba, double pba,
                   double imp, double exp) {
      t.text(0, m.regions[r]), t.text(1, sector), t.text(2, name), t.text(3, name_of(m, a, k));
      t.text(4, unit_of(m, a, k));
      t.num(5, cba), t.num(6, pba), t.num(7, imp), t.num(8, exp), t.num(9, cba - (pba + imp - exp));
      t.end_row();
    };
    static const std::string fd = "final_demand", fd_name = "direct emissions of final demand (F_Y)";
    // Region r's columns turned sector-fastest (cell (j, k)): the rows go stressor by stressor, sector by sector,
    // and reading the stressors x n matrices that way would jump s values per cell (4x slower at n = 4,900).
    Matrix cba(NS, s), pba(NS, s), imp(NS, s), exp(NS, s);
    for (size_t r = 0; r < R; ++r) {
      for (size_t j = 0; j < NS; ++j)
        for (size_t k = 0; k < s; ++k) {
          const size_t c = r * NS + j;
          cba(j, k) = a.cba_sector(k, c), pba(j, k) = pba_sector(k, c), imp(j, k) = a.imp_sector(k, c);
          exp(j, k) = a.exp_sector(k, c);
        }
      for (size_t k = 0; k < s; ++k) {
        for (size_t j = 0; j < NS; ++j)
          row(r, m.sectors[j], m.sector_names[j], k, cba(j, k), pba(j, k), imp(j, k), exp(j, k));
        if (const double fy = FYr(a.stressors[k], r); fy != 0) row(r, fd, fd_name, k, fy, fy, 0.0, 0.0);
      }
    }
    return t.finish();
  }
  // By region (or group): the rows of footprint_arrays' matrices, so the two forms cannot differ.
  const LabelledArrays f = footprint_arrays(m, a, false, groups, convention);
  const Matrix &cba = f.arrays[0].second, &pba = f.arrays[1].second, &imp = f.arrays[2].second,
               &exp = f.arrays[3].second, &imbalance = f.arrays[4].second;
  const auto& labels = groups ? groups->groups : m.regions;
  TableBuilder t({"region", "stressor", "unit", "cba", "pba", "imp", "exp", "imbalance"},
                 {false, false, false, true, true, true, true, true}, sink);
  auto row = [&](size_t c, size_t k) {
    t.text(0, labels[c]), t.text(1, name_of(m, a, k)), t.text(2, unit_of(m, a, k));
    t.num(3, cba(k, c)), t.num(4, pba(k, c)), t.num(5, imp(k, c)), t.num(6, exp(k, c)), t.num(7, imbalance(k, c));
    t.end_row();
  };
  if (groups) {  // stressor by stressor
    for (size_t k = 0; k < s; ++k)
      for (size_t c = 0; c < labels.size(); ++c) row(c, k);
  } else {  // region by region
    for (size_t c = 0; c < labels.size(); ++c)
      for (size_t k = 0; k < s; ++k) row(c, k);
  }
  return t.finish();
}

Table flows_table(const Mrio& m, const Accounts& a, const Concordance* groups, const TableBuilder::Sink& sink) {
  TableBuilder t({"origin", "destination", "stressor", "unit", "value"}, {false, false, false, false, true}, sink);
  for (size_t k = 0; k < a.stressors.size(); ++k) {
    const Matrix T = groups ? aggregate_square(a.flows[k], *groups) : a.flows[k];
    const auto& labels = groups ? groups->groups : m.regions;
    for (size_t o = 0; o < labels.size(); ++o)
      for (size_t d = 0; d < labels.size(); ++d) {
        t.text(0, labels[o]), t.text(1, labels[d]), t.text(2, name_of(m, a, k)), t.text(3, unit_of(m, a, k));
        t.num(4, T(o, d));
        t.end_row();
      }
  }
  return t.finish();
}

Table multipliers_table(const Mrio& m, const Accounts& a, const TableBuilder::Sink& sink) {
  if (a.M.empty()) fail(ErrorKind::usage, "multipliers were not computed");
  std::vector<std::string> units;
  for (size_t k = 0; k < a.stressors.size(); ++k) units.push_back(unit_of(m, a, k) + " per " + m.unit);
  TableBuilder t({"region", "sector", "stressor", "unit", "multiplier"}, {false, false, false, false, true}, sink);
  for (size_t i = 0; i < m.n(); ++i)
    for (size_t k = 0; k < a.stressors.size(); ++k) {
      t.text(0, m.regions[m.region_of(i)]), t.text(1, m.sectors[m.sector_of(i)]), t.text(2, name_of(m, a, k));
      t.text(3, units[k]);
      t.num(4, a.M(k, i));
      t.end_row();
    }
  return t.finish();
}

LabelledArrays footprint_arrays(const Mrio& m, const Accounts& a, bool by_sector, const Concordance* groups,
                                Pba convention) {
  const size_t s = a.stressors.size(), R = m.regions.size(), NS = m.sectors.size();
  if (by_sector && groups)
    fail(ErrorKind::usage, "footprints by sector are given per region; --groups works with --by region");
  if (by_sector) {
    TableBuilder cols({"region", "sector", "sector_name"}, {false, false, false});
    for (size_t r = 0; r < R; ++r) {
      for (size_t j = 0; j < NS; ++j) cols.text(0, m.regions[r]), cols.text(1, m.sectors[j]), cols.text(2, m.sector_names[j]), cols.end_row();
      cols.text(0, m.regions[r]), cols.text(1, "final_demand"), cols.text(2, "direct emissions of final demand (F_Y)");
      cols.end_row();
    }
    const Matrix FYr = m.F_Y_by_region();
    const size_t C = R * (NS + 1);
    Matrix cba(s, C), pba(s, C), imp(s, C), exp(s, C), imbalance(s, C);
    for (size_t r = 0; r < R; ++r)
      for (size_t k = 0; k < s; ++k) {
        for (size_t j = 0; j < NS; ++j) {
          const size_t i = r * NS + j, c = r * (NS + 1) + j;
          cba(k, c) = a.cba_sector(k, i), pba(k, c) = pba_of_sector(m, a, convention, k, i);
          imp(k, c) = a.imp_sector(k, i), exp(k, c) = a.exp_sector(k, i);
          imbalance(k, c) = cba(k, c) - (pba(k, c) + imp(k, c) - exp(k, c));
        }
        const size_t c = r * (NS + 1) + NS;
        cba(k, c) = pba(k, c) = FYr(a.stressors[k], r);
      }
    return {stressor_rows(m, a), cols.finish(),
            {{"cba", std::move(cba)}, {"pba", std::move(pba)}, {"imp", std::move(imp)}, {"exp", std::move(exp)},
             {"imbalance", std::move(imbalance)}}};
  }
  const Matrix pr = pba_by_region(m, a, convention);
  const size_t C = groups ? groups->groups.size() : R;
  Matrix cba(s, C), pba(s, C), imp(s, C), exp(s, C), imbalance(s, C);
  for (size_t k = 0; k < s; ++k) {
    if (groups) {
      const GroupedAccounts ga = group_accounts(a, k, *groups);
      for (size_t r = 0; r < R; ++r) pba(k, groups->group_of[r]) += pr(k, r);
      for (size_t g = 0; g < C; ++g) cba(k, g) = ga.cba[g], imp(k, g) = ga.imp[g], exp(k, g) = ga.exp[g];
    } else {
      for (size_t r = 0; r < R; ++r) cba(k, r) = a.cba(k, r), pba(k, r) = pr(k, r), imp(k, r) = a.imp(k, r), exp(k, r) = a.exp(k, r);
    }
    for (size_t c = 0; c < C; ++c) imbalance(k, c) = cba(k, c) - (pba(k, c) + imp(k, c) - exp(k, c));
  }
  return {stressor_rows(m, a), one_column("region", groups ? groups->groups : m.regions),
          {{"cba", std::move(cba)}, {"pba", std::move(pba)}, {"imp", std::move(imp)}, {"exp", std::move(exp)},
           {"imbalance", std::move(imbalance)}}};
}

LabelledArrays multipliers_arrays(const Mrio& m, const Accounts& a) {
  if (a.M.empty()) fail(ErrorKind::usage, "multipliers were not computed");
  TableBuilder cols({"region", "sector"}, {false, false});
  for (size_t i = 0; i < m.n(); ++i) cols.text(0, m.regions[m.region_of(i)]), cols.text(1, m.sectors[m.sector_of(i)]), cols.end_row();
  return {stressor_rows(m, a, " per " + m.unit), cols.finish(), {{"multipliers", a.M}}};
}

LabelledArrays flows_arrays(const Mrio& m, const Accounts& a, const Concordance* groups) {
  const auto& labels = groups ? groups->groups : m.regions;
  const size_t L = labels.size(), s = a.stressors.size();
  TableBuilder rows({"stressor", "unit", "origin"}, {false, false, false});
  Matrix value(s * L, L);
  for (size_t k = 0; k < s; ++k) {
    const Matrix T = groups ? aggregate_square(a.flows[k], *groups) : a.flows[k];
    for (size_t o = 0; o < L; ++o) {
      rows.text(0, name_of(m, a, k)), rows.text(1, unit_of(m, a, k)), rows.text(2, labels[o]), rows.end_row();
      for (size_t d = 0; d < L; ++d) value(k * L + o, d) = T(o, d);
    }
  }
  return {rows.finish(), one_column("destination", labels), {{"value", std::move(value)}}};
}

}  // namespace worldsys
