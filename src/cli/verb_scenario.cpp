#include <fmt/format.h>

#include <optional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/scenario/prices.hpp"
#include "worldsys/scenario/scenario.hpp"

namespace worldsys::cli {

namespace {
std::optional<Concordance> region_groups(const std::string& groups, const Mrio& m) {
  if (groups.empty()) return std::nullopt;
  return io::load_groups(groups, m.regions, m.provenance.year);
}
scenario::PriceOptions price_options(const std::vector<std::string>& categories, const std::optional<Concordance>& g,
                                     bool by_sector) {
  scenario::PriceOptions o;
  o.categories = categories;
  o.groups = g ? &*g : nullptr;
  o.by_sector = by_sector;
  return o;
}
}  // namespace

void add_scenario(CLI::App& app) {
  struct Args {
    std::vector<std::string> args;
    std::string groups;
    std::vector<std::string> stressors, final_demand;
    bool prices = false, by_sector = false;
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
  cmd->add_option("--stressor,-s", a->stressors, "Stressor(s) to compare (default: all)");
  cmd->add_option("--groups,-g", a->groups, "Rows per group of regions (a concordance file or built-in name)");
  cmd->add_flag("--prices", a->prices, "Consumer price effects of the scenario's wage changes instead of accounts");
  cmd->add_option("--final-demand", a->final_demand,
                  "--prices: final-demand categories that weight consumer prices (comma list; default: all)")
      ->delimiter(',');
  cmd->add_flag("--by-sector", a->by_sector, "--prices: also each sector's producer price change");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    const std::string store = a->args.size() == 2 ? a->args[0] : "";
    const Mrio m = open_store(store);
    const scenario::Scenario s = scenario::load_scenario(a->args.back());
    const auto g = region_groups(a->groups, m);
    if (a->prices)
      return emit(scenario::price_effects(m, scenario::price_shock(m, s), price_options(a->final_demand, g, a->by_sector)),
                  a->out);
    scenario::DiffOptions o;
    o.stressors = a->stressors;
    o.groups = g ? &*g : nullptr;
    emit(scenario::scenario_diff(m, s, o), a->out);
  });
}

void add_prices(CLI::App& app) {
  struct Args {
    std::string store, raise = "labour_compensation", per = "labour_hours", by = "sector", groups;
    std::vector<std::string> in, to_level_of, final_demand;
    double scale = 0;
    bool no_cut = false, by_sector = false;
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
  cmd->add_option("--raise", a->raise, "Wage stressor to raise")->capture_default_str();
  cmd->add_option("--in", a->in, "Regions (or groups) whose wages rise (comma list)")->delimiter(',')->required();
  cmd->add_option("--to-level-of", a->to_level_of, "Reference regions (or groups) whose wage per hour is the target")
      ->delimiter(',');
  cmd->add_option("--scale", a->scale, "Multiply the wage bill by this factor instead");
  cmd->add_option("--per", a->per, "Quantity of work for --to-level-of")->capture_default_str();
  cmd->add_option("--by", a->by, "sector (equal work = same sector) or economy")
      ->check(CLI::IsMember({"sector", "economy"}))
      ->capture_default_str();
  cmd->add_flag("--no-cut", a->no_cut, "Never lower a wage already above the reference level");
  cmd->add_option("--groups,-g", a->groups, "Region groups for names in --in/--to-level-of, and rows per group");
  cmd->add_option("--final-demand", a->final_demand, "Final-demand categories that weight consumer prices")
      ->delimiter(',');
  cmd->add_flag("--by-sector", a->by_sector, "Also each sector's producer price change");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    if (a->to_level_of.empty() == (a->scale == 0))
      fail(ErrorKind::usage, "give exactly one of --to-level-of REGIONS or --scale FACTOR");
    const Mrio m = open_store(a->store);
    scenario::Scenario s;
    s.name = "prices";
    s.origin = "command line";
    s.groups = a->groups;
    scenario::Change c;
    c.kind = scenario::ChangeKind::wage;
    c.stressors = {a->raise};
    c.where = Position{"--raise"};
    for (const auto& r : a->in)
      if (r != "*") c.regions.items.push_back(r), c.regions.where.push_back(Position{"--in"});
    for (const auto& r : a->to_level_of)
      c.to_level_of.items.push_back(r), c.to_level_of.where.push_back(Position{"--to-level-of"});
    if (a->scale != 0) c.scale = a->scale;
    c.per = a->per;
    c.by_sector = a->by == "sector";
    c.no_cut = a->no_cut;
    s.changes.push_back(c);
    const std::string shown = a->groups.empty() && !a->to_level_of.empty() ? io::default_north_south(m.regions) : a->groups;
    std::optional<Concordance> g;
    if (!shown.empty()) {
      try {
        g = region_groups(shown, m);
      } catch (const Error&) {
        if (!a->groups.empty()) throw;  // the default split may not fit this table: then no group rows
      }
    }
    emit(scenario::price_effects(m, scenario::price_shock(m, s), price_options(a->final_demand, g, a->by_sector)),
         a->out);
  });
}

}  // namespace worldsys::cli
