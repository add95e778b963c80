#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::cli {

void add_inequality(CLI::App& app) {
  struct Args {
    std::string store, tabulation;
    double mean = 0;
    std::vector<double> fractiles;
    api::InequalityArgs q;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("inequality",
                                  "Gini, percentiles, shares, Atkinson, polarization of the world, regions, countries");
  cmd->footer(
      "Each country is its distribution as `worldsys poverty` models it (its survey's deciles scaled to the year's\n"
      "mean, one Lorenz curve; no-survey economies the source's log-logistic) in 100 equal-population bins at their\n"
      "exact means, pooled by population: the world's mean, p10, median, p90 ($ a day), Gini, Theil, MLD, Palma,\n"
      "top 10 % and bottom 40 % shares, Atkinson (aversion 0.5, 1, 2) and Wolfson polarization. --units groups\n"
      "takes each country's published quantile groups at their means instead (Lakner & Milanovic's convention:\n"
      "inequality inside a decile is not counted, a lower bound). coverage = population share included.\n"
      "--decompose adds the exact split of Theil T and MLD into between- and within-country parts\n"
      "(between + within = total). --source-gini adds the source's own Gini of a country's survey (PIP: from\n"
      "microdata) where the year stands on one survey.\n"
      "STORE may name an embedded default when no such directory exists: pip2021, pip2011, owid-pip2017\n"
      "(data/SOURCE.md).\n"
      "Examples:\n"
      "  worldsys inequality pip2021 --year 2024                     # the world's distribution in 2024\n"
      "  worldsys inequality pip2021 --year 2024 --by country --source-gini --format csv\n"
      "  worldsys inequality pip2011 --year 1990-2019 --decompose   # the embedded store\n"
      "  worldsys import lakner-milanovic ../shared/data/poverty/lakner_milanovic --out lm\n"
      "  worldsys inequality lm --year 2008 --decompose\n"
      "  worldsys inequality pip11 --year 1990-2019 --by region --format csv\n"
      "  worldsys import wid ../shared/data/poverty/wid --out wid && worldsys inequality wid --year 2021 --by country\n"
      "  worldsys inequality --tabulation ../shared/data/poverty/tabulations/us2010_labour_income.csv \\\n"
      "      --fractiles 0.25,0.5,0.9,0.99,0.999\n"
      "--tabulation FILE (columns p, threshold, bracket_average, and average or --mean): generalized Pareto\n"
      "interpolation (Blanchet, Fournier & Piketty) read at --fractiles: threshold, top and bottom shares, the\n"
      "average of each bracket (to the next fractile, the last to the top), the top average and the inverted\n"
      "Pareto coefficient b(p), as WID's gpinter tabulates them.");
  cmd->add_option("store", a->store,
                  "Distribution store (from `worldsys import`), or an embedded default: pip2021, pip2011, owid-pip2017");
  cmd->add_option("--tabulation", a->tabulation, "A WID-style tabulation (CSV) instead of a store");
  cmd->add_option("--fractiles", a->fractiles, "With --tabulation: the ranks to read, e.g. 0.25,0.9,0.99,0.999")
      ->delimiter(',');
  cmd->add_option("--mean", a->mean, "With --tabulation: the overall mean, when the file has no 'average' column")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--year,-y", a->q.year, "Year or range (default: every year)");
  cmd->add_option("--by", a->q.by, "world, region or country")
      ->check(CLI::IsMember({"world", "region", "country"}))
      ->capture_default_str();
  cmd->add_flag("--decompose", a->q.decompose, "Add theil_between, theil_within, mld_between, mld_within");
  cmd->add_option("--units", a->q.units,
                  "model: each country's fitted distribution in 100 bins; groups: its quantile groups at their means")
      ->check(CLI::IsMember({"model", "groups"}))
      ->capture_default_str();
  cmd->add_flag("!--no-calibrate", a->q.calibrate,
                "Each country's model from its deciles alone, not calibrated to the source's headcounts at its lines");
  cmd->add_flag("--source-gini", a->q.source_gini, "Add source_gini: the source's own Gini of a country's survey");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    if (!a->tabulation.empty()) {
      if (!a->store.empty()) fail(ErrorKind::usage, "give either a STORE or --tabulation FILE, not both");
      return emit(api::inequality_tabulation(a->tabulation, a->mean, a->fractiles), a->out);
    }
    if (a->store.empty()) fail(ErrorKind::usage, "give a distribution STORE, or --tabulation FILE");
    if (!a->fractiles.empty() || a->mean > 0) fail(ErrorKind::usage, "--fractiles and --mean go with --tabulation");
    emit(api::inequality(a->store, a->q), a->out);
  });
}

}  // namespace worldsys::cli
