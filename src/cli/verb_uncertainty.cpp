#include <fmt/format.h>

#include <optional>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/scenario/uncertainty.hpp"

namespace worldsys::cli {

void add_uncertainty(CLI::App& app) {
  struct Args {
    std::string store, groups, north = "North", south = "South", factor = "labour_hours";
    std::vector<std::string> stressors, valuations{"northern-prices"};
    double sigma = 0.1;
    std::optional<double> sigma_z, sigma_y, sigma_f;
    size_t draws = 200;
    uint64_t seed = 1;
    unsigned threads = 0;
    bool drain = false, cell_sd = false, no_rebalance = false;
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
  cmd->add_option("--draws,-n", a->draws, "Number of draws")->capture_default_str()->check(CLI::PositiveNumber);
  cmd->add_option("--seed", a->seed, "Seed: the same seed gives the same draws")->capture_default_str();
  cmd->add_option("--sigma", a->sigma, "Log-normal relative error of every cell (Z, Y, F)")->capture_default_str();
  cmd->add_option("--sigma-z", a->sigma_z, "... of Z only (default: --sigma)");
  cmd->add_option("--sigma-y", a->sigma_y, "... of Y only (default: --sigma)");
  cmd->add_option("--sigma-f", a->sigma_f, "... of F and F_Y only (default: --sigma)");
  cmd->add_flag("--cell-sd", a->cell_sd,
                "Use per-cell standard deviations stored beside the table (Z_sd.npy, Y_sd.npy, F_sd.npy, F_Y_sd.npy; "
                "each present one replaces its sigma)");
  cmd->add_flag("--no-rebalance", a->no_rebalance, "Keep x as published (A and S absorb the perturbation)");
  cmd->add_option("--stressor,-s", a->stressors, "Stressor(s) for cba/pba intervals (default: all)");
  cmd->add_option("--groups,-g", a->groups,
                  "Also rows per group of regions; with --drain, the North/South groups (default: the table's "
                  "North/South split)");
  cmd->add_flag("--drain", a->drain, "Intervals for the drain (net appropriation and its value)");
  cmd->add_option("--valuation", a->valuations, "Drain valuations: northern-prices, global-prices, wage-gap")
      ->delimiter(',')
      ->capture_default_str();
  cmd->add_option("--factor", a->factor, "Drain: factor embodied in trade")->capture_default_str();
  cmd->add_option("--north", a->north, "Drain: name of the North group")->capture_default_str();
  cmd->add_option("--south", a->south, "Drain: name of the South group")->capture_default_str();
  cmd->add_option("--threads", a->threads, "Threads (0: every core); results do not depend on it");
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    const std::filesystem::path dir = a->store.empty() ? io::default_store_path() : std::filesystem::path(a->store);
    const Mrio m = open_store(a->store);
    scenario::ErrorModel e;
    e.sigma_Z = a->sigma_z.value_or(a->sigma);
    e.sigma_Y = a->sigma_y.value_or(a->sigma);
    e.sigma_F = a->sigma_f.value_or(a->sigma);
    e.rebalance = !a->no_rebalance;
    if (a->cell_sd) {
      size_t found = 0;
      for (auto [name, target] : {std::pair{"Z_sd", &e.Z_sd}, {"Y_sd", &e.Y_sd}, {"F_sd", &e.F_sd}, {"F_Y_sd", &e.F_Y_sd}})
        if (auto sd = io::read_store_matrix(dir, name)) *target = std::move(*sd), ++found;
      if (!found)
        fail(ErrorKind::usage, fmt::format("--cell-sd: {} holds no Z_sd.npy, Y_sd.npy, F_sd.npy or F_Y_sd.npy",
                                           dir.string()));
    }
    scenario::UncertaintyOptions o;
    o.stressors = a->stressors;
    o.threads = a->threads;
    std::optional<Concordance> g;
    if (!a->groups.empty() || a->drain)
      g = io::load_groups(a->groups.empty() ? io::default_north_south(m.regions) : a->groups, m.regions,
                          m.provenance.year);
    if (g) o.groups = &*g;
    if (a->drain) {
      o.partition = exchange::make_partition(*g, a->north, a->south);
      o.drain.factor = a->factor;
      for (const auto& v : a->valuations) {
        const auto val = exchange::parse_valuation(v);
        if (val == exchange::Valuation::erdi)
          fail(ErrorKind::usage, "--valuation erdi needs PWT price levels; not available in uncertainty yet");
        o.valuations.push_back(val);
      }
    }
    emit(scenario::uncertainty(m, e, a->seed, a->draws, o), a->out);
  });
}

}  // namespace worldsys::cli
