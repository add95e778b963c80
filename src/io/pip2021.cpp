// PIP 2021 PPP (September 2025 and March 2026 releases): country line-ups with their surveys' decile shares, the
// economies without a survey (CMD), the source's own estimates at its three lines and its regional and world
// aggregates, into one distribution store. Layout and units: ../shared/data/poverty/pip_2021ppp_*/README.md.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/text.hpp"
#include "io/lineup.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

using detail::kDecileSumTolerance;

namespace {

struct Release {
  std::string stamp, version;
};

Release release_files(const std::string& release) {
  if (release == "2026-03" || release.empty()) return {"20260324", "20260324_2021_01_02_PROD"};
  if (release == "2025-09") return {"20250930", "20250930_2021_01_02_PROD"};
  fail(ErrorKind::usage, fmt::format("PIP release '{}': use 2026-03 (March 2026, the latest) or 2025-09", release));
}

// The first of `names` the header has: the two releases name some columns differently (Stata vs pipr names).
size_t column(const CsvHeader& h, std::initializer_list<std::string_view> names) {
  for (auto n : names)
    if (h.has(n)) return h[n];
  return h[*names.begin()];  // fails naming the first
}

// A survey's distribution: its decile shares and fractional year, by country, level and welfare type.
struct SurveyDeciles {
  double time = NAN, gini = NAN;
  std::string kind;
  std::vector<double> shares;
};
using SurveyKey = std::tuple<std::string, std::string, std::string>;  // country, level, welfare

std::map<SurveyKey, std::vector<SurveyDeciles>> read_surveys(const fs::path& file, DistributionStore& s) {
  CsvReader r = open_csv(file);
  const CsvHeader h(r);
  const size_t c = h["country_code"], lv = h["reporting_level"], wt = h["welfare_type"], tm = h["welfare_time"],
               kd = h["distribution_type"], gi = h["gini"];
  std::vector<size_t> dec;
  for (int k = 1; k <= 10; ++k) dec.push_back(h["decile" + std::to_string(k)]);
  std::map<SurveyKey, std::vector<SurveyDeciles>> out;
  std::set<std::tuple<std::string, std::string, double>> listed;
  while (r.next()) {
    const std::string country(r.field(c)), level(r.field(lv));
    if (country.empty()) fail_at(r.position(c), "empty country_code");
    const double time = r.number(tm);
    if (!(time > 1900 && time < 2100)) fail_at(r.position(tm), fmt::format("welfare_time {} is not a year", time));
    auto& list = out[{country, level, std::string(r.field(wt))}];
    if (std::any_of(list.begin(), list.end(), [&](const auto& d) { return d.time == time; })) continue;  // next line
    SurveyDeciles d{time, optional_number(r, gi), std::string(r.field(kd)), {}};
    if (!r.field(dec[0]).empty()) {
      double sum = 0;
      for (size_t k : dec) {
        const double v = r.number(k);
        if (!(v >= 0 && v <= 1)) fail_at(r.position(k), fmt::format("decile share {} outside 0-1", v));
        d.shares.push_back(v);
        sum += v;
      }
      if (!(std::fabs(sum - 1) <= kDecileSumTolerance))
        fail_at(r.position(dec[0]), fmt::format("decile shares sum to {}, expected 1 (within {})", sum,
                                                kDecileSumTolerance));
    }
    if (listed.insert({country, level, time}).second) s.surveys.push_back({country, level, time});
    list.push_back(std::move(d));
  }
  for (auto& [k, list] : out)
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
  return out;
}

}  // namespace

