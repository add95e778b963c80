#include "worldsys/distrib/world.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "distrib/quadrature.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::distrib {

const char* name(EstimateSource s) {
  switch (s) {
    case EstimateSource::model: return "model";
    case EstimateSource::published: return "published";
    case EstimateSource::cmd: return "cmd";
    case EstimateSource::source_fit: return "source-fit";
    case EstimateSource::imputed: return "imputed";
  }
  return "?";
}

bool CountryFit::has_model() const {
  return !parts.empty() && std::all_of(parts.begin(), parts.end(), [](const PartFit& p) { return p.model.has_value(); });
}

double Calibration::welfare(double x) const {
  if (empty() || x >= u.back()) return x;
  if (x <= u.front()) return x + v.front() - u.front();
  const size_t k = std::upper_bound(u.begin(), u.end(), x) - u.begin();  // u[k-1] <= x < u[k]
  return v[k - 1] + (v[k] - v[k - 1]) * (x - u[k - 1]) / (u[k] - u[k - 1]);
}

double Calibration::model(double y) const {
  if (empty() || y >= v.back()) return y;
  if (y <= v.front()) return y - v.front() + u.front();
  const size_t k = std::upper_bound(v.begin(), v.end(), y) - v.begin();
  return u[k - 1] + (u[k] - u[k - 1]) * (y - v[k - 1]) / (v[k] - v[k - 1]);
}

namespace {

// The parts' headcount at model welfare y (no calibration).
double model_headcount(const CountryFit& f, double y) {
  double h = 0;
  for (const auto& p : f.parts) h += p.weight * headcount(p.curve(), p.mean, y);
  return h;
}

// Knots mapping the model's welfare at each published headcount to the published line.
Calibration calibrate_to(const CountryFit& f, const std::vector<std::pair<double, Poverty>>& published) {
  std::vector<std::pair<double, double>> lines;  // (z, H), 0 < H < 1
  for (const auto& [z, m] : published)
    if (m.headcount > 0 && m.headcount < 1) lines.push_back({z, m.headcount});
  std::sort(lines.begin(), lines.end());
  Calibration c;
  for (const auto& [z, H] : lines) {
    // The model's welfare at rank H: bisection on ln y (the model's headcount rises with y).
    double lo = std::log(1e-6), hi = std::log(1e7);
    if (model_headcount(f, std::exp(lo)) >= H || model_headcount(f, std::exp(hi)) <= H) continue;
    while (hi - lo > 1e-12) {
      const double mid = (lo + hi) / 2;
      (model_headcount(f, std::exp(mid)) < H ? lo : hi) = mid;
    }
    const double u = (lo + hi) / 2, v = std::log(z);
    if (!c.u.empty() && (u <= c.u.back() || v <= c.v.back())) continue;  // ties in the source's headcounts
    c.u.push_back(u), c.v.push_back(v);
  }
  if (c.empty()) return c;
  // Back to the identity within a quarter above the last knot's model welfare (further when the map raises welfare
  // there, so that it stays increasing): the deciles, not the lines, speak for the rest of the distribution.
  const double shift = std::max(c.v.back() - c.u.back(), 0.0) + std::log(1.25);
  c.u.push_back(c.u.back() + shift), c.v.push_back(c.u.back());
  return c;
}

}  // namespace

CountryFit fit_country(const CountryYear& c, LorenzMethod method, bool calibrate) {
  CountryFit f;
  for (const auto& part : c.parts) {
    PartFit pf;
    pf.weight = part.weight, pf.mean = part.grouped.mean;
    try {
      pf.gq = fit_quadratic(part.grouped);
      pf.beta = fit_beta(part.grouped);
    } catch (const Error&) {
      // Unusable shares (e.g. a zero decile): the part has no curve, and the country no model.
    }
    f.parts.push_back(std::move(pf));
  }
  // Curves whose welfare rises with the rank (continuous, monotone headcounts), valid ones first.
  for (auto& pf : f.parts)
    for (bool strict : {true, false}) {
      if (pf.model) break;
      auto usable = [&](const LorenzFit& c) { return c.monotone && (c.valid || !strict); };
      const bool gq = usable(pf.gq) && method != LorenzMethod::beta;
      const bool beta = usable(pf.beta) && method != LorenzMethod::quadratic;
      if (gq && (!beta || pf.gq.sse <= pf.beta.sse)) pf.model = LorenzModel::quadratic;
      else if (beta) pf.model = LorenzModel::beta;
    }
  if (calibrate && f.has_model()) f.calibration = calibrate_to(f, c.published);
  if (!f.has_model() && c.mean > 0) {
    std::vector<double> lines, headcounts;
    for (const auto& [line, m] : c.published)
      if (std::isfinite(m.headcount)) lines.push_back(line), headcounts.push_back(m.headcount);
    if (lines.size() >= 2 || (c.cmd && !lines.empty())) f.source_fit = fit_loglogistic(c.mean, lines, headcounts);
  }
  return f;
}

