#include "worldsys/io/distributions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>

#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/stata.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/text.hpp"
#include "io/json_number.hpp"
#include "io/lineup.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;
using detail::kDecileSumTolerance;

namespace {

std::string num(double v) {
  if (std::isnan(v)) return "";
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A store's table: NAME.csv, or NAME.csv.gz in a compressed store.
fs::path store_table(const fs::path& dir, const std::string& name) { return find_variant(dir, name, {".csv", ".csv.gz"}); }

}  // namespace

bool is_distribution_store(const fs::path& dir) {
  if (!fs::is_regular_file(dir / "meta.json")) return false;
  try {
    return json::parse(read_text(dir / "meta.json")).value("format", "") == "worldsys-distributions";
  } catch (const std::exception&) {
    return false;
  }
}

void write_distribution_store(const DistributionStore& s, const fs::path& dir, bool overwrite, bool compress) {
  size_t nshares = 0;
  for (const auto& d : s.distributions) nshares = std::max(nshares, d.shares.size());
  atomic_write_dir(dir, overwrite, [&](const fs::path& tmp) {
    // Each table is built in memory, then written as NAME.csv or, compressed, NAME.csv.gz.
    auto write = [&](const char* name, const std::ostringstream& text) {
      const fs::path p = tmp / (std::string(name) + (compress ? ".csv.gz" : ".csv"));
      std::ofstream out(p, std::ios::binary);
      out << (compress ? gzip(text.str()) : text.str());
      out.flush();
      if (!out) fail(ErrorKind::io, fmt::format("{}: cannot write the store (disk full?)", dir.string()));
    };
    json meta;
    meta["format"] = "worldsys-distributions";
    meta["version"] = kDistributionStoreVersion;
    meta["source"] = s.source;
    meta["licence"] = s.licence;
    meta["ppp"] = s.ppp;
    meta["unit"] = s.unit;
    meta["command"] = s.command;
    meta["counts"] = {{"economies", s.economies.size()},
                      {"distributions", s.distributions.size()},
                      {"published", s.published.size()},
                      {"surveys", s.surveys.size()}};
    meta["quantile_shares"] = nshares;
    if (s.survey_years_only) meta["survey_years_only"] = true;
    std::ofstream(tmp / "meta.json") << meta.dump(1) << '\n';
    {
      std::ostringstream out;
      out << "country,year,region,income_group,population\n";
      for (const auto& e : s.economies)
        out << e.country << ',' << e.year << ',' << e.region << ',' << quoted(e.income_group) << ','
            << num(e.population) << '\n';
      write("economies", out);
    }
    {
      std::ostringstream out;
      out << "country,name,region,year,level,welfare,kind,estimate,weight,survey_year,population,mean,median,gini,mld";
      for (size_t k = 1; k <= nshares; ++k) out << ",q" << k;
      out << '\n';
      for (const auto& d : s.distributions) {
        out << d.country << ',' << quoted(d.name) << ',' << d.region << ',' << d.year << ',' << d.level << ','
            << d.welfare << ',' << d.kind << ',' << d.estimate << ',' << num(d.weight) << ',' << num(d.survey_year)
            << ',' << num(d.population) << ',' << num(d.mean) << ',' << num(d.median)
            << ',' << num(d.gini) << ',' << num(d.mld);
        for (size_t k = 0; k < nshares; ++k) out << ',' << (k < d.shares.size() ? num(d.shares[k]) : "");
        out << '\n';
      }
      write("distributions", out);
    }
    {
      std::ostringstream out;
      out << "country,level,survey_year\n";
      for (const auto& v : s.surveys) out << v.country << ',' << v.level << ',' << num(v.year) << '\n';
      write("surveys", out);
    }
    std::ostringstream out;
    out << "country,year,level,line,headcount,gap,severity,watts\n";
    for (const auto& p : s.published)
      out << p.country << ',' << p.year << ',' << p.level << ',' << num(p.line) << ',' << num(p.headcount) << ','
          << num(p.gap) << ',' << num(p.severity) << ',' << num(p.watts) << '\n';
    write("published", out);
  });
}

fs::path resolve_distribution_store(const std::string& store) {
  std::error_code ec;
  if (fs::exists(store, ec) || store.empty() || store.find_first_of("/\\") != std::string::npos) return store;
  const fs::path embedded = default_data_path("default-distributions/" + store);
  return is_distribution_store(embedded) ? embedded : fs::path(store);
}

std::vector<std::string> default_distribution_stores() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(default_data_path("default-distributions"), ec))
    if (is_distribution_store(e.path())) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

