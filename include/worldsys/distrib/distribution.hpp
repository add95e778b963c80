#pragma once
// Income distributions in the forms they are published in. Every form can be turned into a weighted sample
// (units with a welfare level and a population weight), on which all measures are defined; grouped data is
// better served by a fitted Lorenz curve (lorenz.hpp), tabulations by Pareto interpolation (pareto.hpp).
#include <span>
#include <vector>

namespace worldsys::distrib {

// Microdata or bins: unit i has welfare y[i] (per person, > 0 for log measures) and population weight w[i].
struct WeightedSample {
  std::vector<double> y, w;
  size_t size() const { return y.size(); }
};

// Checks sizes, finite values, y >= 0 and w > 0; an input error saying what is wrong (`what` names the data).
void validate(const WeightedSample& s, const char* what = "distribution");
// Sorted by welfare (stable), as the rank-based measures need.
WeightedSample sorted(WeightedSample s);

// Grouped data: cumulative population shares p[k] and welfare shares L[k] (points of the Lorenz curve, the
// last one (1, 1)), and the mean welfare.
struct Grouped {
  std::vector<double> p, L;
  double mean = 0;
};

// Tolerance on shares summing to 1: published shares are rounded (PIP's are float32; WID's deciles, in % to
// two decimals, can be off by 5e-4 in all).
inline constexpr double kShareTolerance = 1e-3;

// Checks 0 < p strictly increasing to 1, L non-decreasing and convex (a Lorenz curve), L <= p, the last
// point (1, 1) within kShareTolerance, mean > 0. Input errors name the offending point.
void validate(const Grouped& g, const char* what = "grouped data");

// Equal-population quantile shares (deciles, quintiles, ...) plus the mean as grouped data. The shares must
// sum to 1 within kShareTolerance (they are then rescaled to sum exactly to 1).
Grouped from_quantile_shares(std::span<const double> shares, double mean);

// Units at the mean of each group: the between-group part of grouped data (inequality inside a group is lost).
WeightedSample to_sample(const Grouped& g);

// Bracket counts (Gapminder): population counts[k] with welfare in [edges[k], edges[k+1]). Each bracket is
// represented by its geometric mid-point (brackets are log-spaced); empty brackets are skipped.
WeightedSample from_brackets(std::span<const double> edges, std::span<const double> counts);

}  // namespace worldsys::distrib