Poverty poverty(const CountryFit& f, double z, bool watts) {
  if (!f.has_model()) {
    if (!f.source_fit) fail(ErrorKind::input, "no distribution to measure poverty on");
    return poverty(*f.source_fit, z, watts);
  }
  Poverty sum;
  if (f.calibration.empty()) {
    for (const auto& p : f.parts) {
      const auto m = watts ? distrib::poverty(p.curve(), p.mean, z) : poverty_fgt(p.curve(), p.mean, z);
      sum.headcount += p.weight * m.measures.headcount;
      sum.gap += p.weight * m.measures.gap;
      sum.severity += p.weight * m.measures.severity;
      sum.watts += p.weight * m.measures.watts;
    }
    return sum;
  }
  // Calibrated: the poor are those whose model welfare is below y, each with welfare exp(welfare(ln Q(p))).
  const double y = std::exp(f.calibration.model(std::log(z)));
  const auto& g = detail::gauss_legendre<16>();  // the map's kinks, not the points, limit the accuracy (~1e-4)
  for (const auto& p : f.parts) {
    const double H = headcount(p.curve(), p.mean, y);
    sum.headcount += p.weight * H;
    if (!(H > 0)) continue;
    for (int i = 0; i < 16; ++i) {
      const double ratio = std::exp(f.calibration.welfare(std::log(p.welfare(H * g.x[i])))) / z;
      const double dp = p.weight * H * g.w[i];
      sum.gap += dp * (1 - ratio);
      sum.severity += dp * (1 - ratio) * (1 - ratio);
      if (watts) sum.watts -= dp * std::log(ratio);
    }
  }
  return sum;
}

WeightedSample to_bins(const CountryFit& f, double population, int n) {
  if (!f.has_model()) {
    if (!f.source_fit) fail(ErrorKind::input, "no distribution to bin");
    return to_bins(*f.source_fit, population, n);
  }
  WeightedSample s;
  for (const auto& p : f.parts) {
    auto b = to_bins(p.curve(), p.mean, population * p.weight, n);
    // Where the calibration moves welfare (below its last knot), a bin's mean is the average of its people's mapped
    // welfare (8-point Gauss–Legendre over its ranks); above, the model's exact bin mean stands.
    const auto& g = detail::gauss_legendre<8>();
    for (int k = 0; k < n && !f.calibration.empty(); ++k) {
      if (std::log(p.welfare(double(k) / n)) >= f.calibration.u.back()) break;
      double mean = 0;
      for (int i = 0; i < 8; ++i) mean += g.w[i] * std::exp(f.calibration.welfare(std::log(p.welfare((k + g.x[i]) / n))));
      b.y[k] = mean;
    }
    s.y.insert(s.y.end(), b.y.begin(), b.y.end());
    s.w.insert(s.w.end(), b.w.begin(), b.w.end());
  }
  return s;
}

WeightedSample quantile_units(const CountryYear& c) {
  WeightedSample u;
  for (const auto& part : c.parts) {
    const WeightedSample s = to_sample(part.grouped);
    for (size_t k = 0; k < s.size(); ++k) {
      u.y.push_back(s.y[k]);
      u.w.push_back(s.w[k] * part.weight);
    }
  }
  return u;
}

FittedPanel fit_panel(const std::vector<CountryYear>& panel, LorenzMethod method, bool calibrate) {
  FittedPanel f;
  for (const auto& c : panel) {
    f.rows.push_back(&c);
    f.fits.push_back(fit_country(c, method, calibrate));
  }
  return f;
}

std::vector<CountryPoverty> country_poverty(const FittedPanel& fitted, double z, const PovertyOptions& options) {
  std::vector<CountryPoverty> out;
  out.reserve(fitted.rows.size());
  for (size_t i = 0; i < fitted.rows.size(); ++i) {
    const CountryYear& c = *fitted.rows[i];
    const CountryFit& f = fitted.fits[i];
    CountryPoverty cp;
    cp.estimate = {c.country, c.region, c.income_group, c.population, false, {},
                   c.lineup && survey_within_3y(c.survey_years, c.year)};
    auto take = [&](const Poverty& m, EstimateSource s) {
      cp.estimate.measures = m;
      cp.estimate.has_data = true;
      cp.estimate.imputed = c.cmd;  // no survey: the source's own estimate of it is a prediction too
      cp.source = s;
    };
    if (c.cmd && !options.cmd) {  // an economy without a survey takes its region's rate, whatever the source says
      out.push_back(std::move(cp));
      continue;
    }
    if (options.prefer_published)
      for (const auto& [line, m] : c.published)
        if (std::abs(line - z) < 1e-6 && std::isfinite(m.headcount)) take(m, EstimateSource::published);
    if (!cp.estimate.has_data && f.has_model()) take(poverty(f, z, options.watts), EstimateSource::model);
    else if (!cp.estimate.has_data && f.source_fit)
      take(poverty(*f.source_fit, z, options.watts), c.cmd ? EstimateSource::cmd : EstimateSource::source_fit);
    out.push_back(std::move(cp));
  }
  return out;
}