void keep_years(DistributionStore& s, int from, int to) {
  auto outside = [&](const auto& r) { return r.year < from || r.year > to; };
  std::erase_if(s.economies, outside);
  std::erase_if(s.distributions, outside);
  std::erase_if(s.published, outside);
  // Surveys are kept whole: survey coverage of a year looks at surveys up to 3 years away, beyond the range.
}

namespace {
// What a store's values mean, checked again as they are read back (a store edited by hand or damaged is refused
// at its line and column, as any other input): names non-empty; populations, means and lines finite and > 0;
// shares of people (headcount, gap, severity) and the Gini in [0, 1]; decile shares finite, at most 1, not below
// -1 (WID's pre-tax bottom groups can be slightly negative), summing to 1 within the published rounding. NaN stands
// for "not published" wherever a value is optional.
struct Meaning {
  const CsvReader& r;
  void name(size_t col, std::string_view v, const char* what) const {
    if (v.empty()) fail_at(r.position(col), fmt::format("empty {}", what));
  }
  void positive(size_t col, double v, const char* what) const {
    if (!std::isnan(v) && !(v > 0 && std::isfinite(v)))
      fail_at(r.position(col), fmt::format("{} {} must be a finite number > 0", what, v));
  }
  void within(size_t col, double v, double lo, double hi, const char* what) const {
    if (!std::isnan(v) && !(v >= lo && v <= hi)) fail_at(r.position(col), fmt::format("{} {} outside [{}, {}]", what, v, lo, hi));
  }
  void finite(size_t col, double v, const char* what) const {
    if (!std::isnan(v) && !std::isfinite(v)) fail_at(r.position(col), fmt::format("{} {} is not a finite number", what, v));
  }
};
}  // namespace

