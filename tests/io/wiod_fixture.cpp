#include "io/wiod_fixture.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include "support.hpp"

namespace worldsys::test {

namespace fs = std::filesystem;

namespace {
std::string block(const Mrio& m, const Matrix& M, const std::vector<std::string>& cols) {
  std::string s = "region,sector";
  for (const auto& c : cols) s += "," + c;
  s += "\n";
  for (size_t i = 0; i < M.rows(); ++i) {
    s += fmt::format("{},{}", m.regions[m.region_of(i)], m.sectors[m.sector_of(i)]);
    for (size_t j = 0; j < M.cols(); ++j) s += fmt::format(",{}", M(i, j));
    s += "\n";
  }
  return s;
}
}  // namespace

void write_wiod_fixture(const Mrio& m, const fs::path& dir, int year, bool gzip_z) {
  fs::create_directories(dir);
  std::string r = "\"index\",\"region\"\n", s = "\"index\",\"sector\",\"wiod_code\",\"name\"\n",
              f = "\"index\",\"fd\",\"name\"\n";
  for (size_t i = 0; i < m.regions.size(); ++i) r += fmt::format("{},\"{}\"\n", i + 1, m.regions[i]);
  for (size_t i = 0; i < m.sectors.size(); ++i) s += fmt::format("{},\"{}\",\"x\",\"{}\"\n", i + 1, m.sectors[i], m.sectors[i]);
  for (size_t i = 0; i < m.categories.size(); ++i) f += fmt::format("{},\"{}\",\"{}\"\n", i + 1, m.categories[i], m.categories[i]);
  write_file(dir / "labels_regions.csv", r);
  write_file(dir / "labels_sectors.csv", s);
  write_file(dir / "labels_finaldemand.csv", f);
  std::vector<std::string> zc, yc;
  for (const auto& reg : m.regions)
    for (const auto& sec : m.sectors) zc.push_back(reg + ":" + sec);
  for (const auto& reg : m.regions)
    for (const auto& c : m.categories) yc.push_back(reg + ":" + c);
  const std::string z = block(m, m.Z, zc);
  if (gzip_z) {
    gzFile g = gzopen((dir / fmt::format("Z_{}.csv.gz", year)).c_str(), "wb");
    gzwrite(g, z.data(), unsigned(z.size()));
    gzclose(g);
  } else {
    write_file(dir / fmt::format("Z_{}.csv", year), z);
  }
  write_file(dir / fmt::format("Y_{}.csv", year), block(m, m.Y, yc));
  Matrix x(m.x.size(), 1);
  for (size_t i = 0; i < m.x.size(); ++i) x(i, 0) = m.x[i];
  write_file(dir / fmt::format("x_{}.csv", year), block(m, x, {"output"}));
}

}  // namespace worldsys::test
