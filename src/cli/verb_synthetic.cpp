#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/accounts/synthetic.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::cli {

void add_synthetic(CLI::App& app) {
  struct Args {
    SyntheticShape shape;
    std::string out;
    bool force = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("synthetic", "Generate a synthetic MRIO store with a real table's structure");
  cmd->footer(
      "For benchmarks and tests at any size; the default shape is EXIOBASE pxp (49 x 200, 7 final-demand\n"
      "categories, 1,100 stressors, about 1.3 GB of store).\n"
      "Examples:\n"
      "  worldsys synthetic --out exio-like\n"
      "  worldsys synthetic --regions 6 --sectors 15 --stressors 20 --seed 7 --out small");
  cmd->add_option("--regions", a->shape.regions, "Number of regions")->capture_default_str();
  cmd->add_option("--sectors", a->shape.sectors, "Sectors (products) per region")->capture_default_str();
  cmd->add_option("--categories", a->shape.categories, "Final-demand categories per region")->capture_default_str();
  cmd->add_option("--stressors", a->shape.stressors, "Satellite rows (value_added is added)")->capture_default_str();
  cmd->add_option("--seed", a->shape.seed, "Random seed: the same seed gives the same table")->capture_default_str();
  cmd->add_option("--out,-o", a->out, "Store directory to create")->required();
  cmd->add_flag("--force", a->force, "Replace an existing store at --out");
  cmd->callback([a] {
    Mrio m = synthetic_mrio(a->shape);
    m.provenance.command = command_line();
    io::write_store(m, a->out, a->force);
    std::cerr << fmt::format("wrote {} ({} regions x {} sectors, {} stressors)\n", a->out, m.regions.size(),
                             m.sectors.size(), m.stressors.size());
  });
}

}  // namespace worldsys::cli
