#include <functional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::cli {

void add_poverty(CLI::App& app) {
  struct Args {
    std::string store, grouped, tabulation, columns;
    double mean = 0;
    api::PovertyArgs p;
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
  cmd->add_option("--line,-l", a->p.line, "Poverty line (PPP $ a day for a store; the file's units for --grouped)")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--ppp", a->p.ppp, "PPP vintage of --line: 2005, 2011, 2017, 2021");
  cmd->add_flag("--convert-line", a->p.convert_line,
                "Convert a line of another vintage to the data's by the ratio of the international extreme lines "
                "(1.25 2005 = 1.90 2011 = 2.15 2017 = 3.00 2021); exact for the extreme line, approximate above it");
  cmd->add_option("--year,-y", a->p.year, "Year or range, e.g. 2017 or 1990-2019 (default: every year)");
  cmd->add_option("--by", a->p.by, "world, region, income-group or country")
      ->check(CLI::IsMember({"world", "region", "income-group", "country"}))
      ->capture_default_str();
  cmd->add_option("--grouped", a->grouped,
                  "CSV (or Stata .dta) of cumulative population and welfare shares (one distribution)");
  cmd->add_option("--tabulation", a->tabulation,
                  "CSV of fractiles p, thresholds and bracket averages (WID style): generalized Pareto interpolation");
  cmd->add_option("--columns", a->columns, "With --grouped: the two column names, e.g. P,L (default: first two)");
  cmd->add_option("--mean", a->mean, "With --grouped: mean welfare")->check(CLI::PositiveNumber);
  cmd->add_option("--method", a->p.method, "Lorenz curve: auto (PIP's choice), gq or beta")
      ->check(CLI::IsMember({"auto", "gq", "beta"}))
      ->capture_default_str();
  cmd->add_option("--estimates", a->p.estimates,
                  "auto: the source's own estimates at its lines, Lorenz fits elsewhere; lorenz: always refit")
      ->check(CLI::IsMember({"auto", "lorenz"}))
      ->capture_default_str();
  cmd->add_option("--coverage", a->p.coverage,
                  "survey-3y: a survey within 3 years of the year (PIP's rule); lineup: any line-up estimate")
      ->check(CLI::IsMember({"survey-3y", "lineup"}))
      ->capture_default_str();
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    if (!a->tabulation.empty()) {
      if (!a->store.empty() || !a->grouped.empty())
        fail(ErrorKind::usage, "give one of STORE, --grouped FILE or --tabulation FILE");
      return emit(api::poverty_tabulation(a->tabulation, a->mean, a->p.line), a->out);
    }
    if (!a->grouped.empty()) {
      if (!a->store.empty()) fail(ErrorKind::usage, "give either a STORE or --grouped FILE, not both");
      return emit(api::poverty_grouped(a->grouped, a->columns, a->mean, a->p.line, a->p.method), a->out);
    }
    if (a->store.empty()) fail(ErrorKind::usage, "give a distribution STORE, or --grouped FILE --mean M");
    Progress progress("poverty");
    emit(api::poverty(a->store, a->p, std::ref(progress)), a->out);
  });
}

}  // namespace worldsys::cli
