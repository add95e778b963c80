#pragma once
// Country panels to world figures: one distribution per economy and year (from published quantile shares
// and the mean, or only the source's own estimates at its lines), poverty at any line and inequality.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "worldsys/core/distributions.hpp"
#include "worldsys/distrib/aggregate.hpp"
#include "worldsys/distrib/gap.hpp"
#include "worldsys/distrib/loglogistic.hpp"
#include "worldsys/distrib/lorenz.hpp"
#include "worldsys/distrib/ppp.hpp"

namespace worldsys::distrib {

// One published distribution of a country-year (quantile shares and the mean) and its share of the population: a
// line-up year between two surveys stacks both surveys' distributions, scaled to the year's mean (PIP since 2025).
struct Part {
  Grouped grouped;
  double weight = 1;
};

struct CountryYear {
  std::string country, region, income_group;
  int year = 0;
  double population = 0;            // the economy's population (the universe of aggregation)
  std::vector<Part> parts;          // empty when no shares are published (or they do not make a distribution)
  // No survey: the source's predicted distribution (PIP's CMD), known by its estimates at its lines and `mean`.
  bool cmd = false;
  double mean = NAN;
  std::string estimate;              // the source's label of the year: actual, projection, nowcast (or empty)
  std::vector<std::pair<double, Poverty>> published;  // the source's estimates at its own lines
  std::vector<double> survey_years;  // the source's surveys of this country at this row's level (fractional years)
  bool lineup = false;               // the source has a line-up row (a distribution) for this country-year
};

// How a country's estimate at a line was obtained: its fitted distribution (model), the source's estimate at
// this very line (published), the source's no-survey prediction (cmd), a distribution fitted to the source's
// estimates for lack of shares (source_fit), or its region's rate (imputed, later).
enum class EstimateSource { model, published, cmd, source_fit, imputed };
const char* name(EstimateSource s);

// Which Lorenz curve stands for each distribution. One curve per distribution at every line, so that headcounts
// are continuous and non-decreasing in the line: automatic takes, among the fits whose welfare rises with the rank
// (LorenzFit::monotone), the valid one with the smaller squared error over all points, else the other; gq and beta
// force one. (PIP's per-line choice, analyse_grouped, is what
// `poverty --grouped` reports for one distribution.)
struct PartFit {
  LorenzFit gq, beta;
  double weight = 1, mean = 0;
  std::optional<LorenzModel> model;  // the chosen curve; empty when neither is usable
  const LorenzFit& curve() const { return *model == LorenzModel::quadratic ? gq : beta; }
  // Welfare at rank p, mean·L'(p), kept above 1e-9 of the mean (a monotone curve may go negative at the very bottom).
  double welfare(double p) const { return std::max(mean * curve().slope(p), 1e-9 * mean); }
};
// A monotone map of log welfare that makes a model's headcount at each of the source's lines the source's own:
// knots (ln y_j, ln z_j), y_j the model's welfare at the source's headcount H_j at line z_j, joined linearly;
// below the first knot welfare is scaled by z_1/y_1, above the last the map returns to the identity at 1.25 y_J
// (or 1.25 z_J when it raises welfare there), so the rest of the distribution is the model's. Empty: the identity.
struct Calibration {
  std::vector<double> u, v;  // knots in ln(model welfare) and ln(welfare), both strictly increasing
  bool empty() const { return u.empty(); }
  double welfare(double ln_model) const;  // ln welfare of a person at ln model welfare
  double model(double ln_welfare) const;  // the inverse
};

struct CountryFit {
  std::vector<PartFit> parts;
  Calibration calibration;  // of the parts, to the source's headcounts at its lines (fit_country's `calibrate`)
  // Without usable shares, the log-logistic fitted to the source's own estimates at its lines and the mean: PIP's
  // prediction for an economy without a survey (CMD), or the best a year without deciles allows (PIP 2011 gives
  // none for Malawi's surveys of 2004-2016), continuous at every line and equal to the source near its lines.
  std::optional<LogLogistic> source_fit;
  bool has_model() const;          // every part has a curve (and there is a part)
};
// `calibrate`: where the source publishes the country-year's headcounts at its lines, the parts' curves are
// calibrated to them (Calibration): deciles fix the shape, the source's microdata-based headcounts the bottom.
CountryFit fit_country(const CountryYear& c, LorenzMethod method = LorenzMethod::automatic, bool calibrate = true);
// The country's measures at z from its model (parts weighted, through the calibration: the headcount exactly,
// gap, severity and Watts by 16-point quadrature over each part's ranks; the source fit when it has no parts).
// Input error when it has neither.
Poverty poverty(const CountryFit& f, double z, bool watts = true);

// n equal-population bins of each part (their exact means under the chosen curve, mapped by the calibration),
// weighted by the part's share of `population`, or of the source fit. Input error when there is no model.
WeightedSample to_bins(const CountryFit& f, double population, int n);
// The country's quantile groups at their means (parts stacked by weight, total weight 1): the between-group units
// Lakner & Milanovic pool; empty without parts.
WeightedSample quantile_units(const CountryYear& c);

// Per country at line z: with `prefer_published`, the source's own estimate at exactly this line (lines compared
// to 1e-6); else, or at any other line, its model (parts, or the source fit); else no data (imputed later by
// aggregation). With `cmd` false an economy without a survey has no data at all (its region's rate, PIP until 2025).
struct CountryPoverty {
  CountryEstimate estimate;
  EstimateSource source = EstimateSource::imputed;
};
struct PovertyOptions {
  bool prefer_published = false;  // the source's own estimate where it has one at this line
  bool watts = true;              // a quadrature per country and line; off when only FGT is reported
  bool cmd = true;                // the source's no-survey prediction; false: those economies take their region's rate
};

// Every distribution of a panel fitted once, then any number of lines.
struct FittedPanel {
  std::vector<const CountryYear*> rows;
  std::vector<CountryFit> fits;
};
FittedPanel fit_panel(const std::vector<CountryYear>& panel, LorenzMethod method = LorenzMethod::automatic,
                      bool calibrate = true);
std::vector<CountryPoverty> country_poverty(const FittedPanel& fitted, double z, const PovertyOptions& options = {});
std::vector<CountryPoverty> country_poverty(const std::vector<CountryYear>& panel, double z,
                                            const PovertyOptions& options = {},
                                            LorenzMethod method = LorenzMethod::automatic);

// Every economy of the store's universe in `year`: national distributions where published, else the
// urban/rural parts (a country published at one level only, as Argentina's urban line-up, stands for the whole
// economy), else an economy without data. Each row carries the store's survey years at its level. A usage error when the store has no such year.
std::vector<CountryYear> country_panel(const DistributionStore& s, int year);
// Years the store has distributions for, ascending.
std::vector<int> store_years(const DistributionStore& s);
// One mean per country in `year` (national rows, else the population-weighted mean of its urban/rural rows),
// rows without a mean or population left out.
std::vector<CountryMean> country_means(const DistributionStore& s, int year);
// The store's PPP vintage.
PppVintage store_vintage(const DistributionStore& s);

}  // namespace worldsys::distrib
