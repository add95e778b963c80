#pragma once
// From country estimates to regions, income groups and the world, as PIP did until mid-2025: population-
// weighted means of country rates, where a country without data takes its region's population-weighted rate
// (so it adds poor people but does not move its region's rate). Coverage = share of population with data.
#include <string>
#include <vector>

#include "worldsys/distrib/measures.hpp"

namespace worldsys::distrib {

struct CountryEstimate {
  std::string country, region, income_group;
  double population = 0;
  bool has_data = false;
  Poverty measures;  // ignored when !has_data
};

struct GroupEstimate {
  std::string group;
  Poverty measures;  // population-weighted means
  double poor = 0, population = 0, coverage = 0;
};

enum class Grouping { world, region, income_group, country };
Grouping parse_grouping(const std::string& s);  // world|region|income-group|country

// Fills the measures of countries without data with their region's population-weighted means (a region
// with no data at all takes the world's). An input error for a missing or non-positive population.
void impute_missing(std::vector<CountryEstimate>& countries);

// Imputes, then sums by the grouping (groups in first-seen order; country: one row each).
std::vector<GroupEstimate> aggregate(std::vector<CountryEstimate> countries, Grouping by);

}  // namespace worldsys::distrib
