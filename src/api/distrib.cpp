// poverty, inequality and gap: a distribution store, the years and groups asked for, the tidy table.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <regex>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/aggregate.hpp"
#include "worldsys/distrib/gap.hpp"
#include "worldsys/distrib/lorenz.hpp"
#include "worldsys/distrib/pareto.hpp"
#include "worldsys/distrib/world.hpp"
#include "worldsys/io/distributions.hpp"

namespace worldsys::api {

std::vector<int> parse_years(const std::string& spec) {
  std::smatch m;
  if (std::regex_match(spec, m, std::regex(R"((\d{4})(?:\s*[-:]\s*(\d{4}))?)"))) {
    const int a = std::stoi(m[1]), b = m[2].matched ? std::stoi(m[2]) : a;
    if (a <= b) {
      std::vector<int> years;
      for (int y = a; y <= b; ++y) years.push_back(y);
      return years;
    }
  }
  fail(ErrorKind::usage, fmt::format("cannot read years '{}'; write one year (2011) or a range (1995-2011)", spec));
}

namespace {

// The vintage of a line: as given, else the vintage whose international line it is, else the data's.
distrib::PppVintage line_vintage(double line, const std::string& given, distrib::PppVintage data) {
  if (!given.empty()) return distrib::parse_ppp_vintage(given);
  for (auto v : {distrib::PppVintage::ppp2005, distrib::PppVintage::ppp2011, distrib::PppVintage::ppp2017,
                 distrib::PppVintage::ppp2021})
    for (double l : distrib::international_lines(v))
      if (std::abs(l - line) < 1e-9) return v;
  return data;
}

Table one_distribution_table() {
  return Table({"method", "headcount", "gap", "severity", "watts", "gini", "median"},
               {false, true, true, true, true, true, true});
}

}  // namespace

Table poverty_grouped(const std::string& file, const std::string& columns, double mean, double line,
                      const std::string& method) {
  if (!(mean > 0)) fail(ErrorKind::usage, "--grouped needs the distribution's --mean");
  if (!(line > 0)) fail(ErrorKind::usage, "the poverty line must be positive");
  std::string pcol, lcol;
  if (!columns.empty()) {
    const auto comma = columns.find(',');
    if (comma == std::string::npos) fail(ErrorKind::usage, "--columns takes two names: POPULATION,WELFARE");
    pcol = columns.substr(0, comma), lcol = columns.substr(comma + 1);
  }
  const io::GroupedFile f = io::read_grouped_csv(file, pcol, lcol);
  distrib::Grouped g{f.p, f.L, mean};
  distrib::validate(g, file.c_str());
  const auto r = distrib::analyse_grouped(g, line, distrib::parse_lorenz_method(method));
  Table t = one_distribution_table();
  t.add_row({std::string(distrib::name(r.poverty_model)), r.measures.headcount, r.measures.gap, r.measures.severity,
             r.measures.watts, r.gini, r.median});
  return t;
}

// A WID-style tabulation through generalized Pareto interpolation.
Table poverty_tabulation(const std::string& file, double mean, double line) {
  if (!(line > 0)) fail(ErrorKind::usage, "the poverty line must be positive");
  const io::TabulationFile f = io::read_tabulation_csv(file);
  const double mu = mean > 0 ? mean : f.mean;
  if (!(mu > 0)) fail(ErrorKind::usage, fmt::format("{} has no 'average' column: give the overall --mean", file));
  const distrib::ParetoInterpolation g({f.p, f.threshold, f.bracket_average, mu});
  const distrib::Poverty m = g.poverty(line);
  Table t = one_distribution_table();
  t.add_row({std::string("pareto"), m.headcount, m.gap, m.severity, m.watts, g.gini(), g.quantile(0.5)});
  return t;
}

Table poverty(const std::string& store, const PovertyArgs& a, const ProgressFn& progress) {
  if (!(a.line > 0)) fail(ErrorKind::usage, "the poverty line must be positive");
  if (a.estimates != "auto" && a.estimates != "lorenz") fail(ErrorKind::usage, "estimates: use auto or lorenz");
  const io::DistributionStore s = io::read_distribution_store(store);
  const bool usable = !s.published.empty() || std::any_of(s.distributions.begin(), s.distributions.end(),
                                                          [](const auto& d) { return !d.shares.empty(); });
  if (!usable)
    fail(ErrorKind::usage, fmt::format("{} holds country means only ({}): poverty needs distributions or "
                                       "published estimates; use `worldsys gap` on it",
                                       store, s.unit));
  const auto vintage = distrib::store_vintage(s);
  distrib::PovertyLine line{a.line, line_vintage(a.line, a.ppp, vintage)};
  if (a.convert_line) line = distrib::convert_line(line, vintage);
  distrib::require_vintage(line, vintage);
  const auto years = a.year.empty() ? distrib::store_years(s) : parse_years(a.year);
  const auto method = distrib::parse_lorenz_method(a.method);
  const auto by = distrib::parse_grouping(a.by);
  const auto coverage = distrib::parse_coverage_rule(a.coverage);
  if (coverage == distrib::CoverageRule::survey_3y && s.surveys.empty())
    fail(ErrorKind::usage, fmt::format("{} lists no surveys (a store from another source, or imported before survey "
                                       "years were kept: re-import it), so survey coverage cannot be computed; "
                                       "use --coverage lineup",
                                       store));
  Table t({"group", "year", "line", "ppp", "headcount", "gap", "severity", "poor", "population", "coverage",
           "reported"},
          {false, true, true, false, true, true, true, true, true, true, false});
  for (size_t i = 0; i < years.size(); ++i) {
    std::vector<distrib::CountryEstimate> est;
    // The table has no Watts column: skip its quadrature.
    const distrib::PovertyOptions options{method, a.estimates == "auto", false};
    for (auto& c : distrib::country_poverty(distrib::country_panel(s, years[i]), line.value, options))
      est.push_back(std::move(c.estimate));
    for (const auto& g : distrib::aggregate(std::move(est), by, coverage))
      t.add_row({g.group, double(years[i]), line.value, distrib::name(vintage), g.measures.headcount, g.measures.gap,
                 g.measures.severity, g.poor, g.population, g.coverage, std::string(g.reported ? "true" : "false")});
    if (progress) progress(i + 1, years.size());
  }
  return t;
}

Table inequality(const std::string& store, const InequalityArgs& a) {
  if (a.by != "world" && a.by != "region" && a.by != "country")
    fail(ErrorKind::usage, fmt::format("by = '{}': use world, region or country", a.by));
  const io::DistributionStore s = io::read_distribution_store(store);
  const auto years = a.year.empty() ? distrib::store_years(s) : parse_years(a.year);
  std::vector<std::string> names = {"group", "year", "gini", "theil", "mld"};
  if (a.decompose) names.insert(names.end(), {"theil_between", "theil_within", "mld_between", "mld_within"});
  names.push_back("coverage");
  std::vector<bool> numeric(names.size(), true);
  numeric[0] = false;
  Table t(names, numeric);
  for (int year : years) {
    const auto panel = distrib::country_panel(s, year);
    std::vector<std::pair<std::string, std::vector<distrib::CountryYear>>> groups;
    if (a.by == "country") {
      // Each country alone: inequality between its quantile groups (population and coverage are moot).
      for (const auto& c : panel) {
        if (!c.grouped) continue;
        const auto u = distrib::to_sample(*c.grouped);
        std::vector<Table::Cell> row = {c.country, double(year), distrib::gini(u), distrib::theil(u), distrib::mld(u)};
        if (a.decompose) row.insert(row.end(), {0.0, distrib::theil(u), 0.0, distrib::mld(u)});
        row.push_back(1.0);
        t.add_row(row);
      }
      continue;
    }
    if (a.by == "world") {
      groups.push_back({"World", panel});
    } else {
      std::map<std::string, std::vector<distrib::CountryYear>> by_region;
      for (const auto& c : panel) by_region[c.region].push_back(c);
      for (auto& [r, cs] : by_region) groups.push_back({r, std::move(cs)});
    }
    for (const auto& [name, cs] : groups) {
      bool any = false;
      for (const auto& c : cs) any = any || c.grouped.has_value();
      if (!any) continue;
      const auto r = distrib::world_inequality(cs);
      std::vector<Table::Cell> row = {name, double(year), r.d.gini, r.d.theil, r.d.mld};
      if (a.decompose) row.insert(row.end(), {r.d.theil_between, r.d.theil_within, r.d.mld_between, r.d.mld_within});
      row.push_back(r.coverage);
      t.add_row(row);
    }
  }
  return t;
}

Table gap(const std::string& store, const GapArgs& a) {
  if (a.from > a.to) fail(ErrorKind::usage, fmt::format("--from {} is after --to {}", a.from, a.to));
  if (a.weights != "population" && a.weights != "none")
    fail(ErrorKind::usage, fmt::format("weights = '{}': use population or none", a.weights));
  const io::DistributionStore s = io::read_distribution_store(store);
  const bool weighted = a.weights == "population";
  Table t({"year", "countries", "population", "weights", "share", "groups", "top_bottom", "theil", "mld", "gini",
           "sigma"},
          {true, true, true, false, true, false, true, true, true, true, true});
  std::map<int, std::vector<distrib::CountryMean>> by_year;
  for (int y = a.from; y <= a.to; ++y) {
    auto means = distrib::country_means(s, y);
    if (means.size() >= 2) by_year[y] = std::move(means);  // years the source covers
  }
  if (a.balanced && !by_year.empty()) {
    std::map<std::string, size_t> seen;
    for (const auto& [y, means] : by_year)
      for (const auto& c : means) ++seen[c.country];
    for (auto& [y, means] : by_year)
      std::erase_if(means, [&](const auto& c) { return seen[c.country] != by_year.size(); });
  }
  std::optional<distrib::FixedGroups> fixed;
  std::string groups = "re-ranked";
  if (a.fixed && !by_year.empty()) {
    fixed = distrib::fixed_groups(by_year.begin()->second, a.share, weighted);
    groups = fmt::format("fixed {}", by_year.begin()->first);
  }
  std::vector<double> years;
  std::vector<std::vector<double>> series(5);
  for (const auto& [y, means] : by_year) {
    if (means.size() < 2) continue;
    auto g = distrib::rich_poor_gap(means, a.share, weighted);
    if (fixed) g.top_bottom = distrib::fixed_top_bottom(means, *fixed, weighted);
    t.add_row({double(y), double(g.countries), g.population, a.weights, a.share, groups, g.top_bottom, g.theil, g.mld,
               g.gini, g.sigma});
    years.push_back(y);
    const double v[] = {g.top_bottom, g.theil, g.mld, g.gini, g.sigma};
    for (int k = 0; k < 5; ++k) series[k].push_back(v[k]);
  }
  if (years.empty()) fail(ErrorKind::usage, fmt::format("the store has no country means in {}-{}", a.from, a.to));
  if (!a.trend) return t;
  Table tr({"measure", "from", "to", "weights", "first", "last", "slope_per_year", "growth_per_year"},
           {false, true, true, false, true, true, true, true});
  const char* names[] = {"top_bottom", "theil", "mld", "gini", "sigma"};
  for (int k = 0; k < 5; ++k) {
    const auto tr_k = distrib::trend(years, series[k]);
    tr.add_row({std::string(names[k]), years.front(), years.back(), a.weights, series[k].front(), series[k].back(),
                tr_k.slope, tr_k.log_slope});
  }
  return tr;
}

}  // namespace worldsys::api
