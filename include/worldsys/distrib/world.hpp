#pragma once
// Country panels to world figures: one distribution per economy and year (from published quantile shares
// and the mean, or only the source's own estimates at its lines), poverty at any line and inequality.
#include <optional>
#include <string>
#include <vector>

#include "worldsys/core/distributions.hpp"
#include "worldsys/distrib/aggregate.hpp"
#include "worldsys/distrib/gap.hpp"
#include "worldsys/distrib/lorenz.hpp"
#include "worldsys/distrib/ppp.hpp"

namespace worldsys::distrib {

struct CountryYear {
  std::string country, region, income_group;
  int year = 0;
  double population = 0;            // the economy's population (the universe of aggregation)
  std::optional<Grouped> grouped;   // quantile shares + mean, when published
  std::vector<std::pair<double, Poverty>> published;  // the source's estimates at its own lines
  std::vector<double> survey_years;  // the source's surveys of this country at this row's level (fractional years)
  bool lineup = false;               // the source has a line-up row (a distribution) for this country-year
};

// How a country's estimate at a line was obtained.
enum class EstimateSource { lorenz, published, imputed };
const char* name(EstimateSource s);

// Per country at line z, in order of preference: the source's own estimate at exactly this line (lines
// compared to 1e-6; usually computed from microdata, so better than a fit to ten deciles) unless
// `options.prefer_published` is false; the Lorenz fit of its grouped data (method as asked); else no data (imputed
// later by aggregation). Fits that fail (neither curve usable) count as no data.
struct CountryPoverty {
  CountryEstimate estimate;
  EstimateSource source = EstimateSource::imputed;
  std::string model;  // "gq" or "beta" when source is lorenz
};
struct PovertyOptions {
  LorenzMethod method = LorenzMethod::automatic;
  bool prefer_published = true;  // the source's own estimate where it has one at this line
  bool watts = true;             // a quadrature per country and line; off when only FGT is reported
};
std::vector<CountryPoverty> country_poverty(const std::vector<CountryYear>& panel, double z,
                                            const PovertyOptions& options = {});

// Both Lorenz fits of every distribution, done once, then any number of lines (the benchmark's loop).
struct FittedPanel {
  std::vector<const CountryYear*> rows;
  std::vector<std::optional<std::pair<LorenzFit, LorenzFit>>> fits;  // (gq, beta) when grouped data exist
};
FittedPanel fit_panel(const std::vector<CountryYear>& panel);
std::vector<CountryPoverty> country_poverty(const FittedPanel& fitted, double z, const PovertyOptions& options = {});

// Global inequality with the between/within-country decomposition: units are each country's quantile
// groups at their means (as Lakner & Milanovic do), weighted by population. Countries without shares are
// left out; coverage is the population share included.
struct InequalityResult {
  Decomposition d;
  double coverage = 0;
  size_t countries = 0;
};
InequalityResult world_inequality(const std::vector<CountryYear>& panel);

// Every economy of the store's universe in `year`: national distributions where published, else the
// urban/rural parts, else an economy without data. Each row carries the store's survey years at its level. A usage error when the store has no such year.
std::vector<CountryYear> country_panel(const DistributionStore& s, int year);
// Years the store has distributions for, ascending.
std::vector<int> store_years(const DistributionStore& s);
// One mean per country in `year` (national rows, else the population-weighted mean of its urban/rural rows),
// rows without a mean or population left out.
std::vector<CountryMean> country_means(const DistributionStore& s, int year);
// The store's PPP vintage.
PppVintage store_vintage(const DistributionStore& s);

}  // namespace worldsys::distrib
