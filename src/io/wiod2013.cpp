#include "worldsys/io/wiod2013.hpp"

#include <fmt/format.h>

#include <regex>
#include <set>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

// WIOD 2013's 35 industries (ISIC rev.3 groupings); the CSV labels them c1..c35.
const char* const kSectorNames[35] = {
    "Agriculture, hunting, forestry and fishing",
    "Mining and quarrying",
    "Food, beverages and tobacco",
    "Textiles and textile products",
    "Leather, leather products and footwear",
    "Wood and products of wood and cork",
    "Pulp, paper, printing and publishing",
    "Coke, refined petroleum and nuclear fuel",
    "Chemicals and chemical products",
    "Rubber and plastics",
    "Other non-metallic minerals",
    "Basic metals and fabricated metal",
    "Machinery n.e.c.",
    "Electrical and optical equipment",
    "Transport equipment",
    "Manufacturing n.e.c.; recycling",
    "Electricity, gas and water supply",
    "Construction",
    "Sale, maintenance and repair of motor vehicles; retail sale of fuel",
    "Wholesale trade, except motor vehicles",
    "Retail trade, except motor vehicles; repair of household goods",
    "Hotels and restaurants",
    "Inland transport",
    "Water transport",
    "Air transport",
    "Supporting and auxiliary transport; travel agencies",
    "Post and telecommunications",
    "Financial intermediation",
    "Real estate activities",
    "Renting of machinery and equipment; other business activities",
    "Public administration and defence; compulsory social security",
    "Education",
    "Health and social work",
    "Other community, social and personal services",
    "Private households with employed persons",
};

// Reads a labels file: a header, then rows whose column `col` holds the label.
std::vector<std::string> read_labels(const fs::path& path, size_t col) {
  CsvReader csv(read_text(path), path.string());
  if (!csv.next()) fail(ErrorKind::input, fmt::format("{}: empty file", path.string()));
  std::vector<std::string> out;
  while (csv.next()) out.emplace_back(csv.field(col));
  if (out.empty()) fail(ErrorKind::input, fmt::format("{}: no labels after the header", path.string()));
  return out;
}

// Reads a matrix with two label columns whose rows must be exactly regions x sectors in order and whose
// header must be exactly `columns` after the two label columns.
Matrix read_block(const fs::path& path, const std::vector<std::string>& regions, const std::vector<std::string>& sectors,
                  const std::vector<std::string>& columns) {
  CsvReader csv(read_text(path), path.string());
  if (!csv.next()) fail(ErrorKind::input, fmt::format("{}: empty file", path.string()));
  csv.expect_fields(columns.size() + 2, "region, sector and one column per label");
  for (size_t j = 0; j < columns.size(); ++j)
    if (csv.field(j + 2) != columns[j])
      fail_at(csv.position(j + 2),
              fmt::format("expected column '{}', found '{}'; labels out of order or from another release", columns[j],
                          csv.field(j + 2)));
  const size_t n = regions.size() * sectors.size();
  Matrix m(n, columns.size());
  size_t i = 0;
  while (csv.next()) {
    if (i == n) fail_at(csv.position(0), fmt::format("more rows than the {} regions x sectors", n));
    csv.expect_fields(columns.size() + 2, "region, sector and one value per column");
    const auto& reg = regions[i / sectors.size()];
    const auto& sec = sectors[i % sectors.size()];
    if (csv.field(0) != reg || csv.field(1) != sec)
      fail_at(csv.position(0), fmt::format("expected row '{},{}', found '{},{}'; rows out of order", reg, sec,
                                           csv.field(0), csv.field(1)));
    for (size_t j = 0; j < columns.size(); ++j) m(i, j) = csv.number(j + 2);
    ++i;
  }
  if (i != n)
    fail(ErrorKind::input, fmt::format("{}: {} data rows, expected {} (regions x sectors); is the file truncated?",
                                       path.string(), i, n));
  return m;
}

}  // namespace

Mrio read_wiod2013(const fs::path& dir, int year) {
  if (!fs::is_directory(dir)) fail(ErrorKind::input, fmt::format("{}: no such directory", dir.string()));
  Mrio m;
  m.regions = read_labels(find_variant(dir, "labels_regions", {".csv", ".csv.gz"}), 1);
  m.sectors = read_labels(find_variant(dir, "labels_sectors", {".csv", ".csv.gz"}), 1);
  m.categories = read_labels(find_variant(dir, "labels_finaldemand", {".csv", ".csv.gz"}), 1);
  m.unit = "M USD";
  for (size_t s = 0; s < m.sectors.size(); ++s)
    m.sector_names.push_back(m.sectors.size() == 35 ? kSectorNames[s] : m.sectors[s]);

  std::vector<std::string> zcols, ycols;
  for (const auto& r : m.regions)
    for (const auto& s : m.sectors) zcols.push_back(r + ":" + s);
  for (const auto& r : m.regions)
    for (const auto& c : m.categories) ycols.push_back(r + ":" + c);
  const std::string y = std::to_string(year);
  const fs::path zpath = find_variant(dir, "Z_" + y, {".csv.gz", ".csv"}),
                 ypath = find_variant(dir, "Y_" + y, {".csv.gz", ".csv"}),
                 xpath = find_variant(dir, "x_" + y, {".csv", ".csv.gz"});
  m.Z = read_block(zpath, m.regions, m.sectors, zcols);
  m.Y = read_block(ypath, m.regions, m.sectors, ycols);
  Matrix x = read_block(xpath, m.regions, m.sectors, {"output"});
  for (const auto& p : {zpath, ypath, xpath}) m.provenance.inputs.push_back(fingerprint(p));
  m.x.assign(x.data(), x.data() + x.size());

  m.F = Matrix(0, m.n());
  m.F_Y = Matrix(0, m.Y.cols());
  add_value_added(m);
  m.provenance.source = fmt::format("WIOD 2013 release, world input-output table {} (Timmer et al. 2015)", year);
  m.provenance.licence = "CC BY 4.0; cite Timmer, Dietzenbacher, Los, Stehrer & de Vries (2015), Rev. Int. Econ. 23:575-605";
  m.provenance.year = year;
  validate(m, dir.string() + " (year " + y + ")");
  return m;
}

std::vector<int> wiod2013_years(const fs::path& dir) {
  std::set<int> z, yy, x;
  std::regex pat(R"(([ZYx])_(\d{4})\.csv(\.gz)?)");
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::smatch mm;
    const std::string name = e.path().filename().string();
    if (!std::regex_match(name, mm, pat)) continue;
    const int year = std::stoi(mm[2]);
    (mm[1] == "Z" ? z : mm[1] == "Y" ? yy : x).insert(year);
  }
  std::vector<int> years;
  for (int year : z)
    if (yy.count(year) && x.count(year)) years.push_back(year);
  return years;
}

}  // namespace worldsys::io