DistributionStore read_distribution_store(const fs::path& dir) {
  accept_input(dir);
  const fs::path meta_path = dir / "meta.json";
  if (!fs::exists(meta_path))
    fail(ErrorKind::input, fmt::format("{}: no meta.json; not a distribution store (create one with `worldsys import "
                                       "pip2011 DIR --out STORE`)", dir.string()));
  json meta;
  try {
    meta = json::parse(read_text(meta_path));
  } catch (const json::exception& e) {  // a syntax error, or a number too large for a double
    fail(ErrorKind::input, fmt::format("{}: invalid JSON: {}", meta_path.string(), e.what()));
  }
  if (!meta.is_object()) fail(ErrorKind::input, fmt::format("{}: expected a JSON object", meta_path.string()));
  DistributionStore s;
  try {  // json::value throws on a key of another type: an input error like any other
    if (meta.value("format", "") != "worldsys-distributions")
      fail(ErrorKind::input, fmt::format("{}: format is '{}', expected 'worldsys-distributions' (an MRIO store is "
                                         "not a distribution store)", meta_path.string(), meta.value("format", "")));
    const json v = meta.value("version", json(0));
    const auto version = detail::json_integer<int>(v);
    if (!version)
      fail(ErrorKind::input, fmt::format("{}: a key of the wrong type: version {} is not an integer",
                                         meta_path.string(), v.dump()));
    if (*version != kDistributionStoreVersion)
      fail(ErrorKind::input, fmt::format("{}: store version {}, this worldsys reads version {}", meta_path.string(),
                                         *version, kDistributionStoreVersion));
    s.source = meta.value("source", "");
    s.licence = meta.value("licence", "");
    s.ppp = meta.value("ppp", "");
    s.unit = meta.value("unit", "");
    s.command = meta.value("command", "");
    s.survey_years_only = meta.value("survey_years_only", false);
  } catch (const json::exception& e) {
    fail(ErrorKind::input, fmt::format("{}: a key of the wrong type: {}", meta_path.string(), e.what()));
  }
  {
    CsvReader r = open_csv(store_table(dir, "economies"));
    const CsvHeader h(r);
    const size_t c = h["country"], y = h["year"], rg = h["region"], ig = h["income_group"], pop = h["population"];
    const Meaning check{r};
    while (r.next()) {
      s.economies.push_back({std::string(r.field(c)), std::string(r.field(rg)), std::string(r.field(ig)),
                             r.integer(y), optional_number(r, pop)});
      check.name(c, s.economies.back().country, "country");
      check.positive(pop, s.economies.back().population, "population");
    }
  }
  {
    CsvReader r = open_csv(store_table(dir, "distributions"));
    const CsvHeader h(r);
    std::vector<size_t> q;
    for (size_t k = 1; h.has("q" + std::to_string(k)); ++k) q.push_back(h["q" + std::to_string(k)]);
    const size_t c = h["country"], nm = h["name"], rg = h["region"], y = h["year"], lv = h["level"], wf = h["welfare"],
                 kd = h["kind"], pop = h["population"], mn = h["mean"], md = h["median"], gi = h["gini"], ml = h["mld"];
    const Meaning check{r};
    while (r.next()) {
      DistributionRow d;
      d.country = r.field(c), d.name = r.field(nm), d.region = r.field(rg), d.level = r.field(lv);
      d.welfare = r.field(wf), d.kind = r.field(kd);
      d.year = r.integer(y);
      d.population = optional_number(r, pop), d.mean = optional_number(r, mn), d.median = optional_number(r, md);
      d.gini = optional_number(r, gi), d.mld = optional_number(r, ml);
      // Columns added after the first stores: absent means a single distribution without a label.
      if (h.has("weight")) {
        d.weight = r.number(h["weight"]);
        if (!(d.weight > 0 && d.weight <= 1)) fail_at(r.position(h["weight"]), fmt::format("weight {} outside (0, 1]", d.weight));
        d.survey_year = optional_number(r, h["survey_year"]);
        d.estimate = r.field(h["estimate"]);
      }
      if (!q.empty() && !r.field(q[0]).empty()) {
        double sum = 0;
        for (size_t k : q) {
          d.shares.push_back(r.number(k));
          check.within(k, d.shares.back(), -1, 1, "quantile share");
          sum += d.shares.back();
        }
        if (!(std::fabs(sum - 1) <= kDecileSumTolerance))
          fail_at(r.position(q[0]), fmt::format("quantile shares sum to {}, expected 1 (within {})", sum, kDecileSumTolerance));
      }
      check.name(c, d.country, "country");
      check.positive(pop, d.population, "population");
      check.positive(mn, d.mean, "mean");
      check.positive(md, d.median, "median");
      check.within(gi, d.gini, 0, 1, "Gini");
      check.within(ml, d.mld, 0, INFINITY, "mean log deviation");
      if (h.has("survey_year")) check.finite(h["survey_year"], d.survey_year, "survey_year");
      s.distributions.push_back(std::move(d));
    }
  }
  if (fs::exists(dir / "surveys.csv") || fs::exists(dir / "surveys.csv.gz")) {  // absent in older stores
    CsvReader r = open_csv(store_table(dir, "surveys"));
    const CsvHeader h(r);
    const size_t c = h["country"], lv = h["level"], y = h["survey_year"];
    const Meaning check{r};
    while (r.next()) {
      s.surveys.push_back({std::string(r.field(c)), std::string(r.field(lv)), r.number(y)});
      check.name(c, s.surveys.back().country, "country");
      check.finite(y, s.surveys.back().year, "survey_year");
    }
  }
  CsvReader r = open_csv(store_table(dir, "published"));
  const CsvHeader h(r);
  const size_t c = h["country"], y = h["year"], lv = h["level"], ln = h["line"], hc = h["headcount"], g = h["gap"],
               sv = h["severity"], w = h["watts"];
  const Meaning check{r};
  while (r.next()) {
    s.published.push_back({std::string(r.field(c)), std::string(r.field(lv)), r.integer(y), r.number(ln),
                           optional_number(r, hc), optional_number(r, g), optional_number(r, sv),
                           optional_number(r, w)});
    const PublishedPoverty& p = s.published.back();
    check.name(c, p.country, "country");
    if (!(p.line > 0 && std::isfinite(p.line))) fail_at(r.position(ln), fmt::format("line {} must be a finite number > 0", p.line));
    check.within(hc, p.headcount, 0, 1, "headcount");
    check.within(g, p.gap, 0, 1, "poverty gap");
    check.within(sv, p.severity, 0, 1, "severity");
    check.within(w, p.watts, 0, INFINITY, "Watts index");
  }
  return s;
}

