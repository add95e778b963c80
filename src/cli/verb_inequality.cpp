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
  auto* cmd = app.add_subcommand("inequality", "Gini, Theil and MLD of the world or regions, between and within countries");
  cmd->footer(
      "Units are each country's quantile groups (deciles) at their mean welfare, weighted by population, as in\n"
      "Lakner & Milanovic; inequality inside a decile is not counted, so these are lower bounds. Countries without\n"
      "published shares are left out: coverage = population share included.\n"
      "--decompose adds the exact split of Theil T and MLD into between- and within-country parts\n"
      "(between + within = total).\n"
      "STORE may name an embedded default when no such directory exists: pip2011, owid-pip2017 (data/SOURCE.md).\n"
      "Examples:\n"
      "  worldsys inequality pip2011 --year 1990-2019 --decompose   # the embedded store\n"
      "  worldsys import lakner-milanovic ../shared/data/poverty/lakner_milanovic --out lm\n"
      "  worldsys inequality lm --year 2008 --decompose\n"
      "  worldsys inequality pip11 --year 1990-2019 --by region --format csv\n"
      "  worldsys import wid ../shared/data/poverty/wid --out wid && worldsys inequality wid --year 2021 --by country");
  cmd->add_option("store", a->store, "Distribution store (from `worldsys import`), or an embedded default: pip2011, owid-pip2017")->required();
  cmd->add_option("--year,-y", a->q.year, "Year or range (default: every year)");
  cmd->add_option("--by", a->q.by, "world, region or country")
      ->check(CLI::IsMember({"world", "region", "country"}))
      ->capture_default_str();
  cmd->add_flag("--decompose", a->q.decompose, "Add theil_between, theil_within, mld_between, mld_within");
  add_output_options(cmd, a->out);
  cmd->callback([a] { emit(api::inequality(a->store, a->q), a->out); });
}

}  // namespace worldsys::cli
