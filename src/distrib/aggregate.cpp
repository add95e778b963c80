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

namespace {
struct Sum {
  double pop = 0, covered = 0, h = 0, g = 0, s = 0, w = 0;
  void add(const CountryEstimate& c) {
    pop += c.population;
    if (c.has_data) covered += c.population;
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
    const auto it = region.find(c.region);
    if (it != region.end() && it->second.pop > 0) c.measures = it->second.rates();
    else if (world.pop > 0) c.measures = world.rates();
    else fail(ErrorKind::input, "no country has data: nothing to aggregate");
  }
}

std::vector<GroupEstimate> aggregate(std::vector<CountryEstimate> countries, Grouping by) {
  impute_missing(countries);
  std::vector<std::string> order;
  std::map<std::string, Sum> sums;
  for (const auto& c : countries) {
    const std::string key = by == Grouping::world    ? "World"
                            : by == Grouping::region ? c.region
                            : by == Grouping::income_group ? c.income_group
                                                           : c.country;
    if (!sums.count(key)) order.push_back(key);
    sums[key].add(c);
  }
  std::vector<GroupEstimate> out;
  for (const auto& k : order) {
    const Sum& s = sums[k];
    out.push_back({k, s.rates(), s.h, s.pop, s.covered / s.pop});
  }
  return out;
}

}  // namespace worldsys::distrib
