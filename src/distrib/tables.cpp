#include "worldsys/distrib/tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "worldsys/core/error.hpp"
#include "worldsys/distrib/distribution.hpp"
#include "worldsys/distrib/gap.hpp"
#include "worldsys/distrib/measures.hpp"
#include "worldsys/distrib/world.hpp"

namespace worldsys::distrib {

PppVintage line_vintage(double line, const std::string& given, PppVintage data) {
  if (!given.empty()) return parse_ppp_vintage(given);
  // Only the extreme lines ($1.25, $1.90, $2.15, $3.00) name their vintage: they are the ones carried over by
  // mistake, while a higher line of one vintage ($2.00 in 2005, $5.50 in 2011) is an ordinary line in another.
  for (auto v : {PppVintage::ppp2005, PppVintage::ppp2011, PppVintage::ppp2017, PppVintage::ppp2021})
    if (std::abs(international_lines(v).front() - line) < 1e-9) return v;
  return data;
}

PovertyLine query_line(const PovertyQuery& q, PppVintage data) {
  PovertyLine line{q.line, line_vintage(q.line, q.ppp, data)};
  if (q.convert_line) line = convert_line(line, data);
  require_vintage(line, data);
  return line;
}

namespace {

// The source's label of a group's year: a nowcast when any member is, else actual when the source labels years.
std::map<std::string, std::string> estimate_types(const std::vector<CountryYear>& panel, Grouping by) {
  std::map<std::string, std::string> out;
  for (const auto& c : panel) {
    if (c.estimate.empty()) continue;
    auto& label = out[group_key(by, c.country, c.region, c.income_group)];
    if (by == Grouping::country) label = c.estimate;
    else if (label != "nowcast") label = c.estimate == "nowcast" ? "nowcast" : "actual";
  }
  return out;
}

void require_countries(const PovertyQuery& q, const std::vector<CountryYear>& panel, int year) {
  for (const auto& code : q.countries)
    if (std::none_of(panel.begin(), panel.end(), [&](const CountryYear& c) { return c.country == code; }))
      fail(ErrorKind::usage, fmt::format("--country {}: no such economy in {} (codes are ISO 3166 alpha-3, e.g. NGA)",
                                         code, year));
}

bool wanted(const PovertyQuery& q, const std::string& group) {
  return q.countries.empty() || std::find(q.countries.begin(), q.countries.end(), group) != q.countries.end();
}

// The rows of one year and line from the countries' estimates.
void add_group_rows(Table& t, int year, double line, const std::string& ppp, const PovertyQuery& q,
                    const std::vector<CountryYear>& panel, const std::vector<CountryPoverty>& est) {
  require_countries(q, panel, year);
  const auto types = estimate_types(panel, q.by);
  std::map<std::string, bool> from_source;  // a country row whose figure is the source's own at this line
  std::vector<CountryEstimate> countries;
  for (const auto& c : est) {
    from_source[c.estimate.country] = from_source[c.estimate.country] || c.source == EstimateSource::published;
    countries.push_back(c.estimate);
  }
  for (const auto& g : aggregate(std::move(countries), q.by, q.coverage)) {
    if (!wanted(q, g.group)) continue;
    std::string estimate = q.source_estimates ? "source" : "model";
    if (q.by == Grouping::country) estimate = g.imputed > 0.5 ? "imputed" : from_source[g.group] ? "source" : "model";
    const bool empty = estimate == "imputed" && !q.impute;
    const auto type = types.find(g.group);
    t.add_row({g.group, double(year), line, ppp, empty ? NAN : g.measures.headcount, empty ? NAN : g.measures.gap,
               empty ? NAN : g.measures.severity, empty ? NAN : g.measures.watts, empty ? NAN : g.poor, g.population,
               g.coverage,
               g.low_income_coverage, g.imputed, estimate, type == types.end() ? std::string() : type->second,
               std::string(g.reported ? "true" : "false")});
  }
}

}  // namespace

Table poverty_table(const DistributionStore& s, const PovertyQuery& q, const std::string& store,
                    const std::function<void(size_t, size_t)>& progress) {
  const bool usable = !s.published.empty() || std::any_of(s.distributions.begin(), s.distributions.end(),
                                                          [](const auto& d) { return !d.shares.empty(); });
  if (!usable)
    fail(ErrorKind::usage, fmt::format("{} holds country means only ({}): poverty needs distributions or "
                                       "published estimates; use `worldsys gap` on it", store, s.unit));
  const auto vintage = store_vintage(s);
  const PovertyLine line = query_line(q, vintage);
  const auto years = q.years.empty() ? store_years(s) : q.years;
  const bool published_groups = s.survey_years_only && (q.by == Grouping::world || q.by == Grouping::region);
  if (q.coverage == CoverageRule::survey_3y && s.surveys.empty() && !published_groups)
    fail(ErrorKind::usage, fmt::format("{} lists no surveys (a store from another source, or imported before survey "
                                       "years were kept: re-import it), so survey coverage cannot be computed; "
                                       "use --coverage lineup", store));
  Table t({"group", "year", "line", "ppp", "headcount", "gap", "severity", "watts", "poor", "population", "coverage",
           "coverage_low_income", "imputed", "estimate", "estimate_type", "reported"},
          {false, true, true, false, true, true, true, true, true, true, true, true, true, false, false, false});
  if (!q.countries.empty() && q.by != Grouping::country)
    fail(ErrorKind::usage, "--country lists countries: use it with --by country");
  // A store of survey years cannot be lined up to a common year: its groups are the source's own estimates.
  if (s.survey_years_only && q.by == Grouping::income_group)
    fail(ErrorKind::usage, fmt::format("{} holds countries only in their survey years and publishes no income-group "
                                       "estimates, so it gives no income-group figures; use --by country", store));
  std::vector<std::string> groups;  // the source's published groups, first-seen order
  if (published_groups) {
    if (q.by == Grouping::world) groups = {"World"};
    for (const auto& p : s.published)
      if (p.level == kAggregateLevel && p.country != "World" && q.by == Grouping::region &&
          std::find(groups.begin(), groups.end(), p.country) == groups.end())
        groups.push_back(p.country);
    if (groups.empty())
      fail(ErrorKind::usage, fmt::format("{} holds countries only in their survey years and publishes no regional "
                                         "estimates, so it gives no regional figures; use --by country", store));
  }
  const PovertyOptions options{q.source_estimates, true, q.cmd};
  for (size_t i = 0; i < years.size(); ++i) {
    const int year = years[i];
    if (published_groups) {
      for (const auto& g : groups) {
        const auto p = std::find_if(s.published.begin(), s.published.end(), [&](const PublishedPoverty& p) {
          return p.level == kAggregateLevel && p.country == g && p.year == year && std::abs(p.line - line.value) < 1e-6;
        });
        if (p == s.published.end())  // no estimate the source stands behind: no figure, not a guess
          t.add_row({g, double(year), line.value, name(vintage), NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN, NAN,
                     std::string("none"), std::string(), std::string("false")});
        else
          t.add_row({g, double(year), line.value, name(vintage), p->headcount, p->gap, p->severity, p->watts, NAN, NAN,
                     NAN, NAN, NAN, std::string("published"), std::string(), std::string("true")});
      }
      if (progress) progress(i + 1, years.size());
      continue;
    }
    const auto panel = country_panel(s, year);
    const auto est = country_poverty(fit_panel(panel, q.method, q.calibrate), line.value, options);
    add_group_rows(t, year, line.value, name(vintage), q, panel, est);
    if (progress) progress(i + 1, years.size());
  }
  return t;
}

Table line_table(const DistributionStore& s, const PovertyQuery& q, double share, const std::string& store) {
  if (!(share > 0 && share < 1)) fail(ErrorKind::usage, fmt::format("--share {}: give a population share between 0 and 1, e.g. 0.5", share));
  if (q.source_estimates)
    fail(ErrorKind::usage, "--share finds the line on the distributions: the source's own estimates exist at its "
                           "lines only (drop --estimates source)");
  if (s.survey_years_only)
    fail(ErrorKind::usage, fmt::format("{} holds countries only in their survey years: no distribution of the world "
                                       "to invert", store));
  if (!q.countries.empty() && q.by != Grouping::country)
    fail(ErrorKind::usage, "--country lists countries: use it with --by country");
  const auto vintage = store_vintage(s);
  const auto years = q.years.empty() ? store_years(s) : q.years;
  const PovertyOptions options{false, false, q.cmd};
  Table t({"group", "year", "share", "line", "ppp", "population", "coverage", "imputed", "estimate_type"},
          {false, true, true, true, false, true, true, true, false});
  for (int year : years) {
    const auto panel = country_panel(s, year);
    require_countries(q, panel, year);
    const FittedPanel fitted = fit_panel(panel, q.method, q.calibrate);
    const auto types = estimate_types(panel, q.by);
    // A group's headcount at z, with aggregate's imputation, on its members alone unless one of them takes its
    // region's rate (then on every country).
    auto at = [&](const FittedPanel& f, double z) {
      std::vector<CountryEstimate> est;
      for (auto& c : country_poverty(f, z, options)) est.push_back(std::move(c.estimate));
      return aggregate(std::move(est), q.by, q.coverage);
    };
    const auto groups = at(fitted, 1.0);
    for (const auto& group : groups) {
      if (!wanted(q, group.group)) continue;
      FittedPanel members;
      bool imputed = false;
      for (size_t i = 0; i < fitted.rows.size(); ++i) {
        const CountryYear& c = *fitted.rows[i];
        if (group_key(q.by, c.country, c.region, c.income_group) != group.group) continue;
        members.rows.push_back(&c), members.fits.push_back(fitted.fits[i]);
        imputed = imputed || !(fitted.fits[i].has_model() || ((q.cmd || !c.cmd) && fitted.fits[i].source_fit));
      }
      const FittedPanel& f = imputed ? fitted : members;
      auto headcount = [&](double lz) {
        for (const auto& r : at(f, std::exp(lz)))
          if (r.group == group.group) return r.measures.headcount;
        return double(NAN);
      };
      // Bisection in ln z: every country's headcount is continuous and non-decreasing in the line, so is the group's.
      double lo = std::log(1e-3), hi = std::log(1e5), line = NAN;
      if (headcount(lo) <= share && headcount(hi) >= share) {
        while (hi - lo > 1e-10) {
          const double mid = (lo + hi) / 2;
          (headcount(mid) < share ? lo : hi) = mid;
        }
        line = std::exp((lo + hi) / 2);
      }
      const auto type = types.find(group.group);
      t.add_row({group.group, double(year), share, line, name(vintage), group.population, group.coverage,
                 group.imputed, type == types.end() ? std::string() : type->second});
    }
  }
  return t;
}

namespace {

// The source's own Gini of a country-year that is one survey distribution (national, or the country's only
// level); NaN for a year stacking two surveys, a group, or a source without one.
double source_gini(const DistributionStore& s, const std::string& country, int year, Grouping by) {
  if (by != Grouping::country) return NAN;
  std::vector<const DistributionRow*> rows;
  for (const auto& d : s.distributions)
    if (d.country == country && d.year == year) rows.push_back(&d);
  std::erase_if(rows, [&](const DistributionRow* d) {
    return d->level != "national" && std::any_of(rows.begin(), rows.end(), [](auto* r) { return r->level == "national"; });
  });
  return rows.size() == 1 ? rows[0]->gini : NAN;
}

// A country's inequality units, weights summing to its population; empty when it has none of the kind asked for.
WeightedSample country_units(const CountryYear& c, const CountryFit& f, bool model) {
  if (!model) {
    WeightedSample u = quantile_units(c);
    for (double& w : u.w) w *= c.population;
    return u;
  }
  if (!f.has_model() && !f.source_fit) return {};
  WeightedSample u = to_bins(f, c.population, kInequalityBins);
  const double floor = kInequalityFloor * (c.mean > 0 ? c.mean : mean(u));
  for (double& y : u.y) y = std::max(y, floor);
  return u;
}

}  // namespace

Table inequality_table(const DistributionStore& s, const InequalityQuery& q) {
  if (q.by == Grouping::income_group) fail(ErrorKind::usage, "inequality by income group: use world, region or country");
  const auto years = q.years.empty() ? store_years(s) : q.years;
  std::vector<std::string> names = {"group", "year", "gini", "theil", "mld"};
  if (q.decompose) names.insert(names.end(), {"theil_between", "theil_within", "mld_between", "mld_within"});
  names.insert(names.end(), {"mean", "p10", "median", "p90", "palma", "top10_share", "bottom40_share", "atkinson_0.5",
                             "atkinson_1", "atkinson_2", "wolfson"});
  if (q.source_gini) names.push_back("source_gini");
  names.push_back("coverage");
  std::vector<bool> numeric(names.size(), true);
  numeric[0] = false;
  Table t(names, numeric);
  for (int year : years) {
    const auto panel = country_panel(s, year);
    const FittedPanel fitted = fit_panel(panel, LorenzMethod::automatic, q.calibrate);
    // Groups (sorted by name), each with its countries' units; a country's urban and rural rows are one country.
    std::map<std::string, std::vector<WeightedSample>> units;
    std::map<std::string, std::map<std::string, size_t>> index;  // group -> country -> its units
    std::map<std::string, double> covered, total;
    for (size_t i = 0; i < panel.size(); ++i) {
      const CountryYear& c = panel[i];
      const std::string g = group_key(q.by, c.country, c.region, c.income_group);
      total[g] += c.population;
      const WeightedSample u = country_units(c, fitted.fits[i], q.model);
      if (u.size() == 0) continue;
      covered[g] += c.population;
      const auto [at, fresh] = index[g].try_emplace(c.country, units[g].size());
      if (fresh) units[g].emplace_back();
      WeightedSample& mine = units[g][at->second];
      mine.y.insert(mine.y.end(), u.y.begin(), u.y.end());
      mine.w.insert(mine.w.end(), u.w.begin(), u.w.end());
    }
    for (const auto& [g, us] : units) {
      Decomposition d = decompose(us);
      if (us.size() == 1) d.theil_between = d.mld_between = 0, d.theil_within = d.theil, d.mld_within = d.mld;  // one country
      WeightedSample all;
      for (const auto& u : us) {
        all.y.insert(all.y.end(), u.y.begin(), u.y.end());
        all.w.insert(all.w.end(), u.w.begin(), u.w.end());
      }
      all = sorted(std::move(all));
      std::vector<Table::Cell> row = {g, double(year), d.gini, d.theil, d.mld};
      if (q.decompose) row.insert(row.end(), {d.theil_between, d.theil_within, d.mld_between, d.mld_within});
      row.insert(row.end(), {d.mean, quantile(all, 0.1), quantile(all, 0.5), quantile(all, 0.9), palma(all),
                             top_share(all, 0.1), bottom_share(all, 0.4), atkinson(all, 0.5), atkinson(all, 1),
                             atkinson(all, 2), wolfson(all)});
      if (q.source_gini) row.push_back(source_gini(s, g, year, q.by));
      row.push_back(covered[g] / total[g]);
      t.add_row(row);
    }
  }
  return t;
}

Table gap_table(const DistributionStore& s, const GapQuery& q) {
  if (q.from > q.to) fail(ErrorKind::usage, fmt::format("--from {} is after --to {}", q.from, q.to));
  const std::string weights = q.weighted ? "population" : "none";
  Table t({"year", "countries", "population", "weights", "share", "groups", "top_bottom", "theil", "mld", "gini",
           "sigma"},
          {true, true, true, false, true, false, true, true, true, true, true});
  std::map<int, std::vector<CountryMean>> by_year;
  for (int y = q.from; y <= q.to; ++y) {
    auto means = country_means(s, y);
    if (means.size() >= 2) by_year[y] = std::move(means);  // years the source covers
  }
  if (q.balanced && !by_year.empty()) {
    std::map<std::string, size_t> seen;
    for (const auto& [y, means] : by_year)
      for (const auto& c : means) ++seen[c.country];
    for (auto& [y, means] : by_year)
      std::erase_if(means, [&](const auto& c) { return seen[c.country] != by_year.size(); });
  }
  std::optional<FixedGroups> fixed;
  std::string groups = "re-ranked";
  if (q.fixed && !by_year.empty()) {
    fixed = fixed_groups(by_year.begin()->second, q.share, q.weighted);
    groups = fmt::format("fixed {}", by_year.begin()->first);
  }
  for (const auto& [y, means] : by_year) {
    if (means.size() < 2) continue;
    auto g = rich_poor_gap(means, q.share, q.weighted);
    if (fixed) g.top_bottom = fixed_top_bottom(means, *fixed, q.weighted);
    t.add_row({double(y), double(g.countries), g.population, weights, q.share, groups, g.top_bottom, g.theil, g.mld,
               g.gini, g.sigma});
  }
  if (t.rows() == 0) fail(ErrorKind::usage, fmt::format("the store has no country means in {}-{}", q.from, q.to));
  return t;
}

Table gap_trend_table(const Table& gap) {
  const auto& years = gap.column("year").num;
  const std::string weights = gap.rows() ? gap.column("weights").text.front() : "";
  Table tr({"measure", "from", "to", "weights", "first", "last", "slope_per_year", "growth_per_year"},
           {false, true, true, false, true, true, true, true});
  for (const char* m : {"top_bottom", "theil", "mld", "gini", "sigma"}) {
    const auto& v = gap.column(m).num;
    const auto tr_k = trend(years, v);
    tr.add_row({std::string(m), years.front(), years.back(), weights, v.front(), v.back(), tr_k.slope, tr_k.log_slope});
  }
  return tr;
}

}  // namespace worldsys::distrib
