#include <fmt/format.h>

#include <cstdlib>
#include <iostream>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/factors.hpp"
#include "worldsys/io/fetch.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::cli {

void add_fetch(CLI::App& app) {
  struct Args {
    std::string source, release, system, cache, mirror, out, zenodo_api = "https://zenodo.org/api";
    int year = 0;
    long stall = 60;
    bool force = false, list = false;
    OutputOptions output;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("fetch", "Download a published table from its official address, verify it, import it");
  cmd->footer(
      "Examples:\n"
      "  worldsys fetch --list                                              (what can be fetched, from where)\n"
      "  worldsys fetch exiobase3 --year 2019 --system pxp                  (into the cache)\n"
      "  worldsys fetch exiobase3 --year 2019 --system pxp --out exio2019   (and import it)\n"
      "  worldsys fetch exiobase3 --release 3.10.2 --year 2023 --out exio2023\n"
      "  worldsys fetch oecd-icio --year 2018 --out icio2018                (a bundle of years; --year picks one)\n"
      "  worldsys fetch figaro --system sut --year 2021 --out figaro2021    (supply and use, converted to IO)\n"
      "  worldsys fetch wiod2016 --year 2014 --out wiod2014\n"
      "Files go to CACHE/SOURCE/RELEASE/ (CACHE: --cache, else $WORLDSYS_CACHE, else ~/.cache/worldsys). Each is\n"
      "checked against the size and checksum the registry pins or the provider's record gives (Zenodo: MD5) before\n"
      "use; a file that fails is deleted. An interrupted download resumes when the same command is run again.\n"
      "Eora and GLORIA need an account: `worldsys fetch eora26` says how to download them by hand.");
  cmd->add_option("source", args->source, "What to fetch: exiobase3, oecd-icio, wiod2016, figaro (eora26, gloria: by hand)");
  cmd->add_flag("--list", args->list, "List the registry: releases, years, systems, addresses and how files are verified");
  cmd->add_option("--year", args->year, "Year");
  cmd->add_option("--release", args->release, "Release (default: the one marked in --list)");
  cmd->add_option("--system", args->system,
                  "Table system: pxp or ixi (EXIOBASE), small or extended (OECD), ind-by-ind, prod-by-prod or sut "
                  "(FIGARO)");
  cmd->add_option("--cache", args->cache, "Download directory");
  cmd->add_option("--mirror", args->mirror, "Fetch FILE from MIRROR/FILE instead of the official address");
  cmd->add_option("--zenodo-api", args->zenodo_api, "Where Zenodo records' metadata is read (a mirror, tests)")
      ->capture_default_str();
  cmd->add_option("--stall-seconds", args->stall, "Give up when the transfer stalls this long");
  cmd->add_option("--out,-o", args->out, "Import into this store after the download");
  cmd->add_flag("--force", args->force, "Replace an existing store at --out");
  add_format_option(cmd, args->output.format, "With --list: table (for people), csv or json");
  cmd->callback([args] {
    if (args->list) return emit(io::fetch_registry_table(), args->output);
    if (args->source.empty() || !args->year)
      fail(ErrorKind::usage, "fetch needs SOURCE and --year (or --list to see what can be fetched)");
    const io::FetchPlan plan = io::plan_fetch(args->source, args->release, args->year, args->system);
    io::FetchOptions o;
    std::filesystem::path cache = args->cache;
    if (cache.empty()) {
      const char* env = std::getenv("WORLDSYS_CACHE");
      const char* home = std::getenv("HOME");
      cache = env ? std::filesystem::path(env) : std::filesystem::path(home ? home : ".") / ".cache/worldsys";
    }
    o.cache = cache / plan.dir;
    o.mirror = args->mirror;
    o.zenodo_api = args->zenodo_api;
    o.stall_seconds = args->stall;
    std::filesystem::path source;
    for (const auto& item : plan.items) {
      Progress progress("downloading " + item.file);
      o.progress = [&](uint64_t done, uint64_t total) { progress(size_t(done >> 10), size_t(total >> 10)); };
      source = io::fetch_file(item, o);
      io::Bundle::open(source);  // a zip that does not open is reported now, not at import
      std::cerr << fmt::format("fetched {}\n", source.string());
    }
    if (args->out.empty()) return;
    if (plan.items.size() > 1) source = o.cache;  // several files of one table (FIGARO supply and use): their folder
    Mrio m = io::import_table(args->source, source, {args->year, plan.system, "", 0});
    add_factors(m, io::factor_rules(args->source));
    m.provenance.command = command_line();
    io::write_store(m, args->out, args->force);
    std::cerr << fmt::format("wrote {}\n", args->out);
  });
}

}  // namespace worldsys::cli
