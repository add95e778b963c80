#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/fetch.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::cli {

void add_fetch(CLI::App& app) {
  struct Args {
    std::string source, system, cache, mirror, out;
    int year = 0;
    long stall = 60;
    bool force = false;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("fetch", "Download a published table from its official address, verify it, import it");
  cmd->footer(
      "Examples:\n"
      "  worldsys fetch exiobase3 --year 2019 --system pxp                  (into the cache)\n"
      "  worldsys fetch exiobase3 --year 2019 --system pxp --out exio2019   (and import it)\n"
      "Interrupted downloads resume when the command is run again. The cache is $WORLDSYS_CACHE, else\n"
      "~/.cache/worldsys. Eora needs an account and is downloaded by hand; `worldsys fetch SOURCE` says so.");
  cmd->add_option("source", args->source, "What to fetch (exiobase3; others say where to download by hand)")->required();
  cmd->add_option("--year", args->year, "Year")->required();
  cmd->add_option("--system", args->system, "Table system (EXIOBASE: pxp or ixi)");
  cmd->add_option("--cache", args->cache, "Download directory");
  cmd->add_option("--mirror", args->mirror, "Fetch FILE from MIRROR/FILE instead of the official address");
  cmd->add_option("--stall-seconds", args->stall, "Give up when the transfer stalls this long");
  cmd->add_option("--out,-o", args->out, "Import into this store after the download");
  cmd->add_flag("--force", args->force, "Replace an existing store at --out");
  cmd->callback([args] {
    io::FetchOptions o;
    o.cache = args->cache;
    if (o.cache.empty()) {
      const char* env = std::getenv("WORLDSYS_CACHE");
      const char* home = std::getenv("HOME");
      o.cache = env ? std::filesystem::path(env) : std::filesystem::path(home ? home : ".") / ".cache/worldsys";
    }
    o.mirror = args->mirror;
    o.stall_seconds = args->stall;
    Progress progress("downloading");
    o.progress = [&](uint64_t done, uint64_t total) { progress(size_t(done >> 10), size_t(total >> 10)); };
    for (const auto& item : io::fetch_items(args->source, args->year, args->system)) {
      const auto path = io::fetch_file(item, o);
      io::Bundle::open(path);  // a zip that does not open is reported now, not at import
      std::cerr << fmt::format("fetched {}\n", path.string());
      if (!args->out.empty()) {
        Mrio m = io::import_table(args->source, path, {args->year, args->system, "", 0});
        m.provenance.command = command_line();
        io::write_store(m, args->out, args->force);
        std::cerr << fmt::format("wrote {}\n", args->out);
      }
    }
  });
}

}  // namespace worldsys::cli
