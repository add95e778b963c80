#include "support.hpp"

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

CliResult run_cli(const std::string& args) {
  TempDir t;
  const std::string cmd =
      std::string(WORLDSYS_BIN) + " " + args + " >" + (t / "out").string() + " 2>" + (t / "err").string();
  const int status = std::system(cmd.c_str());
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  return {WEXITSTATUS(status), slurp(t / "out"), slurp(t / "err")};
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

}  // namespace worldsys::test
