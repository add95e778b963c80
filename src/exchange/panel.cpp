#include "worldsys/exchange/panel.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "worldsys/core/error.hpp"

namespace worldsys::exchange {

Side parse_side(const std::string& s) {
  if (s == "north") return Side::north;
  if (s == "south") return Side::south;
  if (s == "none") return Side::none;
  fail(ErrorKind::usage, fmt::format("unknown side '{}'; use north, south or none", s));
}

std::string to_string(Side s) { return s == Side::north ? "north" : s == Side::south ? "south" : "none"; }

Attribution parse_attribution(const std::string& s) {
  if (s == "footprint") return Attribution::footprint;
  if (s == "eebt") return Attribution::eebt;
  fail(ErrorKind::usage, fmt::format("unknown attribution '{}'; use footprint or eebt", s));
}

std::string to_string(Attribution a) { return a == Attribution::eebt ? "eebt" : "footprint"; }

namespace {
bool has(const std::vector<Valuation>& vs, Valuation v) { return std::find(vs.begin(), vs.end(), v) != vs.end(); }

// One factor's drain_table and its money figure.
std::pair<Table, double> plain_drain(const Mrio& m, const Accounts& acc, const Partition& part, const DrainOptions& o,
                                     bool by_region) {
  const Drain d = compute_drain(m, acc, part, o);
  return {drain_table(m, d, part, o, by_region), d.value};
}

const char* const kSkills[] = {"low", "medium", "high"};

// Whether the table has FACTOR_low/_medium/_high and WAGE_low/... for the skill split.
bool has_skills(const Mrio& m, const DrainOptions& o) {
  return std::all_of(std::begin(kSkills), std::end(kSkills), [&](const char* c) {
    return m.has_stressor(o.factor + "_" + c) && m.has_stressor(o.wage + "_" + c);
  });
}

// wage-gap per skill class and the total over the classes (the total's rows last); also the total drain. `acc`
// holds the classes' stressors (drain_panel adds them to its one solve).
std::pair<Table, double> skill_drain(const Mrio& m, const Accounts& acc, const Partition& part, const DrainOptions& base,
                                     bool by_region) {
  if (!has_skills(m, base)) {  // said in the rows: the totals, not a skill split
    auto [t, value] = plain_drain(m, acc, part, base, by_region);
    for (auto& v : t.column("valuation").text)
      v = fmt::format("wage-gap (totals: no {}_low/_medium/_high in this table)", base.factor);
    return {std::move(t), value};
  }
  std::optional<Table> all;
  double net = 0, value = 0, year = m.provenance.year ? double(*m.provenance.year) : NAN;
  std::string unit, factor_unit;
  for (const char* c : kSkills) {
    DrainOptions o = base;
    o.factor = base.factor + "_" + c;
    o.wage = base.wage + "_" + c;
    const Drain d = compute_drain(m, acc, part, o);
    net += d.net(), value += d.value, unit = d.money_unit, factor_unit = d.factor_unit;
    Table t = drain_table(m, d, part, o, by_region);
    if (!all) all = std::move(t);
    else append(*all, t);
  }
  const std::string total = base.factor + " (sum over skills)";
  all->add_row({year, part.name, std::string("North<->South"), total, std::string("wage-gap"),
                std::string("net_appropriation"), net, factor_unit});
  all->add_row({year, part.name, std::string("North<->South"), total, std::string("wage-gap"), std::string("drain"),
                value, unit});
  return {std::move(*all), value};
}

void assign_rest_of_world(Partition& part, const DrainSource& src, const Mrio& m, Side side) {
  const auto rows = src.rest_of_world(m);
  if (rows.empty())
    fail(ErrorKind::usage, fmt::format("--row: this table has no rest-of-world region (its regions are {}, ...)",
                                       m.regions.front()));
  for (const size_t r : rows) part.side[r] = side;
}
}  // namespace

Combine parse_combine(const std::string& s) {
  if (s == "none") return Combine::none;
  if (s == "sum") return Combine::sum;
  if (s == "equal-shares") return Combine::equal_shares;
  fail(ErrorKind::usage, fmt::format("combine '{}': use none, sum or equal-shares", s));
}

bool DrainRequest::needs_pwt() const { return constant_prices != 0 || has(valuations, Valuation::erdi); }

Table drain_panel(const DrainSource& src, const DrainRequest& req,
                  const std::function<void(size_t, size_t)>& progress) {
  // --factor materials,land,energy,labour_hours: side by side; a name that is itself a stressor of the table
  // (EXIOBASE's "Compensation of employees; wages, salaries, & ...") is never split at its commas.
  std::vector<std::string> factors;
  auto split_factors = [&](const Mrio& m) {
    std::vector<std::string> out = m.stressor_list(req.options.factor);
    if (req.lost_growth && out.size() > 1)
      fail(ErrorKind::usage, "--lost-growth compounds one factor's series: give one --factor");
    return out;
  };
  std::string constant_unit;  // "M USD (2011 prices)": the table's scale, in US dollars
  std::optional<Table> all;
  std::map<Valuation, std::vector<double>> series;  // constant-price drain per valuation, by year
  std::vector<double> growth;                       // South's real growth into each year
  std::string last_groups;
  int last_year = 0;
  for (size_t i = 0; i < src.tables.size(); ++i) {
    const Mrio m = req.final_demand.empty() ? src.open(src.tables[i])
                                            : with_final_demand(src.open(src.tables[i]), req.final_demand);
    Partition part = make_partition(src.groups(req.groups, m), req.north, req.south);
    if (req.row) assign_rest_of_world(part, src, m, *req.row);
    if (factors.empty()) factors = split_factors(m);
    // One factorization for every factor: their flows, the value and the wage are right-hand sides of one solve.
    AccountsOptions ao;
    ao.multipliers = req.options.attribution == Attribution::eebt;
    std::vector<std::string> needed = factors;
    needed.push_back(req.options.value);
    if (has(req.valuations, Valuation::wage_gap)) needed.push_back(req.options.wage);
    if (has(req.valuations, Valuation::wage_gap) && req.skill)
      for (const auto& f : factors) {
        DrainOptions o = req.options;
        o.factor = f;
        if (has_skills(m, o))
          for (const char* c : kSkills) needed.push_back(f + "_" + c), needed.push_back(req.options.wage + "_" + c);
      }
    for (const auto& name : needed) {
      const size_t k = m.stressor_index(name);
      if (std::find(ao.stressors.begin(), ao.stressors.end(), k) == ao.stressors.end()) ao.stressors.push_back(k);
    }
    const Accounts acc = compute_accounts(m, ao);

    PriceLevels prices;
    if (has(req.valuations, Valuation::erdi)) {  // price levels only where erdi asks for them
      if (!m.provenance.year) fail(ErrorKind::usage, "erdi needs the table's year");
      prices = src.price_levels(m);
    }
    double to_constant = 1;
    if (req.constant_prices != 0) {
      if (!m.provenance.year) fail(ErrorKind::usage, "--constant-prices needs the table's year, and this one has none");
      // Into US dollars at the year's market rate, then the US GDP deflator to the base year.
      std::string usd;
      to_constant = src.usd_per_unit(m.unit, *m.provenance.year, usd) * src.us_deflator(req.constant_prices) /
                    src.us_deflator(*m.provenance.year);
      constant_unit = fmt::format("{} ({} prices)", usd, req.constant_prices);
    }
    if (req.lost_growth) {
      if (last_year != 0 && *m.provenance.year != last_year + 1)
        fail(ErrorKind::usage, fmt::format("--lost-growth needs consecutive years; the panel jumps from {} to {}",
                                           last_year, *m.provenance.year));
      std::vector<bool> south;
      for (auto sd : part.side) south.push_back(sd == Side::south);
      growth.push_back(growth.empty() ? 0.0 : src.real_growth(m, south));
      last_groups = part.name;
      last_year = *m.provenance.year;
    }
    auto add = [&](Table t) {
      if (req.constant_prices != 0) rescale_money(t, m.unit, to_constant, constant_unit);
      if (!all) all = std::move(t);
      else append(*all, t);
    };
    for (auto v : req.valuations) {
      double sum = 0;  // of the factors' drains, for --combine
      for (const auto& factor : factors) {
        DrainOptions o = req.options;
        o.factor = factor;
        o.valuation = v;
        o.prices = v == Valuation::erdi ? &prices : nullptr;
        auto [t, value] = v == Valuation::wage_gap && req.skill ? skill_drain(m, acc, part, o, req.by_region)
                                                                : plain_drain(m, acc, part, o, req.by_region);
        if (req.lost_growth) series[v].push_back(value * to_constant);
        sum += value;
        add(std::move(t));
      }
      // erdi's figure does not depend on the factor: nothing to combine.
      if (req.combine == Combine::none || factors.size() < 2 || v == Valuation::erdi) continue;
      Table t({"year", "groups", "scope", "factor", "valuation", "measure", "value", "unit"},
              {true, false, false, false, false, false, true, false});
      const double year = m.provenance.year ? double(*m.provenance.year) : NAN;
      t.add_row({year, part.name, std::string("North<->South"), fmt::format("{}", fmt::join(factors, "+")), to_string(v),
                 std::string(req.combine == Combine::sum ? "drain_sum" : "drain_equal_shares"),
                 req.combine == Combine::sum ? sum : sum / double(factors.size()), m.unit});
      add(std::move(t));
    }
    if (progress) progress(i + 1, src.tables.size());
  }
  if (!all) fail(ErrorKind::usage, "no tables to compute the drain on");
  for (const auto& [v, values] : series)
    all->add_row({double(last_year), last_groups, std::string("North<->South"), req.options.factor, to_string(v),
                  std::string("lost_growth_value"), lost_growth(values, growth), constant_unit});
  return std::move(*all);
}

Table sensitivity_table(const DrainSource& src, const SensitivityRequest& req) {
  Table t({"year", "store", "attribution", "groups", "row", "valuation", "definition", "measure", "value", "unit"},
          {true, false, false, false, false, false, false, false, true, false});
  const bool eebt = std::find(req.attributions.begin(), req.attributions.end(), Attribution::eebt) !=
                    req.attributions.end();
  for (const auto& store : src.tables) {
    const Mrio m = src.open(store);
    const Accounts acc = compute_accounts(
        m, {{m.stressor_index(req.factor), m.stressor_index("value_added"), m.stressor_index("labour_compensation")},
            eebt});
    PriceLevels prices;
    if (m.provenance.year) prices = src.price_levels(m);
    const double year = m.provenance.year ? *m.provenance.year : NAN;
    for (auto attribution : req.attributions)
      for (const auto& g : req.groups)
        for (auto row : req.rows) {
          Partition part = make_partition(src.groups(g, m));
          assign_rest_of_world(part, src, m, row);
          for (auto v : {Valuation::northern_prices, Valuation::global_prices, Valuation::wage_gap, Valuation::erdi})
            for (auto def : {Definition::net_quantity, Definition::underpayment}) {
              if (v == Valuation::erdi && def == Definition::underpayment) continue;  // erdi has one definition
              DrainOptions o;
              o.factor = req.factor;
              o.valuation = v;
              o.definition = def;
              o.prices = m.provenance.year ? &prices : nullptr;
              o.attribution = attribution;
              const Drain d = compute_drain(m, acc, part, o);
              const std::string defs = v == Valuation::erdi                ? "exports x (d - 1)"
                                       : def == Definition::net_quantity ? "net-quantity"
                                                                         : "underpayment";
              const std::string a = to_string(attribution), r = to_string(row), val = to_string(v);
              t.add_row({year, store, a, g, r, val, defs, std::string("net_appropriation"), d.net(), d.factor_unit});
              t.add_row({year, store, a, g, r, val, defs, std::string("drain"), d.value, m.unit});
            }
        }
  }
  return t;
}

}  // namespace worldsys::exchange
