#include "worldsys/distrib/tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "worldsys/core/error.hpp"
#include "worldsys/distrib/gap.hpp"
#include "worldsys/distrib/world.hpp"

namespace worldsys::distrib {

PppVintage line_vintage(double line, const std::string& given, PppVintage data) {
  if (!given.empty()) return parse_ppp_vintage(given);
  for (auto v : {PppVintage::ppp2005, PppVintage::ppp2011, PppVintage::ppp2017, PppVintage::ppp2021})
    for (double l : international_lines(v))
      if (std::abs(l - line) < 1e-9) return v;
  return data;
}

PovertyLine query_line(const PovertyQuery& q, PppVintage data) {
  PovertyLine line{q.line, line_vintage(q.line, q.ppp, data)};
  if (q.convert_line) line = convert_line(line, data);
  require_vintage(line, data);
  return line;
}

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
  Table t({"group", "year", "line", "ppp", "headcount", "gap", "severity", "poor", "population", "coverage",
           "coverage_low_income", "estimate", "reported"},
          {false, true, true, false, true, true, true, true, true, true, true, false, false});
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
  // The table has no Watts column: skip its quadrature.
  const PovertyOptions options{q.method, q.source_estimates, false};
  for (size_t i = 0; i < years.size(); ++i) {
    const int year = years[i];
    if (published_groups) {
      for (const auto& g : groups) {
        const auto p = std::find_if(s.published.begin(), s.published.end(), [&](const PublishedPoverty& p) {
          return p.level == kAggregateLevel && p.country == g && p.year == year && std::abs(p.line - line.value) < 1e-6;
        });
        if (p == s.published.end())  // no estimate the source stands behind: no figure, not a guess
          t.add_row({g, double(year), line.value, name(vintage), NAN, NAN, NAN, NAN, NAN, NAN, NAN, std::string("none"),
                     std::string("false")});
        else
          t.add_row({g, double(year), line.value, name(vintage), p->headcount, p->gap, p->severity, NAN, NAN, NAN,
                     NAN, std::string("published"), std::string("true")});
      }
      if (progress) progress(i + 1, years.size());
      continue;
    }
    std::vector<CountryEstimate> est;
    for (auto& c : country_poverty(country_panel(s, year), line.value, options)) est.push_back(std::move(c.estimate));
    for (const auto& g : aggregate(std::move(est), q.by, q.coverage))
      t.add_row({g.group, double(year), line.value, name(vintage), g.measures.headcount, g.measures.gap,
                 g.measures.severity, g.poor, g.population, g.coverage, g.low_income_coverage,
                 std::string("computed"), std::string(g.reported ? "true" : "false")});
    if (progress) progress(i + 1, years.size());
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
