#include "worldsys/distrib/loglogistic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "distrib/quadrature.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::distrib {

double LogLogistic::cdf(double y) const { return y <= 0 ? 0 : 1 / (1 + std::pow(scale / y, shape)); }
double LogLogistic::quantile(double p) const { return scale * std::pow(p / (1 - p), 1 / shape); }
double LogLogistic::mean() const { return scale * (M_PI / shape) / std::sin(M_PI / shape); }

namespace {

double scale_for_mean(double mean, double shape) { return mean * std::sin(M_PI / shape) / (M_PI / shape); }

// The nodes of ∫ f(t) σ(t)(1-σ(t)) dt over (-∞, T], in t = ln(p/(1-p)): `at(t, dp)` for each, dp the node's weight
// times the density σ(1-σ). The density is under e^-reach outside (min(T, 0) - reach, min(T, reach)], and the
// integrands vary on a scale of 1 around 0 and like e^t below, so pieces of at most 20 keep N-point Gauss–Legendre
// exact to rounding.
template <int N, class F>
void logit_nodes(double T, double reach, F&& at) {
  const double lo = std::min(T, 0.0) - reach, hi = std::min(T, reach);
  const int pieces = std::max(1, int(std::ceil((hi - lo) / 20)));
  const double h = (hi - lo) / pieces;
  const auto& g = detail::gauss_legendre<N>();
  for (int k = 0; k < pieces; ++k)
    for (int i = 0; i < N; ++i) {
      // σ(1-σ) = e^{-|t|}/(1+e^{-|t|})², symmetric and never overflowing
      const double t = lo + h * (k + g.x[i]), e = std::exp(-std::abs(t));
      at(t, h * g.w[i] * e / ((1 + e) * (1 + e)));
    }
}

}  // namespace

LogLogistic fit_loglogistic(double mean, std::span<const double> lines, std::span<const double> headcounts) {
  if (!(mean > 0) || !std::isfinite(mean)) fail(ErrorKind::input, fmt::format("log-logistic fit: mean {} must be > 0", mean));
  if (lines.size() != headcounts.size() || lines.empty())
    fail(ErrorKind::input, fmt::format("log-logistic fit: {} lines and {} headcounts", lines.size(), headcounts.size()));
  for (size_t i = 0; i < lines.size(); ++i)
    if (!(lines[i] > 0) || !(headcounts[i] >= 0 && headcounts[i] <= 1))
      fail(ErrorKind::input, fmt::format("log-logistic fit: line {} with headcount {}", lines[i], headcounts[i]));
  // Squared headcount errors, plus a penalty far below the source's rounding (4 decimals: 3·(5e-5)² ≈ 7e-9) that
  // only decides between shapes the headcounts cannot tell apart.
  auto loss = [&](double shape) {
    const LogLogistic d{scale_for_mean(mean, shape), shape};
    double sse = 0;
    for (size_t i = 0; i < lines.size(); ++i) sse += std::pow(d.cdf(lines[i]) - headcounts[i], 2);
    return sse + 1e-11 * std::pow(shape - kShapeDefault, 2);
  };
  constexpr double lo = 1.2, hi = 10, step = 0.05;
  double best = lo;
  for (double b = lo; b <= hi + 1e-12; b += step)
    if (loss(b) < loss(best)) best = b;
  double a = std::max(lo, best - step), c = std::min(hi, best + step);  // golden section inside the best cell
  const double g = (std::sqrt(5.0) - 1) / 2;
  for (int it = 0; it < 60; ++it) {
    const double x1 = c - g * (c - a), x2 = a + g * (c - a);
    if (loss(x1) < loss(x2)) c = x2;
    else a = x1;
  }
  const double shape = (a + c) / 2;
  return {scale_for_mean(mean, shape), shape};
}

Poverty poverty(const LogLogistic& d, double z, bool watts) {
  Poverty p;
  p.headcount = d.cdf(z);
  if (p.headcount <= 0) return p;
  const double T = d.shape * std::log(z / d.scale);  // the logit of the headcount
  // Below the line y/z = e^{(t-T)/shape}: gap, severity and Watts in one 32-point pass.
  logit_nodes<32>(T, 40, [&](double t, double dp) {
    const double short_fall = 1 - std::exp((t - T) / d.shape);
    p.gap += dp * short_fall;
    p.severity += dp * short_fall * short_fall;
    if (watts) p.watts += dp * (T - t) / d.shape;
  });
  return p;
}

WeightedSample to_bins(const LogLogistic& d, double population, int n) {
  if (n < 1) fail(ErrorKind::usage, "at least one bin");
  WeightedSample s;
  // Bin k's mean: ∫ Q over its ranks, in t; the top bin's by difference from the mean (its integral reaches p = 1).
  double below = 0;
  for (int k = 0; k < n; ++k) {
    double mass;
    if (k + 1 < n) {
      mass = -below;
      logit_nodes<64>(std::log((k + 1.0) / (n - k - 1.0)), 60,
                      [&](double t, double dp) { mass += dp * d.scale * std::exp(t / d.shape); });
    } else {
      mass = d.mean() - below;
    }
    below += mass;
    s.y.push_back(mass * n);
    s.w.push_back(population / n);
  }
  return s;
}

}  // namespace worldsys::distrib
