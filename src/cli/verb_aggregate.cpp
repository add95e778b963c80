#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::cli {

void add_aggregate(CLI::App& app) {
  struct Args {
    std::string store, regions, sectors, out;
    bool force = false, float32 = false;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("aggregate", "Sum a store's regions and/or sectors into groups, as a new store");
  cmd->footer(
      "A concordance is a CSV (member,group; '*' for all others; # comments) or YAML (group: [members]) file,\n"
      "or a built-in name (`worldsys groups` lists them).\n"
      "Example (how the embedded sample world is made):\n"
      "  worldsys aggregate wiod2011 --regions wiod-world10 --sectors wiod-sectors8 --out world10");
  cmd->add_option("store", a->store, "Store to aggregate")->required();
  cmd->add_option("--regions,-r", a->regions, "Region concordance (file or built-in name)");
  cmd->add_option("--sectors", a->sectors, "Sector concordance (file or built-in name)");
  cmd->add_option("--out,-o", a->out, "Store directory to create")->required();
  cmd->add_flag("--force", a->force, "Replace an existing store at --out");
  cmd->add_flag("--float32", a->float32, "Store the matrices as float32 (half the disk; `worldsys import --help`)");
  cmd->callback([a] {
    if (a->regions.empty() && a->sectors.empty())
      fail(ErrorKind::usage, "nothing to aggregate: give --regions and/or --sectors");
    const Mrio m = api::open_store(a->store);
    Concordance r, s;
    if (!a->regions.empty()) r = io::load_concordance(a->regions, m.regions, "region");
    if (!a->sectors.empty()) s = io::load_concordance(a->sectors, m.sectors, "sector");
    Mrio out = aggregate(m, a->regions.empty() ? nullptr : &r, a->sectors.empty() ? nullptr : &s);
    out.provenance.command = command_line();
    io::write_store(out, a->out, a->force, a->float32 ? io::StoreDtype::float32 : io::StoreDtype::float64);
    std::cerr << fmt::format("wrote {} ({} regions x {} sectors)\n", a->out, out.regions.size(), out.sectors.size());
  });
}

void add_groups(CLI::App& app) {
  auto* cmd = app.add_subcommand("groups", "List the built-in region groups and sector concordances");
  cmd->footer("Use a name with --groups, --regions or --sectors; copy one as a start for your own file.");
  cmd->callback([] {
    for (const auto& [name, description] : io::builtin_concordances())
      std::cout << fmt::format("{:<22} {}\n", name, description);
  });
}

}  // namespace worldsys::cli
