// export: a store in another tool's layout (pymrio's save_all folder).
#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/io/pymrio.hpp"

namespace worldsys::cli {

void add_export(CLI::App& app) {
  struct Args {
    std::string format, store, out;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("export", "Write a store in another tool's layout (pymrio)");
  cmd->footer(
      "pymrio: a folder as IOSystem.save_all writes it (Z, Y, x, unit, file_parameters.json, metadata.json, and\n"
      "one extension 'satellites' with F, F_Y and unit), read back by pymrio.load_all(DIR); pymrio.archive(DIR, ZIP)\n"
      "zips it. Numbers are written shortest-exact, so pymrio reads the same doubles. An existing DIR is refused.\n"
      "Example:\n"
      "  worldsys export pymrio wiod2011 wiod2011-pymrio\n"
      "  python3 -c \"import pymrio; io = pymrio.load_all('wiod2011-pymrio'); io.calc_all()\"");
  cmd->add_option("format", a->format, "Target layout: pymrio")->required()->check(CLI::IsMember({"pymrio"}));
  cmd->add_option("store", a->store, "Store to export")->required();
  cmd->add_option("out", a->out, "Folder to create")->required();
  cmd->callback([a] {
    io::export_pymrio(api::open_store(a->store), a->out);
    std::cerr << fmt::format("wrote {} (pymrio folder)\n", a->out);
  });
}

}  // namespace worldsys::cli
