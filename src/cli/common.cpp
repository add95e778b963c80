#include "cli/common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <iostream>
#include <regex>

#include "worldsys/core/error.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/table_writer.hpp"

namespace worldsys::cli {

void add_output_options(CLI::App* cmd, OutputOptions& o) {
  cmd->add_option("--format,-f", o.format, "Output format: table (for people), csv (tidy, long) or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  cmd->add_option("--out,-o", o.out, "Write to FILE instead of standard output (written atomically)");
}

void emit(const Table& t, const OutputOptions& o) {
  const auto f = io::parse_table_format(o.format);
  if (o.out.empty())
    io::write_table(std::cout, t, f);
  else
    io::write_table_file(o.out, t, f);
}

void add_store_argument(CLI::App* cmd, std::string& store) {
  cmd->add_option("store", store,
                  "Store directory made by `worldsys import` or `worldsys aggregate` (default: the embedded sample "
                  "world, WIOD 2011 in 10 regions x 8 sectors)");
}

Mrio open_store(const std::string& store) {
  return io::read_store(store.empty() ? io::default_store_path() : std::filesystem::path(store));
}

std::vector<int> parse_years(const std::string& spec) {
  std::smatch m;
  if (std::regex_match(spec, m, std::regex(R"((\d{4})(?:\s*[-:]\s*(\d{4}))?)"))) {
    const int a = std::stoi(m[1]), b = m[2].matched ? std::stoi(m[2]) : a;
    if (a <= b) {
      std::vector<int> years;
      for (int y = a; y <= b; ++y) years.push_back(y);
      return years;
    }
  }
  fail(ErrorKind::usage, fmt::format("cannot read years '{}'; write one year (2011) or a range (1995-2011)", spec));
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
