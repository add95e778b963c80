// poverty, inequality and gap: a distribution store, the years and groups asked for, the tidy table.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <regex>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/aggregate.hpp"
#include "worldsys/distrib/lorenz.hpp"
#include "worldsys/distrib/pareto.hpp"
#include "worldsys/distrib/tables.hpp"
#include "worldsys/io/distributions.hpp"

namespace worldsys::api {

std::vector<int> parse_years(const std::string& spec) {
  if (const auto comma = spec.find(','); comma != std::string::npos) {  // a list of years or ranges
    auto years = parse_years(spec.substr(0, comma));
    for (int y : parse_years(spec.substr(comma + 1))) years.push_back(y);
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    return years;
  }
  std::smatch m;
  if (std::regex_match(spec, m, std::regex(R"((\d{4})(?:\s*[-:]\s*(\d{4}))?)"))) {
    const int a = std::stoi(m[1]), b = m[2].matched ? std::stoi(m[2]) : a;
    if (a <= b) {
      std::vector<int> years;
      for (int y = a; y <= b; ++y) years.push_back(y);
      return years;
    }
  }
  fail(ErrorKind::usage, fmt::format("cannot read years '{}'; write one year (2011), a range (1995-2011) or a list "
                                     "(1990,2000-2002)", spec));
}

namespace {

Table one_distribution_table() {
  return Table({"method", "headcount", "gap", "severity", "watts", "gini", "median"},
               {false, true, true, true, true, true, true});
}

}  // namespace

Table poverty_grouped(const std::string& file, const std::string& columns, double mean, double line,
                      const std::string& method) {
  if (!(mean > 0)) fail(ErrorKind::usage, "--grouped needs the distribution's --mean");
  if (!(line > 0)) fail(ErrorKind::usage, "the poverty line must be positive");
  std::string pcol, lcol;
  if (!columns.empty()) {
    const auto comma = columns.find(',');
    if (comma == std::string::npos) fail(ErrorKind::usage, "--columns takes two names: POPULATION,WELFARE");
    pcol = columns.substr(0, comma), lcol = columns.substr(comma + 1);
  }
  const io::GroupedFile f = io::read_grouped_csv(file, pcol, lcol);
  distrib::Grouped g{f.p, f.L, mean};
  distrib::validate(g, file.c_str());
  const auto r = distrib::analyse_grouped(g, line, distrib::parse_lorenz_method(method));
  Table t = one_distribution_table();
  t.add_row({std::string(distrib::name(r.poverty_model)), r.measures.headcount, r.measures.gap, r.measures.severity,
             r.measures.watts, r.gini, r.median});
  return t;
}

// A WID-style tabulation through generalized Pareto interpolation.
Table poverty_tabulation(const std::string& file, double mean, double line) {
  if (!(line > 0)) fail(ErrorKind::usage, "the poverty line must be positive");
  const io::TabulationFile f = io::read_tabulation_csv(file);
  const double mu = mean > 0 ? mean : f.mean;
  if (!(mu > 0)) fail(ErrorKind::usage, fmt::format("{} has no 'average' column: give the overall --mean", file));
  const distrib::ParetoInterpolation g({f.p, f.threshold, f.bracket_average, mu});
  const distrib::Poverty m = g.poverty(line);
  Table t = one_distribution_table();
  t.add_row({std::string("pareto"), m.headcount, m.gap, m.severity, m.watts, g.gini(), g.quantile(0.5)});
  return t;
}

namespace {

// PIP's (pipr's) column names for a poverty table; the group column is named by what its rows are.
Table pip_names(Table t, distrib::Grouping by) {
  const std::map<std::string, std::string> names = {
      {"year", "reporting_year"}, {"line", "poverty_line"}, {"gap", "poverty_gap"},
      {"severity", "poverty_severity"}, {"poor", "pop_in_poverty"},
      {"group", by == distrib::Grouping::country        ? "country_code"
                : by == distrib::Grouping::income_group ? "income_group"
                                                        : "region_code"}};
  for (const auto& [from, to] : names)
    for (const auto& c : t.columns())
      if (c.name == from) t.column(from).name = to;
  return t;
}

// The table with worldsys's own names (group, year, line, ...).
Table poverty_worldsys_names(const std::string& store, const PovertyArgs& a, const ProgressFn& progress) {
  if (a.share > 0 && !a.lines.empty()) fail(ErrorKind::usage, "give either --line or --share, not both");
  if (!(a.share > 0) && a.lines.empty()) fail(ErrorKind::usage, "give a poverty --line (or --share to find one)");
  for (double l : a.lines)
    if (!(l > 0) || !std::isfinite(l)) fail(ErrorKind::usage, fmt::format("poverty line {}: it must be positive", l));
  const bool source = a.estimates == "source" || a.estimates == "auto";
  if (!source && a.estimates != "model" && a.estimates != "lorenz")
    fail(ErrorKind::usage, fmt::format("estimates '{}': use model or source", a.estimates));
  if (a.no_survey != "model" && a.no_survey != "region")
    fail(ErrorKind::usage, fmt::format("no-survey '{}': use model or region", a.no_survey));
  const io::DistributionStore s = io::read_distribution_store(io::resolve_distribution_store(store));
  distrib::PovertyQuery q;
  q.ppp = a.ppp;
  q.convert_line = a.convert_line;
  if (!a.year.empty()) q.years = parse_years(a.year);
  q.method = distrib::parse_lorenz_method(a.method);
  // A store of the source's estimates alone (WDI) has no distribution to model: its estimates are all there is
  // (marked estimate "source").
  q.source_estimates = source || std::none_of(s.distributions.begin(), s.distributions.end(), [](const auto& d) {
    return !d.shares.empty() || d.kind == "CMD";
  });
  q.cmd = a.no_survey == "model";
  q.impute = a.impute;
  q.calibrate = a.calibrate;
  q.by = distrib::parse_grouping(a.by);
  q.coverage = distrib::parse_coverage_rule(a.coverage);
  q.countries = a.countries;
  if (a.share > 0) return distrib::line_table(s, q, a.share, store);
  std::optional<Table> t;
  for (double line : a.lines) {
    q.line = line;
    Table one = distrib::poverty_table(s, q, store, progress);
    if (t) append(*t, one);
    else t = std::move(one);
  }
  return std::move(*t);
}

}  // namespace

Table poverty(const std::string& store, const PovertyArgs& a, const ProgressFn& progress) {
  if (a.names != "pip" && a.names != "worldsys")
    fail(ErrorKind::usage, fmt::format("names '{}': use pip or worldsys", a.names));
  Table t = poverty_worldsys_names(store, a, progress);
  return a.names == "pip" ? pip_names(std::move(t), distrib::parse_grouping(a.by)) : t;
}

Table inequality(const std::string& store, const InequalityArgs& a) {
  if (a.by != "world" && a.by != "region" && a.by != "country")
    fail(ErrorKind::usage, fmt::format("by = '{}': use world, region or country", a.by));
  const io::DistributionStore s = io::read_distribution_store(io::resolve_distribution_store(store));
  distrib::InequalityQuery q;
  if (!a.year.empty()) q.years = parse_years(a.year);
  q.by = distrib::parse_grouping(a.by);
  q.decompose = a.decompose;
  if (a.units != "model" && a.units != "groups") fail(ErrorKind::usage, fmt::format("units '{}': use model or groups", a.units));
  q.model = a.units == "model";
  q.source_gini = a.source_gini;
  q.calibrate = a.calibrate;
  return distrib::inequality_table(s, q);
}

Table inequality_tabulation(const std::string& file, double mean, const std::vector<double>& fractiles) {
  const io::TabulationFile f = io::read_tabulation_csv(file);
  const double mu = mean > 0 ? mean : f.mean;
  if (!(mu > 0)) fail(ErrorKind::usage, fmt::format("{} has no 'average' column: give the overall --mean", file));
  const std::vector<double> ps = fractiles.empty() ? f.p : fractiles;
  for (size_t k = 0; k < ps.size(); ++k)
    if (!(ps[k] >= 0 && ps[k] < 1) || (k > 0 && !(ps[k] > ps[k - 1])))
      fail(ErrorKind::usage, fmt::format("--fractiles: {} must lie in [0, 1) and rise (e.g. 0.1,0.5,0.9,0.99)", ps[k]));
  const distrib::ParetoInterpolation g({f.p, f.threshold, f.bracket_average, mu});
  Table t({"p", "threshold", "top_share", "bottom_share", "bracket_average", "top_average", "inverted_pareto"},
          std::vector<bool>(7, true));
  for (size_t k = 0; k < ps.size(); ++k) {
    const double p = ps[k], next = k + 1 < ps.size() ? ps[k + 1] : 1.0, m = g.top_average_mass(p);
    const double m_next = next < 1 ? g.top_average_mass(next) : 0;
    t.add_row({p, g.quantile(p), g.top_share(p), 1 - g.top_share(p), (m - m_next) / (next - p), m / (1 - p),
               g.inverted_pareto(p)});
  }
  return t;
}

Table gap(const std::string& store, const GapArgs& a) {
  if (a.weights != "population" && a.weights != "none")
    fail(ErrorKind::usage, fmt::format("weights = '{}': use population or none", a.weights));
  const io::DistributionStore s = io::read_distribution_store(io::resolve_distribution_store(store));
  const Table t = distrib::gap_table(s, {a.from, a.to, a.share, a.weights == "population", a.fixed, a.balanced});
  return a.trend ? distrib::gap_trend_table(t) : t;
}

}  // namespace worldsys::api
