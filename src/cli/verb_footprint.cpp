#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/accounts/tables.hpp"
#include "worldsys/io/classification.hpp"

namespace worldsys::cli {

namespace {
AccountsOptions selection(const Mrio& m, const std::vector<std::string>& names, bool multipliers,
                          const std::string& precision, const std::string& device) {
  AccountsOptions opt;
  opt.precision = parse_precision(precision);
  opt.device = parse_device(device);
  for (const auto& n : names) opt.stressors.push_back(m.stressor_index(n));
  opt.multipliers = multipliers;
  return opt;
}
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
    std::string store, by = "region", groups, precision = "float64", device = "cpu";
    std::vector<std::string> stressors;
    bool multipliers = false;
    OutputOptions out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("footprint", "Consumption- and production-based accounts, imports and exports");
  cmd->footer(
      "Columns: cba = consumption-based (embodied in the region's final demand, wherever produced), pba =\n"
      "production-based (within the region), imp/exp = embodied in imports/exports; cba = pba + imp - exp.\n"
      "--by sector splits each region's accounts by the sector where the stressor arises.\n"
      "Examples:\n"
      "  worldsys footprint                                  # the embedded sample world\n"
      "  worldsys footprint wiod2011 --stressor value_added --format csv --out va.csv\n"
      "  worldsys footprint wiod2011 --groups wiod-north-south\n"
      "  worldsys footprint wiod2011 --multipliers --format csv   # stressor per unit of final demand\n"
      "  worldsys footprint exio-like --device gpu --format csv   # factor and solve on an NVIDIA GPU");
  add_store_argument(cmd, a->store);
  cmd->add_option("--stressor,-s", a->stressors, "Stressor(s) to account (default: all); see `worldsys info`");
  cmd->add_option("--by", a->by, "region or sector")->check(CLI::IsMember({"region", "sector"}))->capture_default_str();
  cmd->add_option("--groups,-g", a->groups, "Sum regions into groups: a concordance file or built-in name "
                                            "(`worldsys groups` lists them)");
  cmd->add_flag("--multipliers", a->multipliers, "Print the multipliers M = S L instead of the accounts");
  add_precision_option(cmd, a->precision);
  add_device_option(cmd, a->device);
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    const Mrio m = open_store(a->store);
    const Accounts acc = compute_accounts(m, selection(m, a->stressors, a->multipliers, a->precision, a->device));
    if (a->multipliers) return emit(multipliers_table(m, acc), a->out);
    if (a->groups.empty()) return emit(footprint_table(m, acc, a->by == "sector"), a->out);
    const Concordance g = io::load_groups(a->groups, m.regions, m.provenance.year);
    emit(footprint_table(m, acc, a->by == "sector", &g), a->out);
  });
}

void add_flows(CLI::App& app) {
  struct Args {
    std::string store, groups, precision = "float64", device = "cpu";
    std::vector<std::string> stressors;
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
  cmd->add_option("--stressor,-s", a->stressors, "Stressor(s) (default: all)");
  cmd->add_option("--groups,-g", a->groups, "Sum regions into groups: a concordance file or built-in name");
  add_precision_option(cmd, a->precision);
  add_device_option(cmd, a->device);
  add_output_options(cmd, a->out);
  cmd->callback([a] {
    const Mrio m = open_store(a->store);
    const Accounts acc = compute_accounts(m, selection(m, a->stressors, false, a->precision, a->device));
    if (a->groups.empty()) return emit(flows_table(m, acc), a->out);
    const Concordance g = io::load_groups(a->groups, m.regions, m.provenance.year);
    emit(flows_table(m, acc, &g), a->out);
  });
}

}  // namespace worldsys::cli
