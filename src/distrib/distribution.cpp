#include "worldsys/distrib/distribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "worldsys/core/error.hpp"

namespace worldsys::distrib {

void validate(const WeightedSample& s, const char* what) {
  if (s.y.size() != s.w.size())
    fail(ErrorKind::input, fmt::format("{}: {} welfare values but {} weights", what, s.y.size(), s.w.size()));
  if (s.y.empty()) fail(ErrorKind::input, fmt::format("{}: no units", what));
  for (size_t i = 0; i < s.y.size(); ++i) {
    if (!std::isfinite(s.y[i]) || s.y[i] < 0)
      fail(ErrorKind::input, fmt::format("{}: unit {} has welfare {}; expected a finite value >= 0 (bottom-code "
                                         "negative incomes before measuring)", what, i + 1, s.y[i]));
    if (!std::isfinite(s.w[i]) || s.w[i] <= 0)
      fail(ErrorKind::input,
           fmt::format("{}: unit {} has weight {}; expected a positive population weight", what, i + 1, s.w[i]));
  }
}

WeightedSample sorted(WeightedSample s) {
  if (std::is_sorted(s.y.begin(), s.y.end())) return s;
  std::vector<size_t> idx(s.y.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return s.y[a] < s.y[b]; });
  WeightedSample out;
  out.y.reserve(idx.size());
  out.w.reserve(idx.size());
  for (size_t i : idx) {
    out.y.push_back(s.y[i]);
    out.w.push_back(s.w[i]);
  }
  return out;
}

void validate(const Grouped& g, const char* what) {
  if (g.p.size() != g.L.size())
    fail(ErrorKind::input, fmt::format("{}: {} population shares but {} welfare shares", what, g.p.size(), g.L.size()));
  if (g.p.size() < 4)
    fail(ErrorKind::input, fmt::format("{}: {} Lorenz points; a Lorenz fit needs at least 4", what, g.p.size()));
  if (!(g.mean > 0) || !std::isfinite(g.mean))
    fail(ErrorKind::input, fmt::format("{}: mean {}; expected a positive mean welfare", what, g.mean));
  const size_t n = g.p.size();
  if (std::abs(g.p[n - 1] - 1) > kShareTolerance || std::abs(g.L[n - 1] - 1) > kShareTolerance)
    fail(ErrorKind::input, fmt::format("{}: the last point is ({}, {}); cumulative shares must end at (1, 1) "
                                       "(shares summing to 1 within {})", what, g.p[n - 1], g.L[n - 1], kShareTolerance));
  double prev_p = 0, prev_L = 0, prev_slope = 0;
  for (size_t k = 0; k < n; ++k) {
    const double p = g.p[k], L = g.L[k];
    if (!std::isfinite(p) || !std::isfinite(L) || p <= prev_p)
      fail(ErrorKind::input, fmt::format("{}: point {} has population share {} after {}; expected strictly "
                                         "increasing cumulative shares in (0, 1]", what, k + 1, p, prev_p));
    if (L < prev_L || L < 0)
      fail(ErrorKind::input, fmt::format("{}: point {} has welfare share {} after {}; a Lorenz curve never "
                                         "decreases (cumulative shares expected)", what, k + 1, L, prev_L));
    if (L > p + kShareTolerance)
      fail(ErrorKind::input, fmt::format("{}: point {} has welfare share {} above population share {}; a Lorenz "
                                         "curve lies below the diagonal", what, k + 1, L, p));
    const double slope = (L - prev_L) / (p - prev_p);
    if (slope < prev_slope * (1 - 1e-6) - kShareTolerance)
      fail(ErrorKind::input, fmt::format("{}: point {} ({}, {}) makes the Lorenz curve non-convex (group mean "
                                         "{:.6g} below the previous group's {:.6g}); points must be sorted by welfare",
                                         what, k + 1, p, L, slope, prev_slope));
    prev_p = p, prev_L = L, prev_slope = slope;
  }
}

Grouped from_quantile_shares(std::span<const double> shares, double mean) {
  double total = 0;
  for (double s : shares) {
    if (!std::isfinite(s) || s < 0)
      fail(ErrorKind::input, fmt::format("quantile share {} is not a non-negative number", s));
    total += s;
  }
  if (std::abs(total - 1) > kShareTolerance)
    fail(ErrorKind::input, fmt::format("{} quantile shares sum to {:.6f}; expected 1 (within {})", shares.size(),
                                       total, kShareTolerance));
  Grouped g;
  g.mean = mean;
  double cum = 0;
  const double n = static_cast<double>(shares.size());
  for (size_t k = 0; k < shares.size(); ++k) {
    cum += shares[k] / total;
    g.p.push_back((k + 1) / n);
    g.L.push_back(k + 1 == shares.size() ? 1.0 : cum);
  }
  return g;
}

WeightedSample to_sample(const Grouped& g) {
  WeightedSample s;
  double pp = 0, pl = 0;
  for (size_t k = 0; k < g.p.size(); ++k) {
    const double dp = g.p[k] - pp;
    s.w.push_back(dp);
    s.y.push_back(g.mean * (g.L[k] - pl) / dp);
    pp = g.p[k], pl = g.L[k];
  }
  return s;
}

WeightedSample from_brackets(std::span<const double> edges, std::span<const double> counts) {
  if (edges.size() != counts.size() + 1)
    fail(ErrorKind::input, fmt::format("{} brackets need {} edges, got {}", counts.size(), counts.size() + 1,
                                       edges.size()));
  WeightedSample s;
  for (size_t k = 0; k < counts.size(); ++k) {
    if (!(edges[k + 1] > edges[k]) || edges[k] < 0)
      fail(ErrorKind::input, fmt::format("bracket {} is [{}, {}); expected increasing non-negative edges", k + 1,
                                         edges[k], edges[k + 1]));
    if (counts[k] < 0 || !std::isfinite(counts[k]))
      fail(ErrorKind::input, fmt::format("bracket {} has population {}; expected >= 0", k + 1, counts[k]));
    if (counts[k] == 0) continue;
    s.y.push_back(edges[k] > 0 ? std::sqrt(edges[k] * edges[k + 1]) : edges[k + 1] / 2);
    s.w.push_back(counts[k]);
  }
  if (s.y.empty()) fail(ErrorKind::input, "all brackets are empty");
  return s;
}

}  // namespace worldsys::distrib