namespace {

// PIP 2011 gives no deciles for a year between two surveys (it averaged the two surveys' estimates): such a year
// becomes the two bracketing surveys' distributions stacked with time weights, each scaled to the year's mean. The
// surveys are the rows at the years of the country's surveys (surveys.csv) of the same level and welfare type; when
// one the year stands on has no deciles either (Malawi's 2004, 2010 and 2016 surveys), the year is left without
// shares rather than given an older survey's (the model then follows the source's own estimates: world.hpp).
void stack_interpolated_years(DistributionStore& s) {
  std::map<std::pair<std::string, std::string>, std::set<int>> survey_years;  // country, level -> years surveyed
  for (const auto& v : s.surveys) survey_years[{v.country, v.level}].insert(int(std::floor(v.year)));
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<size_t>> surveyed;  // rows at survey years
  for (size_t i = 0; i < s.distributions.size(); ++i) {
    const auto& d = s.distributions[i];
    if (survey_years[{d.country, d.level}].count(d.year)) surveyed[{d.country, d.level, d.welfare}].push_back(i);
  }
  std::vector<DistributionRow> out;
  out.reserve(s.distributions.size());
  for (const auto& d : s.distributions) {  // copied, not moved: later rows read the surveyed ones
    const auto it = surveyed.find({d.country, d.level, d.welfare});
    if (!d.shares.empty() || it == surveyed.end()) {
      out.push_back(d);
      continue;
    }
    std::vector<double> times;
    for (size_t i : it->second) times.push_back(s.distributions[i].year);
    const auto parts = detail::lineup_surveys(times, d.year, true);
    const bool usable = !parts.empty() && std::all_of(parts.begin(), parts.end(), [&](const auto& p) {
      return !s.distributions[it->second[p.first]].shares.empty();
    });
    if (!usable) {
      out.push_back(d);
      continue;
    }
    for (const auto& [k, weight] : parts) {
      DistributionRow part = d;
      part.shares = s.distributions[it->second[k]].shares;
      part.survey_year = times[k], part.weight = weight;
      out.push_back(std::move(part));
    }
  }
  s.distributions = std::move(out);
}

}  // namespace

