#include <fmt/format.h>


#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/tables.hpp"
#include "worldsys/io/distributions.hpp"

namespace worldsys::cli {

void add_gap(CLI::App& app) {
  struct Args {
    std::string store, weights = "population";
    int from = 0, to = 0;
    double share = 0.1;
    bool trend = false, fixed = false, balanced = false;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("gap", "The gap between rich and poor countries over time");
  cmd->footer(
      "Each country is one unit at its mean (GDP per capita from Maddison or PWT, or the survey mean of a PIP\n"
      "store), so every measure is inequality between countries:\n"
      "  top_bottom     mean of the richest --share over the poorest --share (of world population with\n"
      "                 --weights population, a country straddling the cut counted pro rata; of countries with\n"
      "                 --weights none)\n"
      "  theil, mld, gini  of the country means with those weights (population: Milanovic's concept 2)\n"
      "  sigma          standard deviation of ln(mean) with those weights; falling sigma = sigma convergence\n"
      "--fixed: the richest and poorest --share are the countries that formed them in the first year (straddling\n"
      "  countries pro rata), followed with each year's means; without it the groups are re-ranked every year.\n"
      "--balanced: only countries with a mean in every year of the period (the set otherwise changes over time).\n"
      "--trend prints, per measure, its least-squares slope per year and growth rate per year over the period.\n"
      "STORE may name an embedded default when no such directory exists: maddison (Maddison Project 2020,\n"
      "1950-2018), pip2011, owid-pip2017, wdi (see data/SOURCE.md).\n"
      "Examples:\n"
      "  worldsys gap maddison --from 1950 --to 2018 --trend   # the embedded store\n"
      "  worldsys import maddison ../shared/data/gdp/maddison_2020_owid --out maddison\n"
      "  worldsys gap maddison --from 1960 --to 2018\n"
      "  worldsys gap maddison --from 1960 --to 2018 --weights none --trend\n"
      "  worldsys gap maddison --from 1960 --to 2018 --fixed --balanced\n"
      "  worldsys import pwt ../shared/data/gdp/pwt_10_01_open_numbers --out pwt && worldsys gap pwt --from 1970 --to 2019");
  cmd->add_option("store", a->store, "Store of country means (from `worldsys import maddison|pwt|pip2011`), or an embedded default: maddison, pip2011, owid-pip2017, wdi")->required();
  cmd->add_option("--from", a->from, "First year")->required();
  cmd->add_option("--to", a->to, "Last year")->required();
  cmd->add_option("--share", a->share, "Fraction at each end for top_bottom")->capture_default_str();
  cmd->add_option("--weights", a->weights, "population or none")
      ->check(CLI::IsMember({"population", "none"}))
      ->capture_default_str();
  cmd->add_flag("--trend", a->trend, "Print trends over the period instead of the yearly rows");
  cmd->add_flag("--fixed", a->fixed, "top_bottom of the groups formed in the first year, followed over time");
  cmd->add_flag("--balanced", a->balanced, "Only countries with a mean in every year of the period");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    const DistributionStore s = io::read_distribution_store(io::resolve_distribution_store(a->store));
    const Table t = distrib::gap_table(s, {a->from, a->to, a->share, a->weights == "population", a->fixed, a->balanced});
    emit(a->trend ? distrib::gap_trend_table(t) : t, a->out);
  });
}

}  // namespace worldsys::cli
