#include <fmt/format.h>

#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/formats.hpp"

namespace worldsys::cli {

void add_import(CLI::App& app) {
  struct Args {
    std::string format, dir, year, years, out, system, country;
    bool force = false;
    unsigned threads = 0;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("import", "Parse a published table once into a store (meta.json + .npy matrices)");
  cmd->footer(
      "Examples:\n"
      "  worldsys import wiod2013 ../shared/data/mrio/wiod2013 --year 2011 --out wiod2011\n"
      "  worldsys import wiod2013 ../shared/data/mrio/wiod2013 --years 1995-2011 --out wiod-panel\n"
      "  worldsys import exiobase3 IOT_2022_pxp.zip --out exio2022\n"
      "A panel is a directory with one store per year (wiod-panel/1995, ...). Value added (x - column sums of Z)\n"
      "is added as the stressor value_added. numpy reads every matrix: np.load('wiod2011/Z.npy', mmap_mode='r').");
  std::vector<std::string> formats;
  std::string help = "Source format:";
  for (const auto& f : io::import_formats()) formats.push_back(f.name), help += "\n  " + f.name + ": " + f.summary;
  cmd->add_option("format", args->format, help)->required()->check(CLI::IsMember(formats));
  cmd->add_option("dir", args->dir, "The source: a folder, a zip archive or a file")->required();
  cmd->add_option("--system", args->system, "Table system where a release has several (EXIOBASE: pxp, ixi)");
  cmd->add_option("--country", args->country, "Country of a national table (WIOD 2016 NIOT), e.g. DEU");
  cmd->add_option("--threads", args->threads, "Parse threads (default: all cores)");
  auto* year = cmd->add_option("--year", args->year, "One year, e.g. 2011");
  auto* years = cmd->add_option("--years", args->years, "A range of years for a panel, e.g. 1995-2011");
  year->excludes(years);
  cmd->add_option("--out,-o", args->out, "Store directory to create")->required();
  cmd->add_flag("--force", args->force, "Replace an existing store at --out");
  cmd->callback([args] {
    auto make = [&](std::optional<int> y) {
      Mrio m = io::import_table(args->format, args->dir, {y, args->system, args->country, args->threads});
      m.provenance.command = command_line();
      return m;
    };
    if (args->year.empty() && args->years.empty()) {
      io::write_store(make(std::nullopt), args->out, args->force);
      std::cerr << fmt::format("wrote {}\n", args->out);
      return;
    }
    if (!args->year.empty()) {
      const auto ys = parse_years(args->year);
      if (ys.size() != 1) fail(ErrorKind::usage, "--year takes one year; use --years for a range");
      io::write_store(make(ys[0]), args->out, args->force);
      std::cerr << fmt::format("wrote {} ({})\n", args->out, ys[0]);
      return;
    }
    const auto ys = parse_years(args->years);
    Progress progress("importing");
    io::write_panel(ys, make, args->out, args->force, std::ref(progress));
    std::cerr << fmt::format("wrote panel {} ({} years, {}-{})\n", args->out, ys.size(), ys.front(), ys.back());
  });
}

}  // namespace worldsys::cli
