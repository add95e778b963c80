#pragma once
// Income distributions by country and year as sources publish them: the universe of economies with their
// populations, one distribution per country, year and level (quantile shares + mean), and the source's own
// poverty estimates and the surveys behind them. io reads and writes it (the distribution store); distrib computes on it.
#include <cmath>
#include <string>
#include <vector>

namespace worldsys {

struct Economy {
  std::string country, region, income_group;
  int year = 0;
  double population = NAN;
};

struct DistributionRow {
  std::string country, name, region, level = "national", welfare;  // welfare: consumption | income
  int year = 0;
  double population = NAN, mean = NAN, median = NAN, gini = NAN, mld = NAN;
  std::string kind;              // how the source built it: micro, group, mixed, aggregate, imputed, CMD
  std::vector<double> shares;    // equal-population quantile shares (deciles: 10), or empty
  // A line-up year between two surveys is a stack of both survey distributions, one row each, scaled to the year's
  // mean: `weight` is the row's share of the population (1 for a single distribution), `survey_year` the survey's
  // fractional year (NaN when the row is not a survey's).
  double weight = 1, survey_year = NAN;
  std::string estimate;          // the source's label: actual (survey year), projection, nowcast; empty if none
};

// The level of a published row that is a group's own estimate (the source's World or a region, named in `country`
// as `poverty --by world|region` names it), not a country's: such rows never belong to the universe.
inline constexpr const char* kAggregateLevel = "aggregate";

struct PublishedPoverty {
  std::string country, level;  // level: national, urban, rural, or kAggregateLevel
  int year = 0;
  double line = 0, headcount = NAN, gap = NAN, severity = NAN, watts = NAN;
};

// A household survey behind the source's estimates: its (possibly fractional) year, e.g. 2000.21 for a survey
// run over 2000-2001, and the level it is representative of (national, urban, rural).
struct Survey {
  std::string country, level = "national";
  double year = NAN;
};

struct DistributionStore {
  std::string source;            // e.g. "World Bank PIP fill-gaps, 2011 PPP, v0.3.2"
  std::string licence;
  std::string ppp;               // PPP vintage of the welfare values: "2005", "2011", "2017", "2021"
  std::string unit = "PPP$ per person per day";
  std::string command;           // the command line that made it
  std::vector<Economy> economies;
  std::vector<DistributionRow> distributions;
  std::vector<PublishedPoverty> published;
  std::vector<Survey> surveys;   // empty when the source does not list its surveys
  // The source holds each country only in the years it was surveyed (no line-up to common years), so world and
  // regional figures cannot be aggregated from it: only its own published group estimates stand for them.
  bool survey_years_only = false;
};

}  // namespace worldsys
