#pragma once
// What every verb shares: output options, the store argument, progress on a terminal.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <string>

#include "worldsys/core/arrays.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/core/table.hpp"

namespace worldsys::cli {

struct OutputOptions {
  std::string format = "table";
  std::string out;  // empty: standard output
};
// Adds --format (table, csv or json) alone, for a verb whose --out means something else.
void add_format_option(CLI::App* cmd, std::string& format, const std::string& help);
// Adds --format and --out to a verb.
void add_output_options(CLI::App* cmd, OutputOptions& o);
// The same with --format npy too: a directory of labelled matrices (io/arrays.hpp), for large numeric results.
void add_array_output_options(CLI::App* cmd, OutputOptions& o);
// With --format npy: the arrays into --out (a usage error without it); false for the other formats.
bool emit_arrays(const OutputOptions& o, const std::function<LabelledArrays()>& make);
// Prints or writes (atomically) a table as the options say.
void emit(const Table& t, const OutputOptions& o);
// The same for rows a producer hands to a sink in chunks: written as they come (CSV, JSON), never held whole.
void emit_stream(const OutputOptions& o, const std::function<void(const std::function<void(const Table&)>&)>& produce);

// Adds the optional positional STORE (default: the embedded sample world; open it with api::open_store).
void add_store_argument(CLI::App* cmd, std::string& store);

// Adds --panel DIR, --from, --to and --scheduler tcp://HOST:PORT (years on a Dask cluster).
void add_panel_options(CLI::App* cmd, std::string& panel, int& from, int& to, std::string& scheduler);
// Runs `verb` with JSON arguments `args` on each store as one task of a Dask cluster at `scheduler`, through
// `python3 -m worldsys.dask` (the CLI cannot speak Dask's protocol), which prints or writes what `emit` would.
void run_distributed(const std::string& verb, const std::string& args, const std::vector<std::string>& stores,
                     const std::string& scheduler, const OutputOptions& o);

// Progress on stderr, drawn only when stderr is a terminal; silent when piped.
class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();
  void operator()(size_t done, size_t total);

 private:
  std::string label_;
  bool tty_;
  bool drawn_ = false;
};

// The command line as typed, for provenance.
std::string command_line();
void set_command_line(int argc, char** argv);

}  // namespace worldsys::cli
