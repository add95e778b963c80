#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"

namespace worldsys::cli {

void add_inequality(CLI::App& app) {
  struct Args {
    std::string store;
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
      "  worldsys import wid ../shared/data/poverty/wid --out wid && worldsys inequality wid --year 2021 --by country");
  cmd->add_option("store", a->store,
                  "Distribution store (from `worldsys import`), or an embedded default: pip2021, pip2011, owid-pip2017")
      ->required();
  cmd->add_option("--year,-y", a->q.year, "Year or range (default: every year)");
  cmd->add_option("--by", a->q.by, "world, region or country")
      ->check(CLI::IsMember({"world", "region", "country"}))
      ->capture_default_str();
  cmd->add_flag("--decompose", a->q.decompose, "Add theil_between, theil_within, mld_between, mld_within");
  cmd->add_option("--units", a->q.units,
                  "model: each country's fitted distribution in 100 bins; groups: its quantile groups at their means")
      ->check(CLI::IsMember({"model", "groups"}))
      ->capture_default_str();
  cmd->add_flag("--source-gini", a->q.source_gini, "Add source_gini: the source's own Gini of a country's survey");
  add_output_options(cmd, a->out);
  cmd->callback([a] { emit(api::inequality(a->store, a->q), a->out); });
}

}  // namespace worldsys::cli
