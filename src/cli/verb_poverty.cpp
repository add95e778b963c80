#include <fmt/format.h>

#include <functional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/aggregate.hpp"
#include "worldsys/distrib/lorenz.hpp"
#include "worldsys/distrib/pareto.hpp"
#include "worldsys/distrib/tables.hpp"
#include "worldsys/io/distributions.hpp"

namespace worldsys::cli {

namespace {

Table grouped_table(const std::string& file, const std::string& columns, double mean, double line,
                    const std::string& method) {
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
  Table t({"method", "headcount", "gap", "severity", "watts", "gini", "median"},
          {false, true, true, true, true, true, true});
  t.add_row({std::string(distrib::name(r.poverty_model)), r.measures.headcount, r.measures.gap, r.measures.severity,
             r.measures.watts, r.gini, r.median});
  return t;
}

// A WID-style tabulation through generalized Pareto interpolation.
Table tabulation_table(const std::string& file, double mean, double line) {
  const io::TabulationFile f = io::read_tabulation_csv(file);
  const double mu = mean > 0 ? mean : f.mean;
  if (!(mu > 0)) fail(ErrorKind::usage, fmt::format("{} has no 'average' column: give the overall --mean", file));
  const distrib::ParetoInterpolation g({f.p, f.threshold, f.bracket_average, mu});
  const distrib::Poverty m = g.poverty(line);
  Table t({"method", "headcount", "gap", "severity", "watts", "gini", "median"},
          {false, true, true, true, true, true, true});
  t.add_row({std::string("pareto"), m.headcount, m.gap, m.severity, m.watts, g.gini(), g.quantile(0.5)});
  return t;
}

}  // namespace

void add_poverty(CLI::App& app) {
  struct Args {
    std::string store, grouped, tabulation, columns, by = "world", year, ppp, method = "auto", estimates = "auto";
    std::string coverage = "survey-3y";
    double line = 0, mean = 0;
    bool convert = false;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("poverty", "Poverty headcount, gap and severity at any line: world, regions, countries");
  cmd->footer(
      "From a distribution store (see `worldsys import pip2011`): at one of the source's own lines (PIP: 1.90,\n"
      "3.20, 5.50) a country takes the source's estimate; at any other line (or with --estimates lorenz) its\n"
      "Lorenz curve fitted to the published decile shares and mean (General Quadratic or Beta, chosen as PIP\n"
      "does). Countries with no data take their region's population-weighted rate.\n"
      "coverage = share of the population with data: --coverage survey-3y (default, PIP's rule) counts a country\n"
      "with a line-up estimate and a survey within 3 years of the year (COVID censoring for 2017-2022); lineup counts\n"
      "every line-up estimate. reported = coverage >= 50 % (the world: also >= 50 % among low + lower-middle income).\n"
      "estimate: computed (aggregated here), published (the source's own World/region line-up estimate) or none.\n"
      "Stores of survey years only (owid-pip2017, wdi) cannot be lined up to a common year, so their World and\n"
      "regions are the source's published estimates at that line and year, or no figure (estimate none).\n"
      "Lines are PPP $ per person per day of a vintage: the international lines (1.90 2011, 2.15 2017, 3.00 2021\n"
      "and higher) are recognised; other lines are taken in the store's vintage unless --ppp says otherwise, and\n"
      "a line of another vintage than the data is refused.\n"
      "--grouped FILE: one distribution from a CSV of cumulative population and welfare shares (fractions or\n"
      "percent), its --mean and a --line in the same currency and period.\n"
      "STORE may name an embedded default when no such directory exists: pip2011 (PIP 2011 PPP line-up, 1990-2019),\n"
      "owid-pip2017 (PIP 2017 PPP survey years, 1990-2021), wdi (WDI 2021 PPP headcounts, 1990-2024); see data/SOURCE.md.\n"
      "Examples:\n"
      "  worldsys poverty pip2011 --line 1.90 --year 1990-2019   # the embedded store\n"
      "  worldsys poverty owid-pip2017 --line 2.15 --year 2019   # OWID's copy of PIP's own World estimate\n"
      "  worldsys poverty owid-pip2017 --line 2.15 --year 2019 --by country --coverage lineup\n"
      "  worldsys import pip2011 ../shared/data/poverty/pip_2011ppp --out pip11\n"
      "  worldsys poverty pip11 --line 1.90 --year 2017\n"
      "  worldsys poverty pip11 --line 3.20 --year 1990-2019 --by region --format csv\n"
      "  worldsys poverty --grouped ../shared/data/poverty/grouped/pip_calculator_example.csv --mean 51.56 --line 57.79\n"
      "  worldsys poverty --grouped datt.csv --columns P,L --mean 109.9 --line 89 --method gq\n"
      "  worldsys poverty --tabulation ../shared/data/poverty/tabulations/us2010_labour_income.csv --line 15000\n"
      "--tabulation FILE: columns p, threshold, bracket_average (and average, or give --mean): the distribution is\n"
      "interpolated by generalized Pareto curves (Blanchet, Fournier & Piketty), so the top follows the data.");
  cmd->add_option("store", a->store, "Distribution store (from `worldsys import`), or an embedded default: pip2011, owid-pip2017, wdi");
  cmd->add_option("--line,-l", a->line, "Poverty line (PPP $ a day for a store; the file's units for --grouped)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--ppp", a->ppp, "PPP vintage of --line: 2005, 2011, 2017, 2021");
  cmd->add_flag("--convert-line", a->convert,
                "Convert a line of another vintage to the data's by the ratio of the international extreme lines "
                "(1.25 2005 = 1.90 2011 = 2.15 2017 = 3.00 2021); exact for the extreme line, approximate above it");
  cmd->add_option("--year,-y", a->year, "Year or range, e.g. 2017 or 1990-2019 (default: every year)");
  cmd->add_option("--by", a->by, "world, region, income-group or country")
      ->check(CLI::IsMember({"world", "region", "income-group", "country"}))
      ->capture_default_str();
  cmd->add_option("--grouped", a->grouped,
                  "CSV (or Stata .dta) of cumulative population and welfare shares (one distribution)");
  cmd->add_option("--tabulation", a->tabulation,
                  "CSV of fractiles p, thresholds and bracket averages (WID style): generalized Pareto interpolation");
  cmd->add_option("--columns", a->columns, "With --grouped: the two column names, e.g. P,L (default: first two)");
  cmd->add_option("--mean", a->mean, "With --grouped: mean welfare")->check(CLI::PositiveNumber);
  cmd->add_option("--method", a->method, "Lorenz curve: auto (PIP's choice), gq or beta")
      ->check(CLI::IsMember({"auto", "gq", "beta"}))
      ->capture_default_str();
  cmd->add_option("--estimates", a->estimates,
                  "auto: the source's own estimates at its lines, Lorenz fits elsewhere; lorenz: always refit")
      ->check(CLI::IsMember({"auto", "lorenz"}))
      ->capture_default_str();
  cmd->add_option("--coverage", a->coverage,
                  "survey-3y: a survey within 3 years of the year (PIP's rule); lineup: any line-up estimate")
      ->check(CLI::IsMember({"survey-3y", "lineup"}))
      ->capture_default_str();
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    if (!a->tabulation.empty()) {
      if (!a->store.empty() || !a->grouped.empty())
        fail(ErrorKind::usage, "give one of STORE, --grouped FILE or --tabulation FILE");
      return emit(tabulation_table(a->tabulation, a->mean, a->line), a->out);
    }
    if (!a->grouped.empty()) {
      if (!a->store.empty()) fail(ErrorKind::usage, "give either a STORE or --grouped FILE, not both");
      if (a->mean <= 0) fail(ErrorKind::usage, "--grouped needs the distribution's --mean");
      return emit(grouped_table(a->grouped, a->columns, a->mean, a->line, a->method), a->out);
    }
    if (a->store.empty()) fail(ErrorKind::usage, "give a distribution STORE, or --grouped FILE --mean M");
    const io::DistributionStore s = io::read_distribution_store(io::resolve_distribution_store(a->store));
    distrib::PovertyQuery q;
    q.line = a->line;
    q.ppp = a->ppp;
    q.convert_line = a->convert;
    if (!a->year.empty()) q.years = parse_years(a->year);
    q.method = distrib::parse_lorenz_method(a->method);
    q.source_estimates = a->estimates == "auto";
    q.by = distrib::parse_grouping(a->by);
    q.coverage = distrib::parse_coverage_rule(a->coverage);
    Progress progress("poverty");
    const Table t = distrib::poverty_table(s, q, a->store, std::ref(progress));
    emit(t, a->out);
  });
}

}  // namespace worldsys::cli
