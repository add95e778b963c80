#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/scenario/scenario.hpp"

namespace worldsys::cli {

void add_scenario(CLI::App& app) {
  struct Args {
    std::vector<std::string> args;
    api::ScenarioArgs s;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("scenario", "A scenario (YAML) against the baseline: accounts or consumer prices");
  cmd->footer(
      "FILE is a scenario in YAML: changes to final demand, technology coefficients, a stressor's intensity or\n"
      "wages for sets of regions/sectors (language reference: docs/scenarios.md). Each account (cba, pba, imp, exp)\n"
      "of the scenario table is printed beside the baseline's; a scenario that changes nothing gives diff = 0 exactly.\n"
      "--prices prints instead the Leontief price model's effect of the scenario's wage changes on consumer prices\n"
      "(final-demand weighted; direct = only the sectors whose wages rose, total = through every supply chain).\n"
      "Examples:\n"
      "  worldsys scenario data/scenarios/southern-wages.yaml --stressor labour_compensation\n"
      "  worldsys scenario data/scenarios/southern-wages.yaml --prices --groups world10-north-south\n"
      "  worldsys scenario wiod2011 my-scenario.yaml --format csv --out diff.csv");
  cmd->add_option("args", a->args, "[STORE] FILE: the table (default: the embedded sample world) and the scenario")
      ->expected(1, 2)
      ->required();
  cmd->add_option("--stressor,-s", a->s.stressors, "Stressor(s) to compare (default: all)");
  cmd->add_option("--groups,-g", a->s.groups, "Rows per group of regions (a concordance file or built-in name)");
  cmd->add_flag("--prices", a->s.prices, "Consumer price effects of the scenario's wage changes instead of accounts");
  cmd->add_option("--final-demand", a->s.final_demand,
                  "--prices: final-demand categories that weight consumer prices (comma list; default: all)")
      ->delimiter(',');
  cmd->add_flag("--by-sector", a->s.by_sector, "--prices: also each sector's producer price change");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    const Mrio m = api::open_store(a->args.size() == 2 ? a->args[0] : "");
    emit(api::scenario(m, scenario::load_scenario(a->args.back()), a->s), a->out);
  });
}

void add_prices(CLI::App& app) {
  struct Args {
    std::string store;
    api::PricesArgs p;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("prices", "Leontief price model: consumer prices after a rise in wages");
  cmd->footer(
      "Cost-push prices p' = p'A + v' (v = value added per unit of output, p = 1 at the table's prices): raising the\n"
      "wage bill of the chosen sectors by dW raises v by dW/x and prices by dp' = dv'(I - A)^-1. Each region's\n"
      "consumer price change is weighted by its final demand (all categories, or --final-demand). --to-level-of sets\n"
      "the wage per hour (--per) of the --in regions to the reference regions' average in the same sector (--by\n"
      "economy: economy-wide); --scale multiplies the wage bill instead. Regions may be names, groups of --groups\n"
      "(default: the North/South split of the table) or \"*\".\n"
      "Examples:\n"
      "  worldsys prices --in South --to-level-of North --groups world10-north-south   # Southern wages to Northern levels\n"
      "  worldsys prices --in CHN --scale 1.1 --format csv        # Chinese wages up 10 %\n"
      "  worldsys prices wiod2011 --in South --to-level-of North --no-cut --final-demand CONS_h");
  add_store_argument(cmd, a->store);
  cmd->add_option("--raise", a->p.raise, "Wage stressor to raise")->capture_default_str();
  cmd->add_option("--in", a->p.in, "Regions (or groups) whose wages rise (comma list)")->delimiter(',')->required();
  cmd->add_option("--to-level-of", a->p.to_level_of, "Reference regions (or groups) whose wage per hour is the target")
      ->delimiter(',');
  cmd->add_option("--scale", a->p.scale, "Multiply the wage bill by this factor instead");
  cmd->add_option("--per", a->p.per, "Quantity of work for --to-level-of")->capture_default_str();
  cmd->add_option("--by", a->p.by, "sector (equal work = same sector) or economy")
      ->check(CLI::IsMember({"sector", "economy"}))
      ->capture_default_str();
  cmd->add_flag("--no-cut", a->p.no_cut, "Never lower a wage already above the reference level");
  cmd->add_option("--groups,-g", a->p.groups, "Region groups for names in --in/--to-level-of, and rows per group");
  cmd->add_option("--final-demand", a->p.final_demand, "Final-demand categories that weight consumer prices")
      ->delimiter(',');
  cmd->add_flag("--by-sector", a->p.by_sector, "Also each sector's producer price change");
  add_output_options(cmd, a->out);
  cmd->callback([a] { emit(api::prices(a->store, a->p), a->out); });
}

}  // namespace worldsys::cli
