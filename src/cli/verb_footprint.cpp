#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include <functional>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::cli {

namespace {
void add_precision_option(CLI::App* cmd, std::string& precision) {
  cmd->add_option("--precision", precision,
                  "Factorization: float64; mixed (float32 LU refined to float64 accuracy, faster on large tables); "
                  "float32 (half the memory, ~1e-7 relative error)")
      ->check(CLI::IsMember({"float64", "float32", "mixed"}))
      ->capture_default_str();
}
void add_device_option(CLI::App* cmd, std::string& device) {
  cmd->add_option("--device", device,
                  "Where I - A is factored and solved: cpu, or gpu (an NVIDIA GPU; needs a build with "
                  "-DWORLDSYS_CUDA=ON)")
      ->check(CLI::IsMember({"cpu", "gpu"}))
      ->capture_default_str();
}
}  // namespace

void add_footprint(CLI::App& app) {
  struct Args {
    std::string store, panel, scheduler;
    int from = 0, to = 9999;
    api::FootprintArgs f;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("footprint", "Consumption- and production-based accounts, imports and exports");
  cmd->footer(
      "Columns: cba = consumption-based (embodied in the region's final demand, wherever produced), pba =\n"
      "production-based (within the region), imp/exp = embodied in imports/exports; cba = pba + imp - exp +\n"
      "imbalance. With --pba observed (default) pba is the stressor as published and imbalance carries the table's\n"
      "own imbalance (x - Z1 - Y1 through the model; up to 5 % on WIOD's Malta); with --pba model, pba = S diag(L y)\n"
      "as pymrio's D_pba and imbalance is zero to rounding.\n"
      "--by sector splits each region's accounts by the sector where the stressor arises.\n"
      "Examples:\n"
      "  worldsys footprint                                  # the embedded sample world\n"
      "  worldsys footprint wiod2011 --stressor value_added --format csv --out va.csv\n"
      "  worldsys footprint wiod2011 --groups wiod-north-south\n"
      "  worldsys footprint wiod2011 --multipliers --format csv   # stressor per unit of final demand\n"
      "  worldsys footprint exio-like --by sector --format npy --out fp   # fp/cba.npy ... with rows.csv, columns.csv\n"
      "  worldsys footprint exio-like --device gpu --format csv   # factor and solve on an NVIDIA GPU\n"
      "  worldsys footprint --panel wiod-sea --from 2000 --to 2011 --format csv   # a year column first\n"
      "  worldsys footprint --panel wiod-sea --scheduler tcp://10.0.0.5:8786     # years on a Dask cluster");
  add_store_argument(cmd, a->store);
  add_panel_options(cmd, a->panel, a->from, a->to, a->scheduler);
  cmd->add_option("--stressor,-s", a->f.stressors, "Stressor(s) to account (default: all); see `worldsys info`");
  cmd->add_option("--by", a->f.by, "region or sector")->check(CLI::IsMember({"region", "sector"}))->capture_default_str();
  cmd->add_option("--groups,-g", a->f.groups, "Sum regions into groups: a concordance file or built-in name "
                                              "(`worldsys groups` lists them)");
  cmd->add_flag("--multipliers", a->f.multipliers, "Print the multipliers M = S L instead of the accounts");
  cmd->add_option("--pba", a->f.pba,
                  "Production-based account: observed (the stressor as published) or model (S diag(L y), pymrio's "
                  "D_pba; then cba = pba + imp - exp holds exactly). The imbalance column is cba - (pba + imp - exp)")
      ->check(CLI::IsMember({"observed", "model"}))
      ->capture_default_str();
  add_precision_option(cmd, a->f.precision);
  add_device_option(cmd, a->f.device);
  add_array_output_options(cmd, a->out);
  cmd->callback([a] {
    if (a->panel.empty()) {
      if (!a->scheduler.empty()) fail(ErrorKind::usage, "--scheduler distributes the years of a --panel");
      const Mrio m = api::open_store(a->store);
      if (emit_arrays(a->out, [&] { return api::footprint_arrays(m, a->f); })) return;
      return emit_stream(a->out, [&](const api::TableSink& sink) { api::footprint(m, a->f, sink); });
    }
    if (!a->store.empty()) fail(ErrorKind::usage, "give either STORE or --panel, not both");
    if (a->out.format == "npy") fail(ErrorKind::usage, "--format npy writes one table's arrays; a --panel is csv or json");
    const auto stores = api::panel_stores(a->panel, a->from, a->to);
    if (!a->scheduler.empty()) return run_distributed("footprint", api::to_json(a->f), stores, a->scheduler, a->out);
    Progress progress("footprint");
    emit(api::footprint_panel(stores, a->f, std::ref(progress)), a->out);
  });
}

void add_flows(CLI::App& app) {
  struct Args {
    std::string store;
    api::FlowsArgs f;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("flows", "Bilateral embodied flows: origin region x consuming region");
  cmd->footer(
      "value = the stressor produced in `origin` and embodied in the final demand of `destination`\n"
      "(intermediate trade counted once, through the Leontief inverse). Rows with origin = destination are\n"
      "domestic. Summed over origins they give cba, over destinations pba (less F_Y).\n"
      "Examples:\n"
      "  worldsys flows --stressor value_added --groups world10-north-south\n"
      "  worldsys flows wiod2011 --stressor value_added --groups wiod-north-south --format csv");
  add_store_argument(cmd, a->store);
  cmd->add_option("--stressor,-s", a->f.stressors, "Stressor(s) (default: all)");
  cmd->add_option("--groups,-g", a->f.groups, "Sum regions into groups: a concordance file or built-in name");
  add_precision_option(cmd, a->f.precision);
  add_device_option(cmd, a->f.device);
  add_array_output_options(cmd, a->out);
  cmd->callback([a] {
    const Mrio m = api::open_store(a->store);
    if (emit_arrays(a->out, [&] { return api::flows_arrays(m, a->f); })) return;
    emit_stream(a->out, [&](const api::TableSink& sink) { api::flows(m, a->f, sink); });
  });
}

}  // namespace worldsys::cli
