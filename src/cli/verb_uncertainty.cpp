#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"

namespace worldsys::cli {

void add_uncertainty(CLI::App& app) {
  struct Args {
    std::string store;
    api::UncertaintyArgs u;
    bool no_rebalance = false;
    std::string solves;
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
      "A draw is a small change to the published table, so its systems are solved by iterative refinement on the\n"
      "published table's LU (no factorization per draw) wherever that converges fast enough, and by the draw's own\n"
      "LU elsewhere; both give the direct solve's results (to a relative residual of 1e-13). --solves FILE lists\n"
      "how each draw was solved and the contraction rate seen (the spectral radius of (I - A)^-1 dA).\n"
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
  cmd->add_option("--solver", a->u.solver,
                  "refine: on the published table's LU, factoring a draw only where refinement does not pay; "
                  "factor: every draw's own LU (slower; the same results)")
      ->check(CLI::IsMember({"refine", "factor"}))
      ->capture_default_str();
  cmd->add_option("--solves", a->solves,
                  "Also write how each draw was solved to this CSV file (draw, solver, iterations, contraction, "
                  "residual)");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    a->u.rebalance = !a->no_rebalance;
    const scenario::MonteCarlo mc = api::uncertainty(a->store, a->u);
    if (!a->solves.empty()) emit(mc.draws, {"csv", a->solves});
    emit(mc.intervals, a->out);
  });
}

}  // namespace worldsys::cli
