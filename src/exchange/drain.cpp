#include "worldsys/exchange/drain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "worldsys/core/error.hpp"

namespace worldsys::exchange {

Partition make_partition(const Concordance& groups, const std::string& north, const std::string& south) {
  auto find = [&](const std::string& name) -> size_t {
    for (size_t g = 0; g < groups.groups.size(); ++g)
      if (groups.groups[g] == name) return g;
    std::string have;
    for (const auto& g : groups.groups) have += (have.empty() ? "" : ", ") + g;
    fail(ErrorKind::usage, fmt::format("groups '{}' have no group '{}' (they have: {}); name the two sides with "
                                       "--north/--south",
                                       groups.name, name, have));
  };
  const size_t n = find(north), s = find(south);
  if (n == s) fail(ErrorKind::usage, "North and South must be different groups");
  Partition p{groups.name, {}};
  for (size_t g : groups.group_of) p.side.push_back(g == n ? Side::north : g == s ? Side::south : Side::none);
  return p;
}

void assign(Partition& p, const std::vector<std::string>& regions, const std::string& region, Side side) {
  auto it = std::find(regions.begin(), regions.end(), region);
  if (it == regions.end()) fail(ErrorKind::usage, fmt::format("unknown region '{}'", region));
  p.side[it - regions.begin()] = side;
}

Valuation parse_valuation(const std::string& s) {
  if (s == "northern-prices") return Valuation::northern_prices;
  if (s == "global-prices") return Valuation::global_prices;
  if (s == "wage-gap") return Valuation::wage_gap;
  if (s == "erdi") return Valuation::erdi;
  fail(ErrorKind::usage,
       fmt::format("unknown valuation '{}'; use northern-prices, global-prices, wage-gap or erdi", s));
}

std::string to_string(Valuation v) {
  switch (v) {
    case Valuation::northern_prices:
      return "northern-prices";
    case Valuation::global_prices:
      return "global-prices";
    case Valuation::wage_gap:
      return "wage-gap";
    case Valuation::erdi:
      return "erdi";
  }
  return "";
}

namespace {

size_t row_of(const Mrio& m, const Accounts& acc, const std::string& name) {
  const size_t k = m.stressor_index(name);
  for (size_t i = 0; i < acc.stressors.size(); ++i)
    if (acc.stressors[i] == k) return i;
  fail(ErrorKind::usage, fmt::format("stressor '{}' was not computed in these accounts", name));
}

// Missing data must not pass as "no factor used": a region with output needs some of the factor.
void check_factor(const Mrio& m, size_t k, const Partition& p) {
  const size_t NS = m.sectors.size();
  for (size_t r = 0; r < m.regions.size(); ++r) {
    double f = 0, x = 0;
    for (size_t j = 0; j < NS; ++j) {
      const double v = m.F(k, r * NS + j);
      if (!std::isfinite(v))
        fail(ErrorKind::input,
             fmt::format("stressor '{}' is not finite for {}", m.stressors[k].name, m.label(r * NS + j)));
      f += std::abs(v);
      x += m.x[r * NS + j];
    }
    if (p.side[r] != Side::none && x > 0 && f == 0)
      fail(ErrorKind::input, fmt::format("stressor '{}' is zero in every sector of {} although it has output: missing "
                                         "data? Fill it (and flag it) or leave {} out of both groups",
                                         m.stressors[k].name, m.regions[r], m.regions[r]));
  }
}

}  // namespace

Drain compute_drain(const Mrio& m, const Accounts& acc, const Partition& p, const DrainOptions& opt) {
  const size_t R = m.regions.size(), NS = m.sectors.size();
  if (p.side.size() != R) fail(ErrorKind::usage, "partition and table have different regions");
  const bool has_n = std::count(p.side.begin(), p.side.end(), Side::north) > 0;
  const bool has_s = std::count(p.side.begin(), p.side.end(), Side::south) > 0;
  if (!has_n || !has_s) fail(ErrorKind::usage, fmt::format("groups '{}' leave the North or the South empty", p.name));

  const size_t fk = m.stressor_index(opt.factor), vk = m.stressor_index(opt.value);
  check_factor(m, fk, p);
  // What each unit intensity applies to. Footprint: direct intensity F/x times output for each region's final
  // demand, L y_s (intermediate trade counted once). EEBT: multiplier (S L) times gross bilateral exports, Z and Y
  // crossing the border (intermediates re-exported are counted again).
  const bool eebt = opt.attribution == Attribution::eebt;
  if (eebt && acc.M.empty())
    fail(ErrorKind::usage, "EEBT needs the accounts' multipliers (AccountsOptions::multipliers)");
  Matrix carrier(m.n(), R);
  if (eebt) {
    const size_t K = m.categories.size();
    for (size_t i = 0; i < m.n(); ++i)
      for (size_t s = 0; s < R; ++s) {
        if (m.region_of(i) == s) continue;
        double e = 0;
        for (size_t j = 0; j < NS; ++j) e += m.Z(i, s * NS + j);
        for (size_t c = 0; c < K; ++c) e += m.Y(i, s * K + c);
        carrier(i, s) = e;
      }
  } else {
    carrier = acc.X;
  }
  auto weights = [&](const std::string& name) {
    const size_t k = m.stressor_index(name), a = row_of(m, acc, name);
    std::vector<double> w(m.n());
    for (size_t i = 0; i < m.n(); ++i) w[i] = eebt ? acc.M(a, i) : (m.x[i] > 0 ? m.F(k, i) / m.x[i] : 0);
    return w;
  };
  auto flows = [&](const std::vector<double>& w) {
    Matrix T(R, R);
    for (size_t s = 0; s < R; ++s) {
      const double* c = carrier.col(s);
      for (size_t i = 0; i < m.n(); ++i) T(m.region_of(i), s) += w[i] * c[i];
    }
    return T;
  };
  const std::vector<double> wf = weights(opt.factor), wv = weights(opt.value);
  const Matrix T = flows(wf), V = flows(wv);
  Drain d;
  d.factor = opt.factor;
  d.factor_unit = m.stressors[fk].unit;
  d.money_unit = m.stressors[vk].unit;
  for (size_t r = 0; r < R; ++r) {
    RegionFlows rf{m.regions[r], p.side[r]};
    const Side other = p.side[r] == Side::north ? Side::south : Side::north;
    for (size_t s = 0; s < R; ++s) {
      if (p.side[r] == Side::south && p.side[s] == Side::north) d.E_SN += T(r, s), d.V_SN += V(r, s);
      if (p.side[r] == Side::north && p.side[s] == Side::south) d.E_NS += T(r, s), d.V_NS += V(r, s);
      if (p.side[r] != Side::none && p.side[s] == other) rf.out += T(r, s), rf.v_out += V(r, s);
    }
    for (size_t o = 0; o < R; ++o)
      if (p.side[r] != Side::none && p.side[o] == other) rf.in += T(o, r), rf.v_in += V(o, r);
    d.regions.push_back(rf);
  }
  auto ratio = [](double a, double b) { return b != 0 ? a / b : NAN; };
  d.p_N = ratio(d.V_NS, d.E_NS);
  d.p_S = ratio(d.V_SN, d.E_SN);
  d.p_G = ratio(d.V_NS + d.V_SN, d.E_NS + d.E_SN);

  // Net appropriation by the sector where the factor is used: S-origin rows into Northern final demand minus
  // N-origin rows into Southern final demand.
  d.SN_by_sector.assign(NS, 0);
  d.net_by_sector.assign(NS, 0);
  for (size_t r = 0; r < R; ++r) {
    if (p.side[r] == Side::none) continue;
    const Side dest = p.side[r] == Side::south ? Side::north : Side::south;
    const double sign = p.side[r] == Side::south ? 1 : -1;
    for (size_t j = 0; j < NS; ++j) {
      const size_t i = r * NS + j;
      double to = 0;
      for (size_t s = 0; s < R; ++s)
        if (p.side[s] == dest) to += carrier(i, s);
      d.net_by_sector[j] += sign * wf[i] * to;
      if (sign > 0) d.SN_by_sector[j] += wf[i] * to;
    }
  }

  const bool under = opt.definition == Definition::underpayment;
  switch (opt.valuation) {
    case Valuation::northern_prices:
      d.value = under ? d.E_SN * d.p_N - d.V_SN : d.net() * d.p_N;
      break;
    case Valuation::global_prices:
      d.value = under ? d.E_SN * d.p_G - d.V_SN : d.net() * d.p_G;
      break;
    case Valuation::wage_gap: {
      const size_t wk = m.stressor_index(opt.wage);
      check_factor(m, wk, p);
      double wN = 0, fN = 0, wS = 0, fS = 0;
      for (size_t i = 0; i < m.n(); ++i) {
        const Side s = p.side[m.region_of(i)];
        if (s == Side::north) wN += m.F(wk, i), fN += m.F(fk, i);
        if (s == Side::south) wS += m.F(wk, i), fS += m.F(fk, i);
      }
      d.w_N = ratio(wN, fN);
      d.w_S = ratio(wS, fS);
      // Wages paid on the S->N chains: the wage stressor's own flow matrix.
      const Matrix W = flows(weights(opt.wage));
      double paid = 0;
      for (size_t r = 0; r < R; ++r)
        for (size_t s = 0; s < R; ++s)
          if (p.side[r] == Side::south && p.side[s] == Side::north) paid += W(r, s);
      if (opt.wage_by_sector) {
        // Composition control: each sector's net hours at the North's wage in that sector (the economy-wide
        // Northern wage where the North has none of the factor in it).
        d.w_N_by_sector.assign(NS, d.w_N);
        std::vector<double> wj(NS), fj(NS);
        for (size_t i = 0; i < m.n(); ++i)
          if (p.side[m.region_of(i)] == Side::north) wj[m.sector_of(i)] += m.F(wk, i), fj[m.sector_of(i)] += m.F(fk, i);
        double value = 0, gross = 0;
        for (size_t j = 0; j < NS; ++j) {
          if (fj[j] > 0) d.w_N_by_sector[j] = wj[j] / fj[j];
          value += d.net_by_sector[j] * d.w_N_by_sector[j];
          gross += d.SN_by_sector[j] * d.w_N_by_sector[j];
        }
        d.value = under ? gross - paid : value;
        break;
      }
      d.value = under ? d.E_SN * d.w_N - paid : d.net() * d.w_N;
      break;
    }
    case Valuation::erdi: {
      if (!opt.prices) fail(ErrorKind::usage, "the erdi valuation needs price levels (PWT)");
      const PriceLevels& pl = *opt.prices;
      if (pl.level.size() != R || pl.weight.size() != R) fail(ErrorKind::usage, "price levels do not match regions");
      double num = 0, den = 0;
      for (size_t r = 0; r < R; ++r)
        if (opt.erdi_world_reference || p.side[r] == Side::north)
          num += pl.weight[r] * pl.level[r], den += pl.weight[r];
      d.PL_N = num / den;
      const Matrix Y = m.Y_by_region();
      for (size_t r = 0; r < R; ++r) {
        if (p.side[r] != Side::south) continue;
        if (!(pl.level[r] > 0))
          fail(ErrorKind::input, fmt::format("no {} price level for {}", pl.variable, m.regions[r]));
        // Gross exports of r to the North (or to everyone): intermediate and final, from the table itself.
        double X = 0;
        for (size_t j = 0; j < NS; ++j) {
          const size_t i = r * NS + j;
          for (size_t s = 0; s < R; ++s) {
            if (opt.erdi_all_exports ? s == r : p.side[s] != Side::north) continue;
            X += Y(i, s);
            for (size_t c = 0; c < NS; ++c) X += m.Z(i, s * NS + c);
          }
        }
        const double excess = d.PL_N / pl.level[r] - 1;  // d - 1
        const double transfer = X * (opt.erdi_clamp ? std::max(0.0, excess) : excess);
        d.X_SN += X;
        d.value += transfer;
        d.regions[r].exports = X;
        d.regions[r].transfer = transfer;
      }
      break;
    }
  }
  return d;
}

namespace {
std::string per(const std::string& money, const std::string& unit) { return money + " per " + unit; }
}  // namespace

Table drain_table(const Mrio& m, const Drain& d, const Partition& p, const DrainOptions& opt, bool by_region) {
  Table t({"year", "groups", "scope", "factor", "valuation", "measure", "value", "unit"},
          {true, false, false, false, false, false, true, false});
  const double year = m.provenance.year ? *m.provenance.year : NAN;
  const std::string val = to_string(opt.valuation);
  auto row = [&](const std::string& scope, const std::string& measure, double v, const std::string& unit) {
    t.add_row({year, p.name, scope, d.factor, val, measure, v, unit});
  };
  const std::string scope = "North<->South";
  const std::string& fu = d.factor_unit;
  const std::string& mu = d.money_unit;
  row(scope, "embodied_south_to_north", d.E_SN, fu);
  row(scope, "embodied_north_to_south", d.E_NS, fu);
  row(scope, "net_appropriation", d.net(), fu);
  row(scope, "value_south_to_north", d.V_SN, mu);
  row(scope, "value_north_to_south", d.V_NS, mu);
  row(scope, "price_north", d.p_N, per(mu, fu));
  row(scope, "price_south", d.p_S, per(mu, fu));
  row(scope, "price_global", d.p_G, per(mu, fu));
  row(scope, "exchange_ratio", d.p_N / d.p_S, "1");
  row(scope, "quantity_ratio", d.E_SN / d.E_NS, "1");
  if (opt.valuation == Valuation::wage_gap) {
    row(scope, "wage_north", d.w_N, per(mu, fu));
    row(scope, "wage_south", d.w_S, per(mu, fu));
    row(scope, "wage_gap", 1 - d.w_S / d.w_N, "1");
    if (opt.wage_by_sector)
      for (size_t j = 0; j < d.w_N_by_sector.size(); ++j)
        row("sector " + m.sectors[j], "wage_north", d.w_N_by_sector[j], per(mu, fu));
  }
  if (opt.valuation == Valuation::erdi) {
    row(scope, opt.erdi_all_exports ? "exports_south" : "exports_south_to_north", d.X_SN, m.unit);
    row(scope, opt.erdi_world_reference ? "price_level_world" : "price_level_north", d.PL_N,
        opt.prices ? opt.prices->variable : "1");
  }
  row(scope, opt.definition == Definition::underpayment ? "drain_underpayment" : "drain", d.value,
      opt.valuation == Valuation::erdi ? m.unit : mu);
  if (by_region) {
    for (const auto& r : d.regions) {
      if (r.side == Side::none) continue;
      const std::string other = r.side == Side::north ? "south" : "north";
      row(r.region, "embodied_to_" + other, r.out, fu);
      row(r.region, "embodied_from_" + other, r.in, fu);
      row(r.region, "net_outflow", r.out - r.in, fu);
      row(r.region, "value_to_" + other, r.v_out, mu);
      row(r.region, "value_from_" + other, r.v_in, mu);
      if (opt.valuation == Valuation::erdi && r.side == Side::south) {
        row(r.region, "exports_to_north", r.exports, m.unit);
        row(r.region, "price_level", opt.prices->level[&r - d.regions.data()], opt.prices->variable);
        row(r.region, "transfer", r.transfer, m.unit);
      }
    }
    for (size_t j = 0; j < d.net_by_sector.size(); ++j)
      row("sector " + m.sectors[j], "net_appropriation", d.net_by_sector[j], fu);
  }
  return t;
}

Mrio with_final_demand(const Mrio& m, const std::vector<std::string>& categories) {
  std::vector<bool> keep(m.categories.size(), false);
  for (const auto& c : categories) {
    auto it = std::find(m.categories.begin(), m.categories.end(), c);
    if (it == m.categories.end()) {
      std::string have;
      for (const auto& h : m.categories) have += (have.empty() ? "" : ", ") + h;
      fail(ErrorKind::usage, fmt::format("unknown final-demand category '{}'; this table has {}", c, have));
    }
    keep[it - m.categories.begin()] = true;
  }
  Mrio out = m;
  const size_t K = m.categories.size();
  for (size_t j = 0; j < out.Y.cols(); ++j)
    if (!keep[j % K]) std::fill(out.Y.col(j), out.Y.col(j) + out.Y.rows(), 0.0);
  return out;
}

void rescale_money(Table& t, const std::string& money, double factor, const std::string& new_money) {
  std::vector<std::string> names;
  std::vector<bool> numeric;
  for (const auto& c : t.columns()) names.push_back(c.name), numeric.push_back(c.numeric);
  Table r(names, numeric);
  const auto& unit = t.column("unit").text;
  for (size_t i = 0; i < t.rows(); ++i) {
    const bool is_money = unit[i] == money || unit[i].starts_with(money + " per ");
    std::vector<Table::Cell> cells;
    for (const auto& c : t.columns()) {
      if (c.name == "value" && is_money)
        cells.emplace_back(c.num[i] * factor);
      else if (c.name == "unit" && is_money)
        cells.emplace_back(new_money + c.text[i].substr(money.size()));
      else if (c.numeric)
        cells.emplace_back(c.num[i]);
      else
        cells.emplace_back(c.text[i]);
    }
    r.add_row(cells);
  }
  t = std::move(r);
}

double lost_growth(const std::vector<double>& drain, const std::vector<double>& growth) {
  if (drain.size() != growth.size()) fail(ErrorKind::usage, "lost growth: one growth rate per year is needed");
  double total = 0;
  for (size_t t = 0; t < drain.size(); ++t) total = total * (t ? 1 + growth[t] : 1) + drain[t];
  return total;
}

}  // namespace worldsys::exchange
