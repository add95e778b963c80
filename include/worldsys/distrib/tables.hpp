#pragma once
// The tables behind `worldsys poverty` (from a store) and `worldsys gap`, as library calls, so the CLI, the claim
// checks and the report compute them the same way. Computation only: the store is already read.
#include <functional>
#include <string>
#include <vector>

#include "worldsys/core/distributions.hpp"
#include "worldsys/core/table.hpp"
#include "worldsys/distrib/aggregate.hpp"
#include "worldsys/distrib/lorenz.hpp"
#include "worldsys/distrib/ppp.hpp"

namespace worldsys::distrib {

// The vintage of a line: `given` when not empty, else the vintage whose international line it is (1.90 -> 2011,
// 2.15 -> 2017, 3.00 -> 2021, ...), else `data`.
PppVintage line_vintage(double line, const std::string& given, PppVintage data);

struct PovertyQuery {
  double line = 0;
  std::string ppp;                // vintage of the line; empty: line_vintage's guess
  bool convert_line = false;      // scale a line of another vintage to the data's (convert_line)
  std::vector<int> years;         // empty: every year of the store
  LorenzMethod method = LorenzMethod::automatic;
  bool source_estimates = true;   // the source's own estimates at its lines; false: always refit the Lorenz curve
  Grouping by = Grouping::world;
  CoverageRule coverage = CoverageRule::survey_3y;
};

// The line a query measures at in the store's vintage (after conversion); a usage error when the vintages differ
// and no conversion was asked for.
PovertyLine query_line(const PovertyQuery& q, PppVintage data);

// Rows group,year,line,ppp,headcount,gap,severity,poor,population,coverage,coverage_low_income,estimate,reported:
// one per group and year (coverage_low_income: the world's coverage among low + lower-middle-income economies).
// estimate "computed": aggregated from the store's countries (missing ones imputed, coverage by `q.coverage`).
// On a store of survey years only (DistributionStore::survey_years_only) the world and regions cannot be aggregated:
// each is the source's own published estimate at this line and year (estimate "published", lines compared to 1e-6;
// poor, population and coverage empty, as the source's line-up does not give them here), else a row with no figure
// (estimate "none", reported false). `store` names the store in errors. Usage errors: a store of country means
// only; survey coverage asked of a store that lists no surveys; income groups (or regions it does not publish) of
// a store of survey years. `progress(done, total)` after each year.
Table poverty_table(const DistributionStore& s, const PovertyQuery& q, const std::string& store,
                    const std::function<void(size_t, size_t)>& progress = {});

struct GapQuery {
  int from = 0, to = 0;
  double share = 0.1;
  bool weighted = true;  // population weights; false: each country once
  bool fixed = false;    // top_bottom of the groups formed in the first year
  bool balanced = false; // only countries with a mean in every year of the period
};

// Rows year,countries,population,weights,share,groups,top_bottom,theil,mld,gini,sigma for every year of from..to
// with at least two country means; a usage error when there is none.
Table gap_table(const DistributionStore& s, const GapQuery& q);
// Rows measure,from,to,weights,first,last,slope_per_year,growth_per_year from a gap_table: the least-squares trend
// of each measure over the years it holds.
Table gap_trend_table(const Table& gap);

}  // namespace worldsys::distrib
