#pragma once
// The tables behind `worldsys poverty` (from a store), `worldsys inequality` and `worldsys gap`, as library calls, so the CLI, the claim
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

// The vintage of a line: `given` when not empty, else the vintage whose international extreme line it is
// (1.25 -> 2005, 1.90 -> 2011, 2.15 -> 2017, 3.00 -> 2021), else `data`.
PppVintage line_vintage(double line, const std::string& given, PppVintage data);

struct PovertyQuery {
  double line = 0;
  std::string ppp;                // vintage of the line; empty: line_vintage's guess
  bool convert_line = false;      // scale a line of another vintage to the data's (convert_line)
  std::vector<int> years;         // empty: every year of the store
  LorenzMethod method = LorenzMethod::automatic;  // the curve of each distribution (world.hpp: PartFit)
  bool source_estimates = false;  // the source's own estimates at its lines (estimate "source"); else one model at every line
  bool cmd = true;                // economies without a survey: the source's prediction; false: their region's rate
  bool impute = true;             // country rows without data show their region's rate; false: left empty
  bool calibrate = true;          // each model calibrated to the source's headcounts at its lines (world.hpp)
  Grouping by = Grouping::world;
  CoverageRule coverage = CoverageRule::survey_3y;
  std::vector<std::string> countries;  // with Grouping::country: only these codes (a usage error for one not there)
};

// The line a query measures at in the store's vintage (after conversion); a usage error when the vintages differ
// and no conversion was asked for.
PovertyLine query_line(const PovertyQuery& q, PppVintage data);

// Rows group,year,line,ppp,headcount,gap,severity,watts,poor,population,coverage,coverage_low_income,imputed,
// estimate,estimate_type,reported: one per group and year. coverage: population share with a survey (by `q.coverage`);
// coverage_low_income: the world's among low + lower-middle-income economies; imputed: population share whose
// figure is a prediction (no survey: the source's model or the region's rate). estimate: "model" (every country
// from its distribution at this line), "source" (the source's own estimates where it has them at this line), for
// a country row also "imputed" (or, with !q.impute, an empty row). estimate_type: the source's label of the year
// (actual, projection, nowcast; a group is a nowcast when any member is), empty when the source gives none.
// On a store of survey years only (DistributionStore::survey_years_only) the world and regions cannot be aggregated:
// each is the source's own published estimate at this line and year (estimate "published", lines compared to 1e-6;
// poor, population and coverage empty, as the source's line-up does not give them here), else a row with no figure
// (estimate "none", reported false). `store` names the store in errors. Usage errors: a store of country means
// only; survey coverage asked of a store that lists no surveys; income groups (or regions it does not publish) of
// a store of survey years. `progress(done, total)` after each year.
Table poverty_table(const DistributionStore& s, const PovertyQuery& q, const std::string& store,
                    const std::function<void(size_t, size_t)>& progress = {});

// The inverse: rows group,year,share,line,ppp,population,coverage,imputed,estimate_type, the line below which the
// share `share` (0-1) of each group lives, so that poverty_table at that line gives headcount = share (bisection
// in the line to a relative 1e-10). Uses q's grouping, years, model, cmd and countries; q.line is ignored and
// source estimates are refused (they exist at three lines only).
Table line_table(const DistributionStore& s, const PovertyQuery& q, double share, const std::string& store);

struct InequalityQuery {
  std::vector<int> years;        // empty: every year of the store
  Grouping by = Grouping::world; // world, region or country (income groups: a usage error)
  bool decompose = false;        // add theil_between, theil_within, mld_between, mld_within
  // Each country's units: its model (fitted distribution, CMD included) in kInequalityBins equal-population bins at
  // their exact means; false: its published quantile groups at their means (Lakner & Milanovic's convention, a lower
  // bound on inequality within countries).
  bool model = true;
  bool source_gini = false;      // add source_gini: the source's own Gini of a country's single survey distribution
  bool calibrate = true;         // the models calibrated to the source's headcounts at its lines, as for poverty
};
inline constexpr int kInequalityBins = 100;
// Bins of a fitted curve whose mean falls below this share of the country's mean (the very bottom of a curve with
// negative welfare near p = 0) are bottom-coded there, as for Watts, so that log measures stay finite.
inline constexpr double kInequalityFloor = 0.005;

// Rows group,year,gini,theil,mld[,theil_between,theil_within,mld_between,mld_within],mean,p10,median,p90,palma,
// top10_share,bottom40_share,atkinson_0.5,atkinson_1,atkinson_2,wolfson[,source_gini],coverage: the world or each
// region as one distribution of its countries' units pooled by population (groups with no country's units left out;
// between/within: across countries), or each country alone (between parts 0, coverage 1). coverage: population share
// of the group with units.
Table inequality_table(const DistributionStore& s, const InequalityQuery& q);

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
