// worldsys: the command-line face of the library. Parse, call, print; errors become one line and an exit code.
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <new>

#include "cli/common.hpp"
#include "cli/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"

extern "C" char* openblas_get_config();

namespace {

// A message on one line whatever it quotes: control bytes of file names or contents (CR, NUL, ESC) as \xNN.
std::string printable(const std::string& s) {
  std::string out;
  for (const unsigned char c : s)
    out += c < 0x20 || c == 0x7f ? fmt::format("\\x{:02x}", c) : std::string(1, char(c));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace worldsys;
  CLI::App app{
      "worldsys: the world economy as one system. Footprints and embodied flows from multi-regional input-output "
      "tables.\n\nStart with `worldsys report` (the embedded sample world), then `worldsys import` a real table."};
  app.require_subcommand(1);
  app.set_version_flag("--version", fmt::format("worldsys {} (BLAS/LAPACK: {})", WORLDSYS_VERSION,
                                                openblas_get_config()));
  app.footer("Run `worldsys VERB --help` for a verb's options and an example.");
  cli::add_import(app);
  cli::add_info(app);
  cli::add_footprint(app);
  cli::add_flows(app);
  cli::add_gvc(app);
  cli::add_aggregate(app);
  cli::add_groups(app);
  cli::add_report(app);
  cli::add_synthetic(app);
  cli::add_drain(app);
  cli::add_sensitivity(app);
  cli::add_poverty(app);
  cli::add_inequality(app);
  cli::add_gap(app);
  cli::add_fixture(app);
  cli::add_fetch(app);
  cli::add_claims(app);
  cli::add_scenario(app);
  cli::add_prices(app);
  cli::add_uncertainty(app);
  cli::add_export(app);
  // An empty output path would mean standard output in some verbs and the current directory in others: refused.
  for (auto* verb : app.get_subcommands({}))
    for (const char* name : {"--out", "--figures", "--cache", "out"})
      if (auto* o = verb->get_option_no_throw(name))
        o->check(CLI::Validator(
            [](const std::string& s) { return s.empty() ? std::string("the path is empty; name a file or directory") : ""; },
            ""));
  cli::set_command_line(argc, argv);
  // A file-size limit (ulimit -f) makes a write fail with EFBIG, reported as an io error, instead of killing us.
  ::signal(SIGXFSZ, SIG_IGN);
  io::track_inputs(true);  // --out never replaces what this run reads
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    // One line like every other error, naming the verb's help; any misuse of the command line exits 2.
    std::string verb, message = e.what();
    for (const auto* sub : app.get_subcommands()) verb = sub->get_name();
    std::vector<std::string> verbs;
    for (const auto* sub : app.get_subcommands({})) verbs.push_back(sub->get_name());
    if (argc == 1) message = fmt::format("name a verb: {}; start with `worldsys report`", fmt::join(verbs, ", "));
    if (argc > 1 && argv[1][0] != '-' && std::find(verbs.begin(), verbs.end(), argv[1]) == verbs.end())
      message = fmt::format("unknown verb '{}'; the verbs are {}", argv[1], fmt::join(verbs, ", "));
    std::cerr << "worldsys: error: " << printable(message) << " (see `worldsys " << (verb.empty() ? "" : verb + " ")
              << "--help`)\n";
    return 2;
  } catch (const Error& e) {
    std::cerr << "worldsys: error: " << printable(e.what()) << '\n';
    switch (e.kind()) {
      case ErrorKind::input:
      case ErrorKind::usage: return 2;
      case ErrorKind::io: return 3;
      case ErrorKind::numeric: return 4;
    }
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "worldsys: error: " << printable(e.path1().string()) << ": " << e.code().message() << '\n';
    return 3;
  } catch (const std::bad_alloc&) {
    std::cerr << "worldsys: error: not enough memory for this request (try fewer regions, sectors or draws, or a "
                 "machine with more memory)\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "worldsys: internal error: " << printable(e.what()) << " (please report this)\n";
    return 1;
  }
  return 0;
}
