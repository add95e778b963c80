#pragma once
// From country estimates to regions, income groups and the world, as PIP did until mid-2025: population-
// weighted means of country rates, where a country without data takes its region's population-weighted rate
// (so it adds poor people but does not move its region's rate). Coverage = share of population with data, by
// PIP's survey rule or by the line-up rows (CoverageRule); a group is reported when its coverage is high enough.
#include <cmath>
#include <string>
#include <vector>

#include "worldsys/distrib/measures.hpp"

namespace worldsys::distrib {

struct CountryEstimate {
  std::string country, region, income_group;
  double population = 0;
  bool has_data = false;
  Poverty measures;       // ignored when !has_data
  bool surveyed = false;  // has a line-up row and a survey within ±3 years of the year (survey_within_3y)
  bool imputed = false;   // the measures are a prediction, not a survey's: the source's no-survey model or the region's rate
};

struct GroupEstimate {
  std::string group;
  Poverty measures;  // population-weighted means
  double poor = 0, population = 0, coverage = 0;
  double imputed = 0;     // population share whose measures are imputed (CountryEstimate::imputed)
  bool reported = false;  // coverage ≥ 50 %; the world also needs ≥ 50 % among low + lower-middle income
  double low_income_coverage = NAN;  // that second coverage, for the world only
};

// What counts as "having data" for coverage. survey_3y (PIP's rule): a survey within ±3 years of the reference
// year; lineup: an estimate in the line-up (the rule worldsys used before).
enum class CoverageRule { lineup, survey_3y };
CoverageRule parse_coverage_rule(const std::string& s);  // lineup|survey-3y

// PIP's survey rule for reference year `year`: some survey year (fractional) within ±3 years, with COVID censoring:
// for 2020-2022 only surveys from 2020 on count; for 2017-2019 surveys from 2020 on do not.
bool survey_within_3y(const std::vector<double>& survey_years, int year);

// Minimum population coverage for a region (or other group) to be reported, and for the world additionally
// among low-income + lower-middle-income economies (Castaneda Aguilar et al. 2020).
inline constexpr double kReportingCoverage = 0.5;
// Population share of low-income + lower-middle-income economies (income group of the year) with data.
double low_income_coverage(const std::vector<CountryEstimate>& countries, CoverageRule rule);

enum class Grouping { world, region, income_group, country };
Grouping parse_grouping(const std::string& s);  // world|region|income-group|country
// The group a country belongs to: "World", its region, its income group or itself.
std::string group_key(Grouping by, const std::string& country, const std::string& region,
                      const std::string& income_group);

// Fills the measures of countries without data with their region's population-weighted means (a region
// with no data at all takes the world's) and marks them imputed. An input error for a missing or non-positive population.
void impute_missing(std::vector<CountryEstimate>& countries);

// Imputes, then sums by the grouping (groups in first-seen order; country: one row each). Coverage and
// `reported` follow `rule`; imputation always uses every country with an estimate (has_data).
std::vector<GroupEstimate> aggregate(std::vector<CountryEstimate> countries, Grouping by,
                                     CoverageRule rule = CoverageRule::lineup);

}  // namespace worldsys::distrib