DistributionStore read_pip2021(const fs::path& dir, const std::string& release) {
  const Release rel = release_files(release);
  // The three folders side by side (../shared/data/poverty), or DIR is one of them.
  const fs::path root = fs::exists(dir / "pip_2021ppp_lineup") ? dir : dir.parent_path();
  DistributionStore s;
  s.source = fmt::format("World Bank Poverty and Inequality Platform, line-up (fill-gaps) estimates with survey "
                         "decile shares, 2021 PPP, version {}", rel.version);
  s.licence = "CC BY 4.0 (World Bank PIP)";
  s.ppp = "2021";
  const auto surveys = read_surveys(find_variant(root / "pip_2021ppp_survey", "survey_" + rel.stamp, {".csv.gz", ".csv"}), s);

  // Income groups of each year: PIP's coverage table (only the March 2026 one is published; the classification of
  // a year does not change between releases).
  std::map<std::pair<std::string, int>, std::string> income;
  {
    CsvReader r = open_csv(find_variant(root / "pip_2021ppp_lineup", "country_coverage_20260324", {".csv.gz", ".csv"}));
    const CsvHeader h(r);
    const size_t c = h["country_code"], y = h["year"], ig = h["incgroup_historical"];
    while (r.next()) income[{std::string(r.field(c)), r.integer(y)}] = r.field(ig);
  }

  // March 2026: the line-up as built before publication differs from the published one for China's national rows
  // (up to 0.9 points); the QA build's national headcounts (ARG: urban) are the published ones, so they win.
  std::map<std::tuple<std::string, int, double>, double> final_headcount;
  const fs::path qa = root / "pip_2021ppp_lineup" / ("lineup_" + rel.stamp + "_headcount_qa0326v02.csv.gz");
  if (fs::exists(qa)) {
    CsvReader q = open_csv(qa);
    const CsvHeader hq(q);
    const size_t c = hq["iso3c"], y = hq["year"], l = hq["poverty_line"], hc = hq["headcount"];
    while (q.next()) final_headcount[{std::string(q.field(c)), q.integer(y), q.number(l)}] = q.number(hc);
  }

  CsvReader r = open_csv(find_variant(root / "pip_2021ppp_lineup", "lineup_" + rel.stamp + "_full", {".csv.gz", ".csv"}));
  const CsvHeader h(r);
  const size_t c = h["country_code"], nm = h["country_name"], rg = h["region_code"], y = h["reporting_year"],
               lv = h["reporting_level"], wt = h["welfare_type"], ln = h["poverty_line"], hc = h["headcount"],
               gp = h["poverty_gap"], sv = h["poverty_severity"], wa = h["watts"], mn = h["mean"],
               pop = column(h, {"reporting_pop", "pop"}), et = h["estimation_type"], kd = h["distribution_type"],
               es = h["estimate_type"];
  auto share = [&](size_t i, const char* what) {
    const double v = optional_number(r, i);
    if (!std::isnan(v) && !(v >= 0 && v <= 1)) fail_at(r.position(i), fmt::format("{} {} outside 0-1", what, v));
    return v;
  };
  auto positive = [&](size_t i, const char* what) {
    const double v = r.number(i);
    if (!(v > 0 && std::isfinite(v))) fail_at(r.position(i), fmt::format("{} {} must be a finite number > 0", what, v));
    return v;
  };
  std::set<std::tuple<std::string, int, std::string>> rows;
  std::set<std::pair<std::string, int>> economies;
  while (r.next()) {
    const std::string country(r.field(c)), level(r.field(lv));
    if (country.empty()) fail_at(r.position(c), "empty country_code");
    const int year = r.integer(y);
    const double line = positive(ln, "poverty_line");
    PublishedPoverty p{country, level, year, line, share(hc, "headcount"), share(gp, "poverty_gap"),
                       share(sv, "poverty_severity"), optional_number(r, wa)};
    if (const auto f = final_headcount.find({country, year, line});
        f != final_headcount.end() && (level == "national" || country == "ARG") && std::abs(f->second - p.headcount) > 1e-4)
      p = {country, level, year, line, f->second, NAN, NAN, NAN};  // the draft's gap and severity do not go with it
    s.published.push_back(p);
    if (!rows.insert({country, year, level}).second) continue;  // the distribution repeats on each line's row
    const double population = positive(pop, "population");
    // The economy: its national row, or its only one (Argentina: urban, with the national population).
    if ((level == "national" || !economies.count({country, year})) && economies.insert({country, year}).second) {
      const auto ig = income.find({country, year});
      s.economies.push_back({country, std::string(r.field(rg)), ig == income.end() ? "" : ig->second, year, population});
    }
    DistributionRow d;
    d.country = country, d.name = r.field(nm), d.region = r.field(rg), d.level = level, d.year = year;
    d.welfare = r.field(wt), d.population = population, d.mean = positive(mn, "mean");
    d.estimate = r.field(es);
    const std::string estimation(r.field(et));
    if (estimation == "CMD estimation") {
      d.kind = "CMD";  // no survey: PIP's predicted (log-logistic) distribution, known by its headcounts
      s.distributions.push_back(std::move(d));
      continue;
    }
    // The surveys of this welfare type and level with deciles, and the ones this year stands on.
    std::vector<const SurveyDeciles*> usable;
    std::vector<double> times;
    if (const auto it = surveys.find({country, level, d.welfare}); it != surveys.end())
      for (const auto& v : it->second)
        if (!v.shares.empty()) usable.push_back(&v), times.push_back(v.time);
    const auto parts = detail::lineup_surveys(times, year, estimation == "interpolation");
    if (parts.empty()) {  // a line-up without a survey distribution: only the source's estimates stand for it
      d.kind = r.field(kd);
      s.distributions.push_back(std::move(d));
      continue;
    }
    for (const auto& [i, weight] : parts) {
      const SurveyDeciles* survey = usable[i];
      DistributionRow part = d;
      part.kind = survey->kind, part.shares = survey->shares, part.weight = weight, part.survey_year = survey->time;
      part.gini = survey->gini;  // the survey's, from its microdata (scaling to the year's mean keeps it)
      s.distributions.push_back(std::move(part));
    }
  }
  // The source's regional and world aggregates at its lines.
  CsvReader a = open_csv(find_variant(root / "pip_2021ppp_aggregates", "aggregates_" + rel.stamp, {".csv", ".csv.gz"}));
  const CsvHeader ha(a);
  const size_t ac = ha["region_code"], ay = column(ha, {"year", "reporting_year"}), al = ha["poverty_line"],
               ah = ha["headcount"], ag = ha["poverty_gap"], as = ha["poverty_severity"], aw = ha["watts"];
  while (a.next()) {
    const std::string code(a.field(ac));
    s.published.push_back({code == "WLD" ? "World" : code, kAggregateLevel, a.integer(ay), a.number(al),
                           a.number(ah), a.number(ag), a.number(as), optional_number(a, aw)});
  }
  return s;
}

}  // namespace worldsys::io

namespace worldsys::io::detail {

std::vector<std::pair<size_t, double>> lineup_surveys(const std::vector<double>& times, int year, bool interpolate) {
  std::optional<size_t> before, after;
  for (size_t i = 0; i < times.size(); ++i) {
    if (times[i] <= year) before = i;
    if (times[i] >= year && !after) after = i;
  }
  if (!before && !after) return {};
  if (before && after && *before != *after && interpolate) {
    const double w = (times[*after] - year) / (times[*after] - times[*before]);
    return {{*before, w}, {*after, 1 - w}};
  }
  if (!before || (after && times[*after] - year < year - times[*before])) return {{*after, 1.0}};
  return {{*before, 1.0}};
}

}  // namespace worldsys::io::detail
