#include <functional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::cli {

namespace {
// --grouped and --tabulation measure one distribution at one line.
double one_line(const api::PovertyArgs& p) {
  if (p.lines.size() != 1) fail(ErrorKind::usage, "--grouped and --tabulation take one --line");
  return p.lines[0];
}
}  // namespace

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
      "From a distribution store (see `worldsys import pip2021`): every country-year is one distribution, its\n"
      "survey's decile shares scaled to the line-up mean (two bracketing surveys stacked with time weights, as PIP\n"
      "does), each fitted once with a Lorenz curve (General Quadratic or Beta: the valid one with the smaller error\n"
      "over all points), so a headcount is continuous and non-decreasing in the line, at every line the same method.\n"
      "Economies without a survey take the source's prediction (PIP's log-logistic CMD distribution, recovered from\n"
      "its headcounts; --no-survey region: their region's rate, PIP's rule until June 2025); countries without any\n"
      "data take their region's population-weighted rate (estimate imputed; --no-impute leaves their rows empty).\n"
      "--estimates source: at the source's own lines (PIP 2021: 3.00, 4.20, 8.30) a country takes the source's\n"
      "estimate, computed from its microdata (estimate source); only there.\n"
      "--share P: the line below which the share P of each group lives (column line): the exact inverse of the\n"
      "headcount, e.g. the line under which half the world lives.\n"
      "coverage = share of the population with a survey: --coverage survey-3y (default, PIP's rule) counts a country\n"
      "with a line-up estimate and a survey within 3 years of the year (COVID censoring for 2017-2022); lineup counts\n"
      "every line-up estimate. imputed = population share whose figure is a prediction (no survey).\n"
      "reported = coverage >= 50 % (the world: also >= 50 % among low + lower-middle income). estimate_type: the\n"
      "source's label (actual, projection, nowcast: PIP 2021's 2025-26 are nowcasts).\n"
      "Stores of survey years only (owid-pip2017, wdi) cannot be lined up to a common year, so their World and\n"
      "regions are the source's published estimates at that line and year, or no figure (estimate none).\n"
      "Lines are PPP $ per person per day of a vintage: the international lines (1.90 2011, 2.15 2017, 3.00 2021\n"
      "and higher) are recognised; other lines are taken in the store's vintage unless --ppp says otherwise, and\n"
      "a line of another vintage than the data is refused.\n"
      "--grouped FILE: one distribution from a CSV of cumulative population and welfare shares (fractions or\n"
      "percent), its --mean and a --line in the same currency and period (PIP's choice of curve at that line).\n"
      "STORE may name an embedded default when no such directory exists: pip2021 (PIP 2021 PPP line-up, March 2026,\n"
      "1990-2026), pip2011 (PIP 2011 PPP line-up, 1990-2019), owid-pip2017 (PIP 2017 PPP survey years, 1990-2021),\n"
      "wdi (WDI 2021 PPP headcounts, 1990-2024); see data/SOURCE.md.\n"
      "Examples:\n"
      "  worldsys poverty pip2021 --line 3 --year 2024                # the world below $3.00 a day\n"
      "  worldsys poverty pip2021 --line 3,4.2,8.3 --year 1990-2026 --by region --format csv\n"
      "  worldsys poverty pip2021 --share 0.5 --year 2024             # the line below which half the world lives\n"
      "  worldsys poverty pip2021 --line 3 --year 2024 --by country --country NGA --country IND\n"
      "  worldsys poverty owid-pip2017 --line 2.15 --year 2019   # OWID's copy of PIP's own World estimate\n"
      "  worldsys import pip2011 ../shared/data/poverty/pip_2011ppp --out pip11\n"
      "  worldsys poverty pip11 --line 1.90 --year 2017 --estimates source\n"
      "  worldsys poverty --grouped ../shared/data/poverty/grouped/pip_calculator_example.csv --mean 51.56 --line 57.79\n"
      "  worldsys poverty --grouped datt.csv --columns P,L --mean 109.9 --line 89 --method gq\n"
      "  worldsys poverty --tabulation ../shared/data/poverty/tabulations/us2010_labour_income.csv --line 15000\n"
      "--tabulation FILE: columns p, threshold, bracket_average (and average, or give --mean): the distribution is\n"
      "interpolated by generalized Pareto curves (Blanchet, Fournier & Piketty), so the top follows the data.");
  cmd->add_option("store", a->store,
                  "Distribution store (from `worldsys import`), or an embedded default: pip2021, pip2011, owid-pip2017, wdi");
  cmd->add_option("--line,-l", a->p.lines,
                  "Poverty line(s), PPP $ a day for a store (3 or 2.15,3,4.2,8.3); the file's units for --grouped")
      ->delimiter(',')
      ->check(CLI::PositiveNumber);
  cmd->add_option("--share", a->p.share, "Instead of a line: the line below which this share (0-1) of each group lives")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--country", a->p.countries, "With --by country: only this economy (ISO3, repeatable or a,b)")
      ->delimiter(',');
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
  cmd->add_option("--method", a->p.method,
                  "Lorenz curve: auto (per distribution, the valid fit with the smaller error; --grouped: PIP's choice "
                  "at the line), gq or beta")
      ->check(CLI::IsMember({"auto", "gq", "beta"}))
      ->capture_default_str();
  cmd->add_option("--estimates", a->p.estimates,
                  "model: every country from its distribution at every line; source: the source's own estimates at "
                  "its lines (elsewhere the model). auto and lorenz: the old names of source and model")
      ->check(CLI::IsMember({"model", "source", "auto", "lorenz"}))
      ->capture_default_str();
  cmd->add_option("--no-survey", a->p.no_survey,
                  "Economies without a survey: model (the source's predicted distribution, PIP since Sept 2025) or "
                  "region (their region's rate, PIP until June 2025)")
      ->check(CLI::IsMember({"model", "region"}))
      ->capture_default_str();
  cmd->add_option("--names", a->p.names,
                  "Column names: pip (as PIP's API and pipr: country_code or region_code, reporting_year, "
                  "poverty_line, poverty_gap, poverty_severity, pop_in_poverty) or worldsys (group, year, line, gap, "
                  "severity, poor: the names before 2027, kept for one release)")
      ->check(CLI::IsMember({"pip", "worldsys"}))
      ->capture_default_str();
  cmd->add_flag("!--no-calibrate", a->p.calibrate,
                "Each country's model from its deciles alone, not calibrated to the source's headcounts at its lines");
  cmd->add_flag("!--no-impute", a->p.impute, "Country rows without data stay empty instead of showing their region's rate");
  cmd->add_option("--coverage", a->p.coverage,
                  "survey-3y: a survey within 3 years of the year (PIP's rule); lineup: any line-up estimate")
      ->check(CLI::IsMember({"survey-3y", "lineup"}))
      ->capture_default_str();
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    if (!a->tabulation.empty()) {
      if (!a->store.empty() || !a->grouped.empty())
        fail(ErrorKind::usage, "give one of STORE, --grouped FILE or --tabulation FILE");
      return emit(api::poverty_tabulation(a->tabulation, a->mean, one_line(a->p)), a->out);
    }
    if (!a->grouped.empty()) {
      if (!a->store.empty()) fail(ErrorKind::usage, "give either a STORE or --grouped FILE, not both");
      return emit(api::poverty_grouped(a->grouped, a->columns, a->mean, one_line(a->p), a->p.method), a->out);
    }
    if (a->store.empty()) fail(ErrorKind::usage, "give a distribution STORE, or --grouped FILE --mean M");
    Progress progress("poverty");
    emit(api::poverty(a->store, a->p, std::ref(progress)), a->out);
  });
}

}  // namespace worldsys::cli
