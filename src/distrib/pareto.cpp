// Generalized Pareto interpolation (Blanchet, Fournier & Piketty 2022), re-derived in shared note 05 and
// docs/methods/poverty.md: x = -ln(1-p), φ(x) = -ln m(p), φ' = 1/b(p), Q(p) = e^(x-φ) φ'.
#include "worldsys/distrib/pareto.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "distrib/quadrature.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::distrib {

namespace {
// Quintic Hermite basis on t ∈ [0, 1] and its first two derivatives: [deriv][function], functions in the
// order H00, H01, H10, H11, H20, H21.
void hermite5(double t, int deriv, double h[6]) {
  const double t2 = t * t, t3 = t2 * t, t4 = t3 * t, t5 = t4 * t;
  if (deriv == 0) {
    h[0] = 1 - 10 * t3 + 15 * t4 - 6 * t5;
    h[1] = 10 * t3 - 15 * t4 + 6 * t5;
    h[2] = t - 6 * t3 + 8 * t4 - 3 * t5;
    h[3] = -4 * t3 + 7 * t4 - 3 * t5;
    h[4] = t2 / 2 - 1.5 * t3 + 1.5 * t4 - t5 / 2;
    h[5] = t3 / 2 - t4 + t5 / 2;
  } else if (deriv == 1) {
    h[0] = -30 * t2 + 60 * t3 - 30 * t4;
    h[1] = -h[0];
    h[2] = 1 - 18 * t2 + 32 * t3 - 15 * t4;
    h[3] = -12 * t2 + 28 * t3 - 15 * t4;
    h[4] = t - 4.5 * t2 + 6 * t3 - 2.5 * t4;
    h[5] = 1.5 * t2 - 4 * t3 + 2.5 * t4;
  } else {
    h[0] = -60 * t + 180 * t2 - 120 * t3;
    h[1] = -h[0];
    h[2] = -36 * t + 96 * t2 - 60 * t3;
    h[3] = -24 * t + 84 * t2 - 60 * t3;
    h[4] = 1 - 9 * t + 18 * t2 - 10 * t3;
    h[5] = 3 * t - 12 * t2 + 10 * t3;
  }
}
}  // namespace

