#pragma once
// The gap between rich and poor countries in one year, from country means (GDP per capita or survey means)
// and populations: each country is one unit at its mean, so this is inequality *between* countries
// (Milanovic's concept 2 when weighted by population, concept 1 when not).
#include <map>
#include <string>
#include <vector>

namespace worldsys::distrib {

struct CountryMean {
  std::string country;
  double mean = 0, population = 0;
};

struct Gap {
  size_t countries = 0;
  double population = 0;
  double top_bottom = 0;  // mean of the richest `share` over the poorest `share` (of population, or of countries)
  double theil = 0, mld = 0, gini = 0;  // of the country means
  double sigma = 0;  // standard deviation of ln(mean): sigma convergence when it falls over time
};

// `share` (0, 0.5]: the fraction at each end, 0.1 for the richest and poorest deciles. `weighted`: by
// population (a country straddling a decile boundary counts pro rata), else each country counts once.
// Input error for a non-positive mean or population.
Gap rich_poor_gap(const std::vector<CountryMean>& countries, double share = 0.1, bool weighted = true);

// "Fixed groups": the countries forming the richest and poorest `share` in a base year, each with the fraction
// of its weight inside the group (countries straddling the cut count pro rata), followed over time.
struct FixedGroups {
  std::map<std::string, double> top, bottom;
};
FixedGroups fixed_groups(const std::vector<CountryMean>& base, double share = 0.1, bool weighted = true);
// The base year's richest group's mean over its poorest group's mean with this year's means and weights;
// members without data this year are left out of their group (a usage error if a group is left empty).
double fixed_top_bottom(const std::vector<CountryMean>& countries, const FixedGroups& g, bool weighted = true);

// Least-squares trend of a series: slope per year, and of its logarithm (growth rate per year).
struct Trend {
  double slope = 0, log_slope = 0;
};
Trend trend(const std::vector<double>& years, const std::vector<double>& values);

}  // namespace worldsys::distrib
