#include <fmt/format.h>

#include <iostream>

#include "cli/verbs.hpp"
#include "worldsys/io/formats.hpp"

namespace worldsys::cli {

void add_fixture(CLI::App& app) {
  struct Args {
    std::string format, out;
    io::FixtureOptions o;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("fixture", "Write a small random table in a published layout (for tests and demos)");
  cmd->footer(
      "Examples:\n"
      "  worldsys fixture exiobase3 --out fx --regions 3 --sectors 4      (fx/IOT_2022_pxp.zip)\n"
      "  worldsys import exiobase3 fx/IOT_2022_pxp.zip --out exio\n"
      "The numbers are random; the layout (header rows, label columns, separators, units files, zip structure)\n"
      "follows the provider's documentation as summarised in docs/formats.md.");
  std::vector<std::string> names;
  std::string help = "Format (variants, first is the default):";
  for (const auto& f : io::fixture_formats()) names.push_back(f.name), help += "\n  " + f.name + " (" + f.variants + ")";
  cmd->add_option("format", args->format, help)->required()->check(CLI::IsMember(names));
  cmd->add_option("--out,-o", args->out, "Directory to write into")->required();
  cmd->add_option("--regions", args->o.regions, "Number of regions")->check(CLI::Range(1, 500));
  cmd->add_option("--sectors", args->o.sectors, "Number of sectors")->check(CLI::Range(1, 500));
  cmd->add_option("--seed", args->o.seed, "Random seed");
  cmd->add_option("--year", args->o.year, "Year in file names");
  cmd->add_option("--variant", args->o.variant, "Release layout (see the format list)");
  cmd->add_option("--precision", args->o.precision, "Significant digits (0: shortest exact, 12: like pymrio)");
  cmd->add_flag("--unpacked", args->o.unpacked, "Write a folder instead of the published zip");
  cmd->callback([args] {
    const auto fx = io::write_fixture(args->format, args->out, args->o);
    std::cout << fx.path.string() << '\n';
  });
}

}  // namespace worldsys::cli