DistributionStore read_pip2011(const fs::path& dir, bool from_dta) {
  DistributionStore s;
  s.source = "World Bank Poverty and Inequality Platform, fill-gaps (line-up) tables, 2011 PPP, version 0.3.2";
  s.licence = "CC BY 4.0 (World Bank PIP)";
  s.ppp = "2011";
  {
    CsvReader r = open_csv(find_variant(dir, "pip_country_coverage_version_0_3_2_9000", {".csv", ".csv.gz"}));
    const CsvHeader h(r);
    const size_t c = h["country_code"], y = h["reporting_year"], rg = h["pcn_region_code"], ig = h["incgroup_historical"],
                 pop = h["pop"];
    // Countries split into urban and rural have one row per part: their population is the sum.
    std::map<std::pair<std::string, int>, size_t> seen;
    while (r.next()) {
      const std::string country(r.field(c));
      if (country.empty()) fail_at(r.position(c), "empty country_code");
      const int year = r.integer(y);
      const double p = optional_number(r, pop);
      if (!std::isnan(p) && !(p > 0 && std::isfinite(p)))
        fail_at(r.position(pop), fmt::format("population {} must be a finite number > 0", p));
      auto [it, fresh] = seen.try_emplace({country, year}, s.economies.size());
      if (fresh) s.economies.push_back({country, std::string(r.field(rg)), std::string(r.field(ig)), year, p});
      else s.economies[it->second].population += p;
    }
  }
  {
    CsvReader r = open_csv(find_variant(dir, "pip_survey_means_version_0_3_2_9000", {".csv", ".csv.gz"}));
    const CsvHeader h(r);
    const size_t c = h["country_code"], lv = h["reporting_level"], y = h["survey_year"];
    while (r.next()) s.surveys.push_back({std::string(r.field(c)), std::string(r.field(lv)), r.number(y)});
  }
  const std::string stem = "pip_fillgaps_ppp11_version_0_3_2_9000";
  const bool csv = !from_dta && (fs::exists(dir / (stem + ".csv")) || fs::exists(dir / (stem + ".csv.gz")));
  const fs::path table = csv ? find_variant(dir, stem, {".csv", ".csv.gz"}) : find_variant(dir, stem, {".dta"});
  CsvReader r = csv ? open_csv(table) : CsvReader(dta_as_csv(table), table.string() + " (as CSV)");
  if (!csv && !r.next()) fail(ErrorKind::input, fmt::format("{}: no variables", table.string()));
  const CsvHeader h(r);
  const size_t c = h["country_code"], nm = h["country_name"], rg = h["region_code"], y = h["year"],
               wt = h["welfare_type"], ln = h["poverty_line"], mn = h["mean"], hc = h["headcount"],
               gp = h["poverty_gap"], sv = h["poverty_severity"], wa = h["watts"], gi = h["gini"], md = h["median"],
               ml = h["mld"], pop = h["population"], kd = h["distribution_type"], lv = h["reporting_level"];
  std::vector<size_t> dec;
  for (int k = 1; k <= 10; ++k) dec.push_back(h["decile" + std::to_string(k)]);
  // Checked by meaning, each at its file:line:col: one impossible value (a headcount of 1.5, an empty country code,
  // a NaN decile share) would otherwise move the world's figures or break the store later.
  auto share = [&](size_t i, const char* what) {
    const double v = optional_number(r, i);
    if (!std::isnan(v) && !(v >= 0 && v <= 1))
      fail_at(r.position(i), fmt::format("{} {} outside 0-1 (a share of the population)", what, v));
    return v;
  };
  auto positive = [&](size_t i, const char* what) {
    const double v = optional_number(r, i);
    if (!std::isnan(v) && !(v > 0 && std::isfinite(v)))
      fail_at(r.position(i), fmt::format("{} {} must be a finite number > 0", what, v));
    return v;
  };
  std::map<std::tuple<std::string, int, std::string>, bool> have;
  while (r.next()) {
    const std::string country(r.field(c)), level(r.field(lv));
    if (country.empty()) fail_at(r.position(c), "empty country_code");
    const int year = r.integer(y);
    if (!have[{country, year, level}]) {  // distribution columns repeat on each line's row
      have[{country, year, level}] = true;
      DistributionRow d;
      d.country = country, d.name = r.field(nm), d.region = r.field(rg), d.level = level, d.year = year;
      const auto w = r.field(wt);
      d.welfare = w == "1" ? "consumption" : w == "2" ? "income" : std::string(w);
      d.kind = r.field(kd);
      d.population = positive(pop, "population"), d.mean = positive(mn, "mean"), d.median = positive(md, "median");
      d.gini = share(gi, "gini"), d.mld = optional_number(r, ml);
      if (!r.field(dec[0]).empty()) {
        double sum = 0;
        for (size_t k : dec) {
          d.shares.push_back(share(k, "decile share"));
          if (std::isnan(d.shares.back())) fail_at(r.position(k), "decile share missing or not a number");
          sum += d.shares.back();
        }
        if (!(std::fabs(sum - 1) <= kDecileSumTolerance))
          fail_at(r.position(dec[0]), fmt::format("decile shares sum to {}, expected 1 (within {})", sum,
                                                  kDecileSumTolerance));
      }
      s.distributions.push_back(std::move(d));
    }
    const double line = optional_number(r, ln);
    if (std::isnan(line)) continue;  // a distribution without published estimates (12 rows of GNB)
    // The table stores lines as float32 (1.899999976...): keep the published line's two decimals.
    if (!(line > 0)) fail_at(r.position(ln), fmt::format("poverty_line {} must be > 0", line));
    s.published.push_back({country, level, year, std::round(line * 100) / 100, share(hc, "headcount"),
                           share(gp, "poverty_gap"), share(sv, "poverty_severity"), optional_number(r, wa)});
  }
  stack_interpolated_years(s);
  return s;
}

