#pragma once
// Gauss–Legendre quadrature for the smooth one-dimensional integrals of fitted distributions.
#include <array>
#include <cmath>

namespace worldsys::distrib::detail {

inline constexpr int kGaussPoints = 64;

template <int N>
struct GaussLegendre {
  std::array<double, N> x{}, w{}, log_x{};  // nodes, weights on [0, 1], ln(nodes)
  GaussLegendre() {
    for (int i = 0; i < N; ++i) {
      double t = std::cos(M_PI * (i + 0.75) / (N + 0.5)), dp = 0;
      for (int it = 0; it < 100; ++it) {  // Newton on P_N
        double p0 = 1, p1 = t;
        for (int k = 2; k <= N; ++k) {
          const double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
          p0 = p1, p1 = p2;
        }
        dp = N * (t * p1 - p0) / (t * t - 1);
        const double step = p1 / dp;
        t -= step;
        if (std::abs(step) < 1e-16) break;
      }
      x[i] = (1 - t) / 2;
      w[i] = 1 / ((1 - t * t) * dp * dp);
      log_x[i] = std::log(x[i]);
    }
  }
};

template <int N = kGaussPoints>
const GaussLegendre<N>& gauss_legendre() {
  static const GaussLegendre<N> g;
  return g;
}

// ∫_0^1 f(u) du with N points (exact for polynomials of degree 2N-1).
template <int N = kGaussPoints, class F>
double integrate01(F&& f) {
  const auto& g = gauss_legendre<N>();
  double s = 0;
  for (int i = 0; i < N; ++i) s += g.w[i] * f(g.x[i]);
  return s;
}

}  // namespace worldsys::distrib::detail