std::vector<CountryPoverty> country_poverty(const std::vector<CountryYear>& panel, double z,
                                            const PovertyOptions& options, LorenzMethod method) {
  return country_poverty(fit_panel(panel, method), z, options);
}

std::vector<int> store_years(const DistributionStore& s) {
  std::set<int> ys;
  for (const auto& d : s.distributions) ys.insert(d.year);
  return {ys.begin(), ys.end()};
}

PppVintage store_vintage(const DistributionStore& s) { return parse_ppp_vintage(s.ppp); }

std::vector<CountryYear> country_panel(const DistributionStore& s, int year) {
  std::map<std::string, std::vector<const DistributionRow*>> rows;
  for (const auto& d : s.distributions)
    if (d.year == year) rows[d.country].push_back(&d);
  if (rows.empty()) {
    const auto ys = store_years(s);
    fail(ErrorKind::usage, fmt::format("the store has no distributions for {}; it covers {}-{}", year,
                                       ys.empty() ? 0 : ys.front(), ys.empty() ? 0 : ys.back()));
  }
  std::map<std::tuple<std::string, std::string>, std::vector<std::pair<double, Poverty>>> published;
  for (const auto& p : s.published)
    if (p.year == year) published[{p.country, p.level}].push_back({p.line, {p.headcount, p.gap, p.severity, p.watts}});
  std::map<std::pair<std::string, std::string>, std::vector<double>> surveys;
  for (const auto& v : s.surveys) surveys[{v.country, v.level}].push_back(v.year);
  std::vector<CountryYear> panel;
  std::set<std::string> done;
  // One level's rows (two when its year stacks two surveys) as one country-year.
  auto add = [&](const std::vector<const DistributionRow*>& level, const std::string& income_group, double population) {
    const DistributionRow& d = *level.front();
    CountryYear c;
    c.country = d.country, c.region = d.region, c.income_group = income_group, c.year = year;
    c.population = std::isnan(d.population) ? population : d.population;
    c.mean = d.mean, c.cmd = d.kind == "CMD", c.estimate = d.estimate;
    for (const auto* r : level) {
      if (r->shares.empty() || !(r->mean > 0)) continue;
      try {
        c.parts.push_back({from_quantile_shares(r->shares, r->mean), r->weight});
      } catch (const Error&) {
        // Shares that do not make a distribution (not summing to 1): no grouped data for this country-year;
        // it counts as without data (coverage shows it).
        c.parts.clear();
        break;
      }
    }
    c.published = published[{d.country, d.level}];
    c.survey_years = surveys[{d.country, d.level}];
    c.lineup = true;
    panel.push_back(std::move(c));
  };
  auto add_country = [&](const std::string& country, const std::string& income_group, double population) {
    if (!done.insert(country).second) return;
    std::map<std::string, std::vector<const DistributionRow*>> levels;  // national, rural, urban
    for (const auto* d : rows[country]) levels[d->level].push_back(d);
    if (levels.count("national")) return add(levels["national"], income_group, population);
    // Urban and rural each with its own population; a single level stands for the whole economy.
    for (const auto& [level, rs] : levels) {
      add(rs, income_group, NAN);
      if (levels.size() == 1 && population > 0) panel.back().population = population;
    }
  };
  for (const auto& e : s.economies) {
    if (e.year != year) continue;
    if (rows.count(e.country)) {
      add_country(e.country, e.income_group, e.population);
    } else if (done.insert(e.country).second) {
      CountryYear c;
      c.country = e.country, c.region = e.region, c.income_group = e.income_group, c.year = year;
      c.population = e.population;
      panel.push_back(std::move(c));
    }
  }
  for (const auto& [country, rs] : rows) add_country(country, "", NAN);  // data outside the universe table
  return panel;
}

std::vector<CountryMean> country_means(const DistributionStore& s, int year) {
  std::map<std::string, CountryMean> national, parts;
  std::vector<std::string> order;
  for (const auto& d : s.distributions) {
    if (d.year != year || !(d.mean > 0) || !(d.population > 0)) continue;
    if (!national.count(d.country) && !parts.count(d.country)) order.push_back(d.country);
    if (d.level == "national") {
      national[d.country] = {d.country, d.mean, d.population};
    } else {
      auto& p = parts[d.country];  // a stacked year's rows each carry their weight of the population
      const double pop = d.population * d.weight;
      p.country = d.country;
      p.mean = (p.mean * p.population + d.mean * pop) / (p.population + pop);
      p.population += pop;
    }
  }
  std::vector<CountryMean> out;
  for (const auto& c : order) out.push_back(national.count(c) ? national[c] : parts[c]);
  return out;
}

}  // namespace worldsys::distrib
