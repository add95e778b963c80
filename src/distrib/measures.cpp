#include "worldsys/distrib/measures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "worldsys/core/error.hpp"

namespace worldsys::distrib {

namespace {
double total_weight(const WeightedSample& s) {
  long double t = 0;
  for (double w : s.w) t += w;
  return static_cast<double>(t);
}
void require_positive(const WeightedSample& s, const char* measure) {
  for (double y : s.y)
    if (!(y > 0))
      fail(ErrorKind::input, fmt::format("{} is undefined with zero welfare (found {}); bottom-code first", measure, y));
}
}  // namespace

Poverty poverty(const WeightedSample& s, double z) {
  if (!(z > 0)) fail(ErrorKind::usage, fmt::format("poverty line {} must be positive", z));
  long double h = 0, g = 0, sev = 0, watts = 0, W = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    W += s.w[i];
    if (s.y[i] >= z) continue;
    const double gap = 1 - s.y[i] / z;
    h += s.w[i];
    g += s.w[i] * gap;
    sev += s.w[i] * gap * gap;
    watts += s.y[i] > 0 ? s.w[i] * std::log(z / s.y[i]) : INFINITY;
  }
  return {double(h / W), double(g / W), double(sev / W), double(watts / W)};
}

double mean(const WeightedSample& s) {
  long double t = 0, W = 0;
  for (size_t i = 0; i < s.size(); ++i) t += s.w[i] * s.y[i], W += s.w[i];
  return double(t / W);
}

double quantile(const WeightedSample& u, double p) {
  const WeightedSample s = sorted(u);
  const double W = total_weight(s);
  const double target = std::clamp(p, 0.0, 1.0) * W;
  double cum = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const double next = cum + s.w[i];
    if (target <= next || i + 1 == s.size()) {
      // Within unit i's mass, move linearly from the previous unit's level to this one's.
      const double prev = i == 0 ? s.y[0] : s.y[i - 1];
      const double t = s.w[i] > 0 ? (target - cum) / s.w[i] : 1;
      return prev + (s.y[i] - prev) * std::clamp(t, 0.0, 1.0);
    }
    cum = next;
  }
  return s.y.back();
}

double gini(const WeightedSample& u) {
  const WeightedSample s = sorted(u);
  const double W = total_weight(s), mu = mean(s);
  long double area = 0, cum = 0;  // G = 1 - Σ π_k (2 C_{k-1} + s_k)
  for (size_t i = 0; i < s.size(); ++i) {
    const double pi = s.w[i] / W, sh = pi * s.y[i] / mu;
    area += pi * (2 * cum + sh);
    cum += sh;
  }
  return double(1 - area);
}

double theil(const WeightedSample& s) {
  require_positive(s, "Theil T");
  const double mu = mean(s), W = total_weight(s);
  long double t = 0;
  for (size_t i = 0; i < s.size(); ++i) t += s.w[i] * (s.y[i] / mu) * std::log(s.y[i] / mu);
  return double(t / W);
}

double mld(const WeightedSample& s) {
  require_positive(s, "MLD");
  const double mu = mean(s), W = total_weight(s);
  long double t = 0;
  for (size_t i = 0; i < s.size(); ++i) t += s.w[i] * std::log(mu / s.y[i]);
  return double(t / W);
}

double bottom_share(const WeightedSample& u, double f) {
  const WeightedSample s = sorted(u);
  const double W = total_weight(s), target = std::clamp(f, 0.0, 1.0) * W;
  long double cum = 0, inc = 0, tot = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    tot += s.w[i] * s.y[i];
    const double take = std::clamp(target - double(cum), 0.0, s.w[i]);
    inc += take * s.y[i];
    cum += s.w[i];
  }
  return double(inc / tot);
}

double top_share(const WeightedSample& s, double f) { return 1 - bottom_share(s, 1 - f); }

double palma(const WeightedSample& s) { return top_share(s, 0.1) / bottom_share(s, 0.4); }

double atkinson(const WeightedSample& s, double epsilon) {
  validate(s);
  if (!(epsilon >= 0)) fail(ErrorKind::usage, fmt::format("Atkinson aversion {} must be >= 0", epsilon));
  double W = 0, sum = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (epsilon >= 1 && !(s.y[i] > 0))
      fail(ErrorKind::input, fmt::format("Atkinson index with aversion {} needs positive welfare, found {}", epsilon, s.y[i]));
    W += s.w[i];
    sum += s.w[i] * (epsilon == 1 ? std::log(s.y[i]) : std::pow(s.y[i], 1 - epsilon));
  }
  const double ede = epsilon == 1 ? std::exp(sum / W) : std::pow(sum / W, 1 / (1 - epsilon));  // equally distributed equivalent
  return 1 - ede / mean(s);
}

double wolfson(const WeightedSample& s) {
  return 2 * mean(s) / quantile(s, 0.5) * (1 - 2 * bottom_share(s, 0.5) - gini(s));
}

Decomposition decompose(const std::vector<WeightedSample>& groups) {
  Decomposition d;
  std::vector<double> P, M;
  long double total = 0, W = 0;
  for (const auto& g : groups) {
    const double w = total_weight(g), mu = mean(g);
    P.push_back(w);
    M.push_back(mu);
    W += w;
    total += w * mu;
  }
  d.population = double(W);
  d.mean = double(total / W);
  long double tb = 0, tw = 0, lb = 0, lw = 0;
  for (size_t g = 0; g < groups.size(); ++g) {
    const double Pg = P[g] / d.population, Sg = Pg * M[g] / d.mean;
    tb += Sg * std::log(M[g] / d.mean);
    lb += Pg * std::log(d.mean / M[g]);
    tw += Sg * theil(groups[g]);
    lw += Pg * mld(groups[g]);
  }
  d.theil_between = double(tb), d.theil_within = double(tw);
  d.mld_between = double(lb), d.mld_within = double(lw);
  // The totals are computed on the pooled units, independently of the parts, so the identity is a check.
  WeightedSample pooled;
  for (const auto& g : groups) {
    pooled.y.insert(pooled.y.end(), g.y.begin(), g.y.end());
    pooled.w.insert(pooled.w.end(), g.w.begin(), g.w.end());
  }
  d.theil = theil(pooled);
  d.mld = mld(pooled);
  d.gini = gini(pooled);
  return d;
}

}  // namespace worldsys::distrib
