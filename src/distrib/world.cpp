#include "worldsys/distrib/world.hpp"

#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "worldsys/core/error.hpp"

namespace worldsys::distrib {

const char* name(EstimateSource s) {
  switch (s) {
    case EstimateSource::lorenz: return "lorenz";
    case EstimateSource::published: return "published";
    case EstimateSource::imputed: return "imputed";
  }
  return "?";
}

FittedPanel fit_panel(const std::vector<CountryYear>& panel) {
  FittedPanel f;
  for (const auto& c : panel) {
    f.rows.push_back(&c);
    std::optional<std::pair<LorenzFit, LorenzFit>> fit;
    if (c.grouped) {
      try {
        fit.emplace(fit_quadratic(*c.grouped), fit_beta(*c.grouped));
      } catch (const Error&) {
        // Unusable shares (e.g. a zero decile): the country falls back to published estimates or imputation.
      }
    }
    f.fits.push_back(std::move(fit));
  }
  return f;
}

std::vector<CountryPoverty> country_poverty(const FittedPanel& fitted, double z, const PovertyOptions& options) {
  std::vector<CountryPoverty> out;
  out.reserve(fitted.rows.size());
  for (size_t i = 0; i < fitted.rows.size(); ++i) {
    const CountryYear& c = *fitted.rows[i];
    CountryPoverty cp;
    cp.estimate = {c.country, c.region, c.income_group, c.population, false, {},
                   c.lineup && survey_within_3y(c.survey_years, c.year)};
    auto use_published = [&] {
      for (const auto& [line, m] : c.published)
        if (std::abs(line - z) < 1e-6 && std::isfinite(m.headcount)) {
          cp.estimate.measures = m;
          cp.estimate.has_data = true;
          cp.source = EstimateSource::published;
        }
    };
    if (options.prefer_published) use_published();
    if (!cp.estimate.has_data && fitted.fits[i]) {
      try {
        const auto r = choose_poverty(*c.grouped, fitted.fits[i]->first, fitted.fits[i]->second, z,
                                      options.method, options.watts);
        cp.estimate.measures = r.measures;
        cp.estimate.has_data = true;
        cp.source = EstimateSource::lorenz;
        cp.model = name(r.model);
      } catch (const Error&) {
      }
    }
    if (!cp.estimate.has_data) use_published();
    out.push_back(std::move(cp));
  }
  return out;
}

std::vector<CountryPoverty> country_poverty(const std::vector<CountryYear>& panel, double z,
                                            const PovertyOptions& options) {
  return country_poverty(fit_panel(panel), z, options);
}

InequalityResult world_inequality(const std::vector<CountryYear>& panel) {
  std::map<std::string, WeightedSample> by_country;
  double covered = 0, total = 0;
  for (const auto& c : panel) {
    total += c.population;
    if (!c.grouped) continue;
    const WeightedSample s = to_sample(*c.grouped);
    auto& u = by_country[c.country];
    for (size_t k = 0; k < s.size(); ++k) {
      u.y.push_back(s.y[k]);
      u.w.push_back(s.w[k] * c.population);
    }
    covered += c.population;
  }
  if (by_country.empty()) fail(ErrorKind::input, "no country has quantile shares for this year: no inequality to measure");
  std::vector<WeightedSample> groups;
  for (auto& [k, s] : by_country) groups.push_back(std::move(s));
  InequalityResult r;
  r.d = decompose(groups);
  r.coverage = total > 0 ? covered / total : 0;
  r.countries = groups.size();
  return r;
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
  auto add = [&](const DistributionRow& d, const std::string& income_group, double population) {
    CountryYear c;
    c.country = d.country, c.region = d.region, c.income_group = income_group, c.year = year;
    c.population = std::isnan(d.population) ? population : d.population;
    if (!d.shares.empty() && d.mean > 0) {
      try {
        c.grouped = from_quantile_shares(d.shares, d.mean);
      } catch (const Error&) {
        // Shares that do not make a distribution (not summing to 1): no grouped data for this country-year;
        // it counts as without data (coverage shows it).
      }
    }
    c.published = published[{d.country, d.level}];
    c.survey_years = surveys[{d.country, d.level}];
    c.lineup = true;
    panel.push_back(std::move(c));
  };
  auto add_country = [&](const std::string& country, const std::string& income_group, double population) {
    if (!done.insert(country).second) return;
    const auto& rs = rows[country];
    for (const auto* d : rs)
      if (d->level == "national") return add(*d, income_group, population);
    for (const auto* d : rs) add(*d, income_group, NAN);
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
      auto& p = parts[d.country];
      p.country = d.country;
      p.mean = (p.mean * p.population + d.mean * d.population) / (p.population + d.population);
      p.population += d.population;
    }
  }
  std::vector<CountryMean> out;
  for (const auto& c : order) out.push_back(national.count(c) ? national[c] : parts[c]);
  return out;
}

}  // namespace worldsys::distrib
