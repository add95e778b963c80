#include "cli/common.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string_view>

#include "worldsys/api/verbs.hpp"

#include "worldsys/core/error.hpp"
#include "worldsys/io/arrays.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/table_writer.hpp"

namespace worldsys::cli {

void add_format_option(CLI::App* cmd, std::string& format, const std::string& help) {
  cmd->add_option("--format,-f", format, help)->check(CLI::IsMember({"table", "csv", "json"}))->capture_default_str();
}

void add_output_options(CLI::App* cmd, OutputOptions& o) {
  add_format_option(cmd, o.format, "Output format: table (for people), csv (tidy, long) or json");
  cmd->add_option("--out,-o", o.out, "Write to FILE instead of standard output (written atomically)");
}

void add_array_output_options(CLI::App* cmd, OutputOptions& o) {
  cmd->add_option("--format,-f", o.format,
                  "Output format: table (for people), csv (tidy, long), json, or npy (a directory of .npy matrices "
                  "with rows.csv and columns.csv naming their rows and columns: numpy and pandas read them without "
                  "worldsys, at disk speed)")
      ->check(CLI::IsMember({"table", "csv", "json", "npy"}))
      ->capture_default_str();
  cmd->add_option("--out,-o", o.out,
                  "Write to FILE instead of standard output (written atomically); with --format npy, the directory");
}

bool emit_arrays(const OutputOptions& o, const std::function<LabelledArrays()>& make) {
  if (o.format != "npy") return false;
  if (o.out.empty())
    fail(ErrorKind::usage, "--format npy writes a directory of files: give it with --out DIR (e.g. --out footprint)");
  io::write_arrays(o.out, make(), command_line());
  return true;
}

void emit(const Table& t, const OutputOptions& o) {
  const auto f = io::parse_table_format(o.format);
  if (o.out.empty())
    io::write_table(std::cout, t, f);
  else
    io::write_table_file(o.out, t, f);
}

void emit_stream(const OutputOptions& o, const std::function<void(const io::TableSink&)>& produce) {
  const auto f = io::parse_table_format(o.format);
  if (!o.out.empty()) return io::write_table_file(o.out, f, produce);
  io::TableStream s(std::cout, f);
  produce([&](const Table& chunk) { s.write(chunk); });
  s.finish();
}

void add_store_argument(CLI::App* cmd, std::string& store) {
  cmd->add_option("store", store,
                  "Store directory made by `worldsys import` or `worldsys aggregate` (default: the embedded sample "
                  "world, WIOD 2011 in 10 regions x 8 sectors)");
}

void add_panel_options(CLI::App* cmd, std::string& panel, int& from, int& to, std::string& scheduler) {
  cmd->add_option("--panel", panel, "A panel directory (one store per year) instead of STORE");
  cmd->add_option("--from", from, "First year of the panel");
  cmd->add_option("--to", to, "Last year of the panel");
  cmd->add_option("--scheduler", scheduler,
                  "With --panel: compute the years on a Dask distributed cluster, e.g. tcp://10.0.0.5:8786 (the "
                  "stores must be on a filesystem the workers share; needs python3-distributed)");
}

namespace {
// The build's (or installation's) Python package folder: $WORLDSYS_PYTHONPATH, else `python` beside the
// executable (the build tree), else the folder named at build time.
std::string python_path() {
  if (const char* p = std::getenv("WORLDSYS_PYTHONPATH"); p && *p) return p;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec && std::filesystem::exists(exe.parent_path() / "python" / "worldsys" / "dask.py"))
    return (exe.parent_path() / "python").string();
  return WORLDSYS_PYTHON_DIR;
}
}  // namespace

namespace {
// A Dask address: [tcp|tls|ws|wss|ucx://]HOST:PORT, HOST a name, an IPv4 address or a bracketed IPv6 one. Anything
// else would surface as a Python traceback from the runner.
bool is_dask_address(std::string_view a) {
  for (std::string_view scheme : {"tcp://", "tls://", "ws://", "wss://", "ucx://"})
    if (a.starts_with(scheme)) a.remove_prefix(scheme.size());
  const size_t colon = a.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  const std::string_view host = a.substr(0, colon), port = a.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) return false;
  if (host.front() == '[') return host.back() == ']' && host.find_first_not_of("[]0123456789abcdefABCDEF:.") == host.npos;
  return host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == host.npos;
}
}  // namespace

void run_distributed(const std::string& verb, const std::string& args, const std::vector<std::string>& stores,
                     const std::string& scheduler, const OutputOptions& o) {
  if (!is_dask_address(scheduler))
    fail(ErrorKind::usage, fmt::format("--scheduler '{}' is not a Dask scheduler address; give HOST:PORT, e.g. "
                                       "tcp://10.0.0.5:8786 (what `dask scheduler` prints at start)",
                                       scheduler));
  const char* env_python = std::getenv("WORLDSYS_PYTHON");
  const std::string python = env_python && *env_python ? env_python : WORLDSYS_PYTHON;
  std::vector<std::string> argv = {python, "-m", "worldsys.dask", verb, "--args", args, "--scheduler", scheduler,
                                   "--format", o.format};
  if (!o.out.empty()) argv.insert(argv.end(), {"--out", o.out});
  argv.push_back("--");
  argv.insert(argv.end(), stores.begin(), stores.end());
  std::string pythonpath = python_path();
  if (const char* old = std::getenv("PYTHONPATH"); old && *old) pythonpath += std::string(":") + old;
  std::cout.flush();
  const pid_t pid = ::fork();
  if (pid < 0) fail(ErrorKind::io, fmt::format("cannot start {}: {}", python, std::strerror(errno)));
  if (pid == 0) {
    ::setenv("PYTHONPATH", pythonpath.c_str(), 1);
    std::vector<char*> cargv;
    for (auto& s : argv) cargv.push_back(s.data());
    cargv.push_back(nullptr);
    ::execv(python.c_str(), cargv.data());
    std::fprintf(stderr, "worldsys: error: --scheduler runs %s, which cannot be started: %s\n", python.c_str(),
                 std::strerror(errno));
    ::_exit(3);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  // The runner printed its own one-line error; pass its exit code on (2 usage/input, 3 io, 4 numeric).
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0) std::exit(WEXITSTATUS(status));
  if (!WIFEXITED(status)) fail(ErrorKind::io, fmt::format("{} -m worldsys.dask was killed", python));
}

Progress::Progress(std::string label) : label_(std::move(label)), tty_(::isatty(STDERR_FILENO)) {}

Progress::~Progress() {
  if (drawn_) std::cerr << '\n';
}

void Progress::operator()(size_t done, size_t total) {
  if (!tty_ || total == 0) return;
  const size_t width = 30, filled = width * done / total;
  std::cerr << fmt::format("\r{} [{}{}] {}/{}", label_, std::string(filled, '#'), std::string(width - filled, ' '),
                           done, total)
            << std::flush;
  drawn_ = true;
}

namespace {
std::string g_command;
}

void set_command_line(int argc, char** argv) {
  g_command = "worldsys";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    g_command += " " + (a.find_first_of(" \t\"'") == std::string::npos ? a : "'" + a + "'");
  }
}

std::string command_line() { return g_command; }

}  // namespace worldsys::cli