ParetoInterpolation::ParetoInterpolation(const Tabulation& t) : p_(t.p), q_(t.threshold), mean_(t.mean) {
  const size_t K = p_.size();
  if (K < 3 || q_.size() != K || t.bracket_average.size() != K)
    fail(ErrorKind::input, fmt::format("a tabulation needs at least 3 fractiles, each with a threshold and a bracket "
                                       "average; got {} fractiles, {} thresholds, {} averages",
                                       K, q_.size(), t.bracket_average.size()));
  if (!(mean_ > 0)) fail(ErrorKind::input, fmt::format("tabulation mean {} must be positive", mean_));
  for (size_t k = 0; k < K; ++k) {
    const double upper = k + 1 < K ? q_[k + 1] : INFINITY;
    if (p_[k] < 0 || p_[k] >= 1 || (k > 0 && p_[k] <= p_[k - 1]))
      fail(ErrorKind::input, fmt::format("fractile {} is {}; expected increasing fractiles in [0, 1)", k + 1, p_[k]));
    if (k > 0 && q_[k] <= q_[k - 1])
      fail(ErrorKind::input, fmt::format("threshold {} ({}) does not exceed the one before ({})", k + 1, q_[k], q_[k - 1]));
    if (!(t.bracket_average[k] > q_[k] && t.bracket_average[k] < upper))
      fail(ErrorKind::input, fmt::format("bracket {} average {} lies outside its bracket [{}, {})", k + 1,
                                         t.bracket_average[k], q_[k], upper));
  }
  // m_k = ∫_{p_k}^1 Q from the bracket averages, then the knots (x_k, y_k, s_k).
  std::vector<double> m(K);
  double acc = 0;
  for (size_t k = K; k-- > 0;) {
    acc += ((k + 1 < K ? p_[k + 1] : 1.0) - p_[k]) * t.bracket_average[k];
    m[k] = acc;
  }
  x_.resize(K), y_.resize(K), s_.resize(K), a_.assign(K, 0);
  for (size_t k = 0; k < K; ++k) {
    x_[k] = -std::log(1 - p_[k]);
    y_[k] = -std::log(m[k]);
    s_[k] = (1 - p_[k]) * q_[k] / m[k];
  }
  // Second derivatives: φ''' continuous at interior knots, φ'''(x_1) = 0, a_K clamped to the last slope's
  // finite difference. A tridiagonal system, solved by the Thomas algorithm.
  std::vector<double> lo(K, 0), di(K, 0), up(K, 0), rhs(K, 0);
  auto D = [&](size_t k) { return x_[k + 1] - x_[k]; };
  {
    const double d = D(0), dy = y_[1] - y_[0];
    di[0] = -9 / d, up[0] = 3 / d;
    rhs[0] = -60 * dy / (d * d * d) + (36 * s_[0] + 24 * s_[1]) / (d * d);
  }
  for (size_t k = 1; k + 1 < K; ++k) {
    const double d0 = D(k - 1), d1 = D(k), dy0 = y_[k] - y_[k - 1], dy1 = y_[k + 1] - y_[k];
    lo[k] = -3 / d0, di[k] = 9 / d0 + 9 / d1, up[k] = -3 / d1;
    rhs[k] = -60 * dy0 / (d0 * d0 * d0) + (24 * s_[k - 1] + 36 * s_[k]) / (d0 * d0) + 60 * dy1 / (d1 * d1 * d1) -
             (36 * s_[k] + 24 * s_[k + 1]) / (d1 * d1);
  }
  di[K - 1] = 1, rhs[K - 1] = (s_[K - 1] - s_[K - 2]) / D(K - 2);
  for (size_t k = 1; k < K; ++k) {
    const double w = lo[k] / di[k - 1];
    di[k] -= w * up[k - 1];
    rhs[k] -= w * rhs[k - 1];
  }
  a_[K - 1] = rhs[K - 1] / di[K - 1];
  for (size_t k = K - 1; k-- > 0;) a_[k] = (rhs[k] - up[k] * a_[k + 1]) / di[k];
  // Q increasing at the knots: φ'(1-φ') + φ'' > 0.
  for (size_t k = 0; k < K; ++k) a_[k] = std::max(a_[k], -s_[k] * (1 - s_[k]));
  // Top tail: a generalized Pareto distribution continuing Q and its density at p_K and matching m_K.
  const double pK = p_[K - 1], qK = q_[K - 1], scale = std::exp(x_[K - 1] - y_[K - 1]);
  sigma_ = scale * (a_[K - 1] + s_[K - 1] * (1 - s_[K - 1]));
  xi_ = 1 - (1 - pK) * sigma_ / (m[K - 1] - (1 - pK) * qK);
  if (!(sigma_ > 0) || !(xi_ < 1))
    fail(ErrorKind::input, fmt::format("the top bracket gives a Pareto tail with σ = {}, ξ = {}; a finite mean "
                                       "needs σ > 0 and ξ < 1", sigma_, xi_));
  // Bottom: a reflected GPD on [0, q_1] with the bottom bracket's mean (when p_1 > 0).
  if (p_[0] > 0) {
    bottom_mean_ = (mean_ - m[0]) / p_[0];
    if (!(bottom_mean_ > 0 && bottom_mean_ < q_[0]))
      fail(ErrorKind::input, fmt::format("the mean {} implies an average {} below the first fractile, outside "
                                         "(0, {})", mean_, bottom_mean_, q_[0]));
    sigma_b_ = (q_[0] - bottom_mean_) * q_[0] / bottom_mean_;
    xi_b_ = (bottom_mean_ - q_[0]) / bottom_mean_;
  }
}

double ParetoInterpolation::phi(double x, int deriv) const {
  const size_t K = x_.size();
  size_t k = std::upper_bound(x_.begin(), x_.end(), x) - x_.begin();
  k = std::clamp<size_t>(k, 1, K - 1) - 1;
  const double d = x_[k + 1] - x_[k], t = (x - x_[k]) / d;
  double h[6];
  hermite5(t, deriv, h);
  const double v = y_[k] * h[0] + y_[k + 1] * h[1] + d * (s_[k] * h[2] + s_[k + 1] * h[3]) +
                   d * d * (a_[k] * h[4] + a_[k + 1] * h[5]);
  return v / std::pow(d, deriv);
}

