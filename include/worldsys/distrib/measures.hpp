#pragma once
// Poverty and inequality measures of a weighted sample (microdata or bins). Units are treated as internally
// equal, so for bins these are the between-bin values (a lower bound for inequality).
#include <vector>

#include "worldsys/distrib/distribution.hpp"

namespace worldsys::distrib {

// Foster–Greer–Thorbecke and Watts at poverty line z (same units as y).
struct Poverty {
  double headcount = 0;  // FGT0, share of population with y < z
  double gap = 0;        // FGT1, mean of (1 - y/z) over everyone (0 for the non-poor)
  double severity = 0;   // FGT2, mean of (1 - y/z)^2
  double watts = 0;      // mean of ln(z/y) over the poor
};
Poverty poverty(const WeightedSample& s, double z);

double mean(const WeightedSample& s);
// The p-quantile (0 <= p <= 1) of the step distribution function, interpolating linearly inside a unit's
// population mass so that bins give a continuous quantile function.
double quantile(const WeightedSample& s, double p);
// Gini by the sorted (trapezoid Lorenz) formula.
double gini(const WeightedSample& s);
double theil(const WeightedSample& s);  // Theil T = GE(1)
double mld(const WeightedSample& s);    // mean log deviation = GE(0)
// Share of total welfare held by the bottom/top fraction `f` of the population (partial units pro rata).
double bottom_share(const WeightedSample& s, double f);
double top_share(const WeightedSample& s, double f);
// Palma ratio: top 10 % share / bottom 40 % share.
double palma(const WeightedSample& s);
// Atkinson index with inequality aversion ε >= 0: 1 - (mean of y^(1-ε))^(1/(1-ε)) / mean, and 1 - exp(mean ln y) / mean
// at ε = 1 (welfare must be positive for ε >= 1).
double atkinson(const WeightedSample& s, double epsilon);
// Wolfson polarization (Wolfson 1994; PIP's `polarization`): 2 (mean/median) (1 - 2 L(0.5) - Gini), L(0.5) the
// bottom half's share.
double wolfson(const WeightedSample& s);

// Theil T and MLD of a population split into groups (countries), with their exact between/within parts:
// T = sum_g S_g T_g + sum_g S_g ln(mu_g/mu),  MLD = sum_g P_g L_g + sum_g P_g ln(mu/mu_g).
struct Decomposition {
  double theil = 0, theil_between = 0, theil_within = 0;
  double mld = 0, mld_between = 0, mld_within = 0;
  double gini = 0;  // of the pooled units
  double mean = 0, population = 0;
};
Decomposition decompose(const std::vector<WeightedSample>& groups);

}  // namespace worldsys::distrib
