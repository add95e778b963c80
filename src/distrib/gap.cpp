#include "worldsys/distrib/gap.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "worldsys/core/error.hpp"
#include "worldsys/distrib/measures.hpp"

namespace worldsys::distrib {

namespace {
// Mean welfare of the units between cumulative weight shares [from, to] of a sorted sample.
double band_mean(const WeightedSample& s, double from, double to) {
  const double W = [&] { double t = 0; for (double w : s.w) t += w; return t; }();
  double cum = 0, inc = 0, got = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const double lo = std::max(cum, from * W), hi = std::min(cum + s.w[i], to * W);
    if (hi > lo) inc += (hi - lo) * s.y[i], got += hi - lo;
    cum += s.w[i];
  }
  return inc / got;
}
}  // namespace

Gap rich_poor_gap(const std::vector<CountryMean>& countries, double share, bool weighted) {
  if (!(share > 0 && share <= 0.5)) fail(ErrorKind::usage, fmt::format("share {} must be in (0, 0.5]", share));
  if (countries.size() < 2) fail(ErrorKind::input, "a gap needs at least two countries");
  WeightedSample s;
  Gap g;
  for (const auto& c : countries) {
    if (!(c.mean > 0) || !(c.population > 0))
      fail(ErrorKind::input, fmt::format("{}: mean {} and population {} must both be positive", c.country, c.mean,
                                         c.population));
    s.y.push_back(c.mean);
    s.w.push_back(weighted ? c.population : 1.0);
    g.population += c.population;
  }
  s = sorted(std::move(s));
  g.countries = countries.size();
  g.top_bottom = band_mean(s, 1 - share, 1) / band_mean(s, 0, share);
  g.theil = theil(s);
  g.mld = mld(s);
  g.gini = gini(s);
  double W = 0, m = 0, v = 0;
  for (size_t i = 0; i < s.size(); ++i) W += s.w[i], m += s.w[i] * std::log(s.y[i]);
  m /= W;
  for (size_t i = 0; i < s.size(); ++i) v += s.w[i] * std::pow(std::log(s.y[i]) - m, 2);
  g.sigma = std::sqrt(v / W);
  return g;
}

FixedGroups fixed_groups(const std::vector<CountryMean>& base, double share, bool weighted) {
  if (!(share > 0 && share <= 0.5)) fail(ErrorKind::usage, fmt::format("share {} must be in (0, 0.5]", share));
  std::vector<CountryMean> c = base;
  std::stable_sort(c.begin(), c.end(), [](const auto& a, const auto& b) { return a.mean < b.mean; });
  double W = 0;
  for (const auto& x : c) W += weighted ? x.population : 1.0;
  FixedGroups g;
  double cum = 0;
  for (const auto& x : c) {
    const double w = weighted ? x.population : 1.0;
    const double in_bottom = std::max(0.0, std::min(cum + w, share * W) - cum);
    const double in_top = std::max(0.0, cum + w - std::max(cum, (1 - share) * W));
    if (in_bottom > 0) g.bottom[x.country] = in_bottom / w;
    if (in_top > 0) g.top[x.country] = in_top / w;
    cum += w;
  }
  return g;
}

double fixed_top_bottom(const std::vector<CountryMean>& countries, const FixedGroups& g, bool weighted) {
  auto group_mean = [&](const std::map<std::string, double>& members, const char* which) {
    double num = 0, den = 0;
    for (const auto& c : countries) {
      const auto it = members.find(c.country);
      if (it == members.end()) continue;
      const double w = it->second * (weighted ? c.population : 1.0);
      num += w * c.mean, den += w;
    }
    if (!(den > 0)) fail(ErrorKind::usage, fmt::format("no country of the fixed {} group has data this year", which));
    return num / den;
  };
  return group_mean(g.top, "richest") / group_mean(g.bottom, "poorest");
}

Trend trend(const std::vector<double>& years, const std::vector<double>& values) {
  if (years.size() != values.size() || years.size() < 2) fail(ErrorKind::input, "a trend needs at least two years");
  auto slope = [&](auto f) {
    double mx = 0, my = 0;
    const double n = double(years.size());
    for (size_t i = 0; i < years.size(); ++i) mx += years[i] / n, my += f(values[i]) / n;
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < years.size(); ++i) {
      sxy += (years[i] - mx) * (f(values[i]) - my);
      sxx += (years[i] - mx) * (years[i] - mx);
    }
    return sxy / sxx;
  };
  return {slope([](double v) { return v; }), slope([](double v) { return std::log(v); })};
}

}  // namespace worldsys::distrib