double ParetoInterpolation::quantile(double p) const {
  const size_t K = p_.size();
  if (p >= 1) return INFINITY;
  if (p >= p_[K - 1]) {
    const double u = (1 - p) / (1 - p_[K - 1]);
    return q_[K - 1] + (std::abs(xi_) < 1e-12 ? -sigma_ * std::log(u) : sigma_ / xi_ * (std::pow(u, -xi_) - 1));
  }
  if (p < p_[0]) {
    const double u = std::max(p, 0.0) / p_[0];
    return q_[0] - sigma_b_ / xi_b_ * (std::pow(u, -xi_b_) - 1);
  }
  const double x = -std::log(1 - p);
  return std::exp(x - phi(x, 0)) * phi(x, 1);
}

double ParetoInterpolation::top_average_mass(double p) const {
  const size_t K = p_.size();
  if (p >= 1) return 0;
  if (p >= p_[K - 1]) {
    const double pK = p_[K - 1], u = (1 - p) / (1 - pK);
    return (1 - pK) * ((q_[K - 1] - sigma_ / xi_) * u + sigma_ / xi_ * std::pow(u, 1 - xi_) / (1 - xi_));
  }
  if (p < p_[0]) {
    const double u = std::max(p, 0.0) / p_[0], c = sigma_b_ / xi_b_;
    const double m1 = std::exp(-y_[0]);
    return m1 + p_[0] * ((q_[0] + c) * (1 - u) - c * (1 - std::pow(u, 1 - xi_b_)) / (1 - xi_b_));
  }
  return std::exp(-phi(-std::log(1 - p), 0));
}

double ParetoInterpolation::inverted_pareto(double p) const {
  return top_average_mass(p) / ((1 - p) * quantile(p));
}

double ParetoInterpolation::gini() const {
  // ∫_0^1 p Q(p) dp = ∫_0^1 m(p) dp: integrate m piece by piece (closed form in the top tail).
  std::vector<double> edges;
  if (p_[0] > 0) edges.push_back(0);
  edges.insert(edges.end(), p_.begin(), p_.end());
  double integral = 0;
  for (size_t k = 0; k + 1 < edges.size(); ++k) {
    const double a = edges[k], b = edges[k + 1];
    integral += (b - a) * detail::integrate01([&](double u) { return top_average_mass(a + (b - a) * u); });
  }
  const double pK = p_.back();
  integral += (1 - pK) * (1 - pK) * ((q_.back() - sigma_ / xi_) / 2 + sigma_ / xi_ / ((1 - xi_) * (2 - xi_)));
  return 2 * integral / mean_ - 1;
}

double ParetoInterpolation::cdf(double y) const {
  if (y <= quantile(0)) return 0;
  double lo = 0, hi = 1;
  while (hi - lo > 1e-12) {
    const double mid = (lo + hi) / 2;
    (quantile(mid) < y ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

Poverty ParetoInterpolation::poverty(double z) const {
  if (!(z > 0)) fail(ErrorKind::usage, fmt::format("poverty line {} must be positive", z));
  Poverty r;
  r.headcount = cdf(z);
  const double H = r.headcount;
  if (H <= 0) return r;
  r.gap = H - (mean_ - top_average_mass(H)) / z;
  // Piece by piece between the fractiles (Q is smooth inside each); on the first piece p = a + (b-a) t²
  // keeps the log singularity of Watts at Q(0) = 0 harmless.
  std::vector<double> edges = {0};
  for (double p : p_)
    if (p > 0 && p < H) edges.push_back(p);
  edges.push_back(H);
  for (size_t k = 0; k + 1 < edges.size(); ++k) {
    const double a = edges[k], b = edges[k + 1];
    r.severity += detail::integrate01([&](double t) {
      const double q = quantile(a + (b - a) * t * t);
      return (1 - q / z) * (1 - q / z) * 2 * (b - a) * t;
    });
    r.watts += detail::integrate01([&](double t) {
      const double q = quantile(a + (b - a) * t * t);
      return q > 0 ? std::log(z / q) * 2 * (b - a) * t : 0;
    });
  }
  return r;
}

WeightedSample ParetoInterpolation::to_bins(int n, double population) const {
  WeightedSample s;
  s.w.assign(n, population / n);
  double prev = top_average_mass(0);
  for (int k = 1; k <= n; ++k) {
    const double next = top_average_mass(double(k) / n);
    s.y.push_back((prev - next) * n);
    prev = next;
  }
  return s;
}

}  // namespace worldsys::distrib
