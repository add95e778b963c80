#include "worldsys/distrib/aggregate.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "worldsys/core/error.hpp"

namespace worldsys::distrib {

Grouping parse_grouping(const std::string& s) {
  if (s == "world") return Grouping::world;
  if (s == "region") return Grouping::region;
  if (s == "income-group" || s == "income_group") return Grouping::income_group;
  if (s == "country") return Grouping::country;
  fail(ErrorKind::usage, fmt::format("unknown grouping '{}'; expected world, region, income-group or country", s));
}

std::string group_key(Grouping by, const std::string& country, const std::string& region,
                      const std::string& income_group) {
  switch (by) {
    case Grouping::world: return "World";
    case Grouping::region: return region;
    case Grouping::income_group: return income_group;
    case Grouping::country: return country;
  }
  return country;
}

CoverageRule parse_coverage_rule(const std::string& s) {
  if (s == "lineup") return CoverageRule::lineup;
  if (s == "survey-3y") return CoverageRule::survey_3y;
  fail(ErrorKind::usage, fmt::format("unknown coverage rule '{}'; expected lineup or survey-3y", s));
}

bool survey_within_3y(const std::vector<double>& survey_years, int year) {
  for (double s : survey_years) {
    if (year >= 2020 && year <= 2022 && s < 2020) continue;
    if (year >= 2017 && year <= 2019 && s >= 2020) continue;
    if (std::abs(s - year) <= 3) return true;
  }
  return false;
}

namespace {
bool covered(const CountryEstimate& c, CoverageRule rule) {
  return rule == CoverageRule::lineup ? c.has_data : c.surveyed;
}

bool low_income(const std::string& income_group) {
  return income_group == "Low income" || income_group == "Lower middle income";
}

struct Sum {
  double pop = 0, covered = 0, imputed = 0, h = 0, g = 0, s = 0, w = 0;
  void add(const CountryEstimate& c, CoverageRule rule = CoverageRule::lineup) {
    pop += c.population;
    if (c.imputed) imputed += c.population;
    if (distrib::covered(c, rule)) covered += c.population;
    h += c.population * c.measures.headcount;
    g += c.population * c.measures.gap;
    s += c.population * c.measures.severity;
    w += c.population * c.measures.watts;
  }
  Poverty rates() const { return {h / pop, g / pop, s / pop, w / pop}; }
};
}  // namespace

void impute_missing(std::vector<CountryEstimate>& countries) {
  std::map<std::string, Sum> region;
  Sum world;
  for (const auto& c : countries) {
    if (!(c.population > 0) || !std::isfinite(c.population))
      fail(ErrorKind::input, fmt::format("{}: population is {}; every country needs a positive population to be "
                                         "aggregated (missing population is not imputed)",
                                         c.country, c.population));
    if (!c.has_data) continue;
    region[c.region].add(c);
    world.add(c);
  }
  for (auto& c : countries) {
    if (c.has_data) continue;
    c.imputed = true;
    const auto it = region.find(c.region);
    if (it != region.end() && it->second.pop > 0) c.measures = it->second.rates();
    else if (world.pop > 0) c.measures = world.rates();
    else fail(ErrorKind::input, "no country has data: nothing to aggregate");
  }
}

double low_income_coverage(const std::vector<CountryEstimate>& countries, CoverageRule rule) {
  double pop = 0, with_data = 0;
  for (const auto& c : countries)
    if (low_income(c.income_group)) {
      pop += c.population;
      if (covered(c, rule)) with_data += c.population;
    }
  return pop > 0 ? with_data / pop : 0;
}

std::vector<GroupEstimate> aggregate(std::vector<CountryEstimate> countries, Grouping by, CoverageRule rule) {
  impute_missing(countries);
  const double low_coverage = low_income_coverage(countries, rule);
  const bool low_income_reported = low_coverage >= kReportingCoverage;
  std::vector<std::string> order;
  std::map<std::string, Sum> sums;
  for (const auto& c : countries) {
    const std::string key = group_key(by, c.country, c.region, c.income_group);
    if (!sums.count(key)) order.push_back(key);
    sums[key].add(c, rule);
  }
  std::vector<GroupEstimate> out;
  for (const auto& k : order) {
    const Sum& s = sums[k];
    const double coverage = s.covered / s.pop;
    const bool reported = coverage >= kReportingCoverage && (by != Grouping::world || low_income_reported);
    out.push_back({k, s.rates(), s.h, s.pop, coverage, s.imputed / s.pop, reported,
                   by == Grouping::world ? low_coverage : NAN});
  }
  return out;
}

}  // namespace worldsys::distrib
