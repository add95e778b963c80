#include "support.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <random>
#include <sstream>

namespace worldsys::test {

namespace fs = std::filesystem;

fs::path shared_data() {
  if (const char* env = std::getenv("WORLDSYS_SHARED_DATA")) return env;
  return WORLDSYS_SHARED_DATA;
}

Mrio tiny_mrio() {
  Mrio m;
  m.regions = {"N", "S"};
  m.sectors = {"agri", "manu"};
  m.sector_names = {"Agriculture", "Manufacturing"};
  m.categories = {"hh", "gov"};
  m.unit = "M USD";
  m.Z = Matrix(4, 4);
  // Rows: N/agri, N/manu, S/agri, S/manu.
  const double z[4][4] = {{10, 20, 2, 1}, {5, 30, 1, 6}, {8, 4, 20, 10}, {2, 10, 5, 15}};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) m.Z(i, j) = z[i][j];
  m.Y = Matrix(4, 4);
  const double y[4][4] = {{40, 5, 3, 0}, {60, 10, 8, 2}, {6, 1, 50, 4}, {9, 0, 30, 8}};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) m.Y(i, j) = y[i][j];
  m.x.assign(4, 0.0);
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) m.x[i] += z[i][j] + y[i][j];
  }
  m.stressors = {{"co2", "kt", "", {}}};
  m.F = Matrix(1, 4);
  m.F(0, 0) = 5;
  m.F(0, 1) = 20;
  m.F(0, 2) = 8;
  m.F(0, 3) = 30;
  m.F_Y = Matrix(1, 4);
  m.F_Y(0, 0) = 3;  // N households
  m.F_Y(0, 2) = 1;  // S households
  m.provenance.source = "hand-made test table";
  add_value_added(m);
  return m;
}

TempDir::TempDir() {
  std::random_device rd;
  path = fs::temp_directory_path() / ("worldsys-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

namespace {

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> words;
  std::string w;
  bool in_word = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(w)), w.clear(), in_word = false;
    } else if (c == '\'') {
      const size_t end = s.find('\'', i + 1);
      w += s.substr(i + 1, end - i - 1), i = end, in_word = true;
    } else if (c == '"') {
      for (++i; i < s.size() && s[i] != '"'; ++i) w += s[i] == '\\' && i + 1 < s.size() ? s[++i] : s[i];
      in_word = true;
    } else {
      w += c == '\\' && i + 1 < s.size() ? s[++i] : c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(w));
  return words;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

pid_t start(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err,
            const std::function<void()>& in_child) {
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0) ::_exit(126);
    if (in_child) in_child();
    ::execv(cargv[0], cargv.data());
    ::_exit(127);
  }
  return pid;
}

int finish(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

CliResult run_cli(const std::vector<std::string>& args) {
  TempDir t;
  std::vector<std::string> argv{WORLDSYS_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  const int rc = finish(start(argv, t / "out", t / "err"));
  return {rc, slurp(t / "out"), slurp(t / "err")};
}

CliResult run_cli(const std::string& args) { return run_cli(split_words(args)); }

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace worldsys::test