DistributionStore read_lakner_milanovic(const fs::path& dir) {
  DistributionStore s;
  s.source = "Lakner-Milanovic World Panel Income Distribution (LM-WPID), decile means";
  s.licence = "authors' public research release";
  s.ppp = "2005";
  CsvReader r = open_csv(find_variant(dir, "LM_WPID_web_2", {".csv", ".csv.gz"}));
  const CsvHeader h(r);
  const size_t c = h["contcod"], nm = h["country"], rg = h["region"], by = h["bin_year"], ic = h["inc_con"],
               ms = h["mysample"], gr = h["group"], pop = h["pop"], inc = h["RRinc"];
  struct Acc {
    DistributionRow row;
    std::vector<double> means = std::vector<double>(10, NAN), pops = std::vector<double>(10, NAN);
  };
  std::map<std::pair<std::string, int>, Acc> acc;
  std::vector<std::pair<std::string, int>> order;
  while (r.next()) {
    if (r.field(ms) != "1") continue;  // the sample with CHN, IND, IDN split into urban and rural
    const std::string code(r.field(c));
    const int year = r.integer(by), g = r.integer(gr);
    if (g < 1 || g > 10) fail_at(r.position(gr), fmt::format("decile group {} outside 1..10", g));
    auto key = std::make_pair(code, year);
    auto [it, fresh] = acc.try_emplace(key);
    if (fresh) {
      order.push_back(key);
      auto& d = it->second.row;
      const auto dash = code.find('-');
      d.country = code.substr(0, dash);
      d.level = dash == std::string::npos ? "national" : (code.substr(dash + 1) == "U" ? "urban" : "rural");
      d.name = r.field(nm), d.region = r.field(rg), d.year = year, d.kind = "group";
      d.welfare = r.field(ic) == "C" ? "consumption" : "income";
    }
    it->second.means[g - 1] = optional_number(r, inc);
    it->second.pops[g - 1] = optional_number(r, pop);
  }
  for (const auto& key : order) {
    Acc& a = acc[key];
    double total = 0, people = 0;
    bool complete = true;
    for (int k = 0; k < 10; ++k) {
      complete = complete && !std::isnan(a.means[k]) && !std::isnan(a.pops[k]);
      if (!std::isnan(a.pops[k])) people += a.pops[k];
      if (complete) total += a.means[k];
    }
    a.row.population = people * 1e6;  // the file's populations are in millions
    if (complete) {
      a.row.mean = total / 10 / 365;  // annual 2005 PPP $ to per day
      for (int k = 0; k < 10; ++k) a.row.shares.push_back(a.means[k] / total);
    }
    s.economies.push_back({a.row.country, a.row.region, "", a.row.year, a.row.population});
    s.distributions.push_back(std::move(a.row));
  }
  return s;
}

GroupedFile read_grouped_csv(const fs::path& path, const std::string& pcol, const std::string& lcol) {
  CsvReader r = path.extension() == ".dta" ? CsvReader(dta_as_csv(path), path.string() + " (as CSV)") : open_csv(path);
  if (path.extension() == ".dta" && !r.next()) fail(ErrorKind::input, fmt::format("{}: no variables", path.string()));
  const CsvHeader h(r);
  if (r.size() < 2 && pcol.empty())
    fail(ErrorKind::input, fmt::format("{}: expected two columns (cumulative population share, cumulative welfare "
                                       "share), found {}", path.string(), r.size()));
  const size_t pi = pcol.empty() ? 0 : h[pcol], li = lcol.empty() ? 1 : h[lcol];
  GroupedFile g;
  while (r.next()) {
    g.p.push_back(r.number(pi));
    g.L.push_back(r.number(li));
  }
  if (g.p.empty()) fail(ErrorKind::input, fmt::format("{}: no data rows", path.string()));
  if (g.p.back() > 1.5) {  // percentages
    for (double& v : g.p) v /= 100;
    for (double& v : g.L) v /= 100;
  }
  return g;
}

TabulationFile read_tabulation_csv(const fs::path& path) {
  CsvReader r = open_csv(path);
  const CsvHeader h(r);
  const size_t p = h["p"], q = h["threshold"], b = h["bracket_average"];
  const bool has_mean = h.has("average");
  TabulationFile t;
  while (r.next()) {
    t.p.push_back(r.number(p));
    t.threshold.push_back(r.number(q));
    t.bracket_average.push_back(r.number(b));
    if (has_mean) {
      const double m = r.number(h["average"]);
      if (!std::isnan(t.mean) && m != t.mean)
        fail_at(r.position(h["average"]), fmt::format("overall average {} differs from {} on the rows above", m, t.mean));
      t.mean = m;
    }
  }
  if (t.p.empty()) fail(ErrorKind::input, fmt::format("{}: no data rows", path.string()));
  return t;
}

}  // namespace worldsys::io
