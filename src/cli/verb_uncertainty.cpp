#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"

namespace worldsys::cli {

void add_uncertainty(CLI::App& app) {
  struct Args {
    std::string store;
    api::UncertaintyArgs u;
    bool no_rebalance = false;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("uncertainty", "Monte Carlo intervals for footprints and the drain");
  cmd->footer(
      "Each draw multiplies every non-zero cell of Z, Y, F and F_Y by exp(s e - s^2/2), e ~ N(0,1) (log-normal,\n"
      "mean-preserving: E = the published value, relative sd ~ s), rebalances output (x = Z1 + Y1 + the table's own\n"
      "imbalance) and recomputes the accounts (and with --drain the drain). Draw d of --seed S is the same on any\n"
      "machine and thread count: each cell's number is a hash of (seed, draw, matrix, cell). Columns: baseline (the\n"
      "table as published), mean, sd, p2_5, p50, p97_5 over the draws. Error model: docs/scenarios.md.\n"
      "Examples:\n"
      "  worldsys uncertainty --draws 200 --sigma 0.1 --stressor labour_hours --groups world10-north-south\n"
      "  worldsys uncertainty --draws 500 --seed 7 --drain --valuation northern-prices,wage-gap --stressor value_added\n"
      "  worldsys uncertainty wiod2011 --sigma-z 0.05 --sigma-y 0.05 --sigma-f 0.2 --format csv --out mc.csv\n"
      "  worldsys uncertainty eora2015 --cell-sd     # per-cell sd from the store's Z_sd.npy, Y_sd.npy, F_sd.npy");
  add_store_argument(cmd, a->store);
  cmd->add_option("--draws,-n", a->u.draws, "Number of draws")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--seed", a->u.seed, "Seed: the same seed gives the same draws")->capture_default_str();
  cmd->add_option("--sigma", a->u.sigma, "Log-normal relative error of every cell (Z, Y, F)")->capture_default_str();
  cmd->add_option("--sigma-z", a->u.sigma_z, "... of Z only (default: --sigma)");
  cmd->add_option("--sigma-y", a->u.sigma_y, "... of Y only (default: --sigma)");
  cmd->add_option("--sigma-f", a->u.sigma_f, "... of F and F_Y only (default: --sigma)");
  cmd->add_flag("--cell-sd", a->u.cell_sd,
                "Use per-cell standard deviations stored beside the table (Z_sd.npy, Y_sd.npy, F_sd.npy, F_Y_sd.npy; "
                "each present one replaces its sigma)");
  cmd->add_flag("--no-rebalance", a->no_rebalance, "Keep x as published (A and S absorb the perturbation)");
  cmd->add_option("--stressor,-s", a->u.stressors, "Stressor(s) for cba/pba intervals (default: all)");
  cmd->add_option("--groups,-g", a->u.groups,
                  "Also rows per group of regions; with --drain, the North/South groups (default: the table's "
                  "North/South split)");
  cmd->add_flag("--drain", a->u.drain, "Intervals for the drain (net appropriation and its value)");
  cmd->add_option("--valuation", a->u.valuations, "Drain valuations: northern-prices, global-prices, wage-gap")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--factor", a->u.factor, "Drain: factor embodied in trade")->capture_default_str();
  cmd->add_option("--north", a->u.north, "Drain: name of the North group")->capture_default_str();
  cmd->add_option("--south", a->u.south, "Drain: name of the South group")->capture_default_str();
  cmd->add_option("--threads", a->u.threads, "Threads (0: every core); results do not depend on it");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    a->u.rebalance = !a->no_rebalance;
    emit(api::uncertainty(a->store, a->u), a->out);
  });
}

}  // namespace worldsys::cli
