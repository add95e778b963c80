#pragma once
// The log-logistic (Fisk) distribution PIP predicts for economies without a survey since September 2025 (Mahler
// et al. 2025: ln y(p) = Xβ + ln(p/(1-p))·Zβ, i.e. scale exp(Xβ) and shape 1/Zβ). PIP does not publish the
// covariates, only each economy's headcounts at its lines and the mean, so worldsys recovers the two parameters
// from those: the shape by least squares on the headcounts, the scale from the mean (docs/methods/poverty.md).
#include <span>

#include "worldsys/distrib/distribution.hpp"
#include "worldsys/distrib/measures.hpp"

namespace worldsys::distrib {

struct LogLogistic {
  double scale = 0;  // the median
  double shape = 0;  // > 1 for a finite mean; the Gini is 1/shape

  double cdf(double y) const;       // 1 / (1 + (scale/y)^shape)
  double quantile(double p) const;  // scale · (p/(1-p))^(1/shape)
  double mean() const;              // scale · (π/shape) / sin(π/shape)
};

// Shape kShapeDefault is PIP's intercept-only prediction (Gini 0.35), taken when the headcounts do not determine
// the shape (all 0 or all 1 at the source's lines, as rounded): among shapes fitting equally well, the nearest.
inline constexpr double kShapeDefault = 1 / 0.35;

// The distribution with this mean whose headcounts at `lines` are nearest `headcounts` (least squares, shapes
// 1.2-10). Input error for a non-positive mean or line, sizes that differ, or no line.
LogLogistic fit_loglogistic(double mean, std::span<const double> lines, std::span<const double> headcounts);

// FGT and Watts at z: the headcount in closed form, the others by Gauss–Legendre in t = ln(p/(1-p)), where the
// integrands are smooth. `watts` false leaves Watts at 0.
Poverty poverty(const LogLogistic& d, double z, bool watts = true);

// n equal-population bins with their exact means (quadrature), for inequality measures and pooling.
WeightedSample to_bins(const LogLogistic& d, double population, int n);

}  // namespace worldsys::distrib
