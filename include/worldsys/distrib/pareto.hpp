#pragma once
// Generalized Pareto interpolation of a tabulation of thresholds and averages (Blanchet, Fournier & Piketty
// 2022), so that top incomes follow the data rather than a Lorenz curve. In x = -ln(1-p), φ(x) = -ln m(p)
// (m(p) = ∫_p^1 Q) is interpolated by a C³ piecewise quintic Hermite spline through values and slopes given by
// the tabulation; a generalized Pareto distribution continues it above the last fractile, a reflected one
// below the first. Notation and derivation: docs/methods/poverty.md and shared note 05.
#include <vector>

#include "worldsys/distrib/distribution.hpp"
#include "worldsys/distrib/measures.hpp"

namespace worldsys::distrib {

// Fractiles 0 <= p_1 < ... < p_K < 1 with thresholds q_k = Q(p_k), the average of bracket [p_k, p_k+1)
// (p_K+1 = 1) and the overall mean.
struct Tabulation {
  std::vector<double> p, threshold, bracket_average;
  double mean = 0;
};

class ParetoInterpolation {
 public:
  // Input errors for fewer than 3 fractiles, unordered fractiles or thresholds, averages outside their
  // bracket or a tail without finite mean.
  explicit ParetoInterpolation(const Tabulation& t);

  double quantile(double p) const;      // Q(p)
  double top_average_mass(double p) const;  // m(p) = ∫_p^1 Q
  double top_share(double p) const { return top_average_mass(p) / mean_; }
  double inverted_pareto(double p) const;  // b(p) = m(p) / ((1-p) Q(p))
  double gini() const;
  // Share of the population below y: the p with Q(p) = y (bisection to 1e-12 in p).
  double cdf(double y) const;
  // FGT and Watts at line z on the interpolated distribution: H = F(z), gap = H - (μ - m(H))/z exactly,
  // severity and Watts by Gauss–Legendre on [0, H].
  Poverty poverty(double z) const;
  // n equal-population bins with their exact means, for measures and pooling.
  WeightedSample to_bins(int n, double population = 1) const;

  // The fit, for tests and reports.
  const std::vector<double>& slopes() const { return s_; }      // φ'(x_k) = 1/b(p_k)
  const std::vector<double>& curvatures() const { return a_; }  // φ''(x_k)
  double tail_sigma() const { return sigma_; }
  double tail_xi() const { return xi_; }
  double bottom_sigma() const { return sigma_b_; }
  double bottom_xi() const { return xi_b_; }

 private:
  double phi(double x, int deriv) const;  // the spline on [x_1, x_K]
  std::vector<double> p_, q_, x_, y_, s_, a_;
  double mean_ = 0;
  double sigma_ = 0, xi_ = 0;      // top GPD (location q_K)
  double sigma_b_ = 0, xi_b_ = 0;  // reflected GPD below p_1 (bounded below by 0)
  double bottom_mean_ = 0;
};

}  // namespace worldsys::distrib
