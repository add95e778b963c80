// FIGARO flat (long) files and supply-use files: flat import equals matrix import cell for cell; supply and use give
// a balanced industry-by-industry table that matches a hand computation; damaged flat files are refused with
// file:line:column and leave no store.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/formats.hpp"

namespace worldsys {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

io::FixtureOptions options(const std::string& variant, bool unpacked = false) {
  io::FixtureOptions o;
  o.variant = variant;
  o.unpacked = unpacked;
  o.regions = 4;  // includes FIGW1
  o.sectors = 3;
  o.seed = 7;
  return o;
}

void expect_identical(const Mrio& a, const Mrio& b) {
  EXPECT_EQ(a.regions, b.regions);
  EXPECT_EQ(a.sectors, b.sectors);
  EXPECT_EQ(a.sector_names, b.sector_names);
  EXPECT_EQ(a.categories, b.categories);
  EXPECT_EQ(a.unit, b.unit);
  EXPECT_TRUE(a.Z == b.Z);
  EXPECT_TRUE(a.Y == b.Y);
  EXPECT_EQ(a.x, b.x);
  ASSERT_EQ(a.stressors.size(), b.stressors.size());
  for (size_t k = 0; k < a.stressors.size(); ++k) {
    EXPECT_EQ(a.stressors[k].name, b.stressors[k].name);
    EXPECT_EQ(a.stressors[k].unit, b.stressors[k].unit);
    EXPECT_EQ(a.stressors[k].note, b.stressors[k].note);
  }
  EXPECT_TRUE(a.F == b.F);
  EXPECT_TRUE(a.F_Y == b.F_Y);
  EXPECT_EQ(a.provenance.year, b.provenance.year);
}

TEST(FigaroFlat, EqualsTheMatrixFileEveryValue) {
  for (const std::string system : {"ind-by-ind", "prod-by-prod"})
    for (bool unpacked : {false, true}) {
      TempDir tmp;
      const auto mx = io::write_fixture("figaro", tmp / "matrix", options(system));
      const auto fl = io::write_fixture("figaro", tmp / "flat", options("flat-" + system, unpacked));
      EXPECT_EQ(fl.path.extension(), unpacked ? ".csv" : ".zip");
      const Mrio a = io::import_table("figaro", mx.path, {std::nullopt, system, "", 1});
      const Mrio b = io::import_table("figaro", fl.path, {std::nullopt, system, "", 1});
      expect_identical(a, b);
      EXPECT_NE(b.provenance.source.find("flat file"), std::string::npos) << b.provenance.source;
      // The fixture's numbers, too.
      EXPECT_TRUE(b.Z == fl.expected.Z);
      EXPECT_EQ(b.x, fl.expected.x);
    }
}

TEST(FigaroFlat, SystemPicksTheFileAndMatrixWinsOverFlat) {
  TempDir tmp;
  const auto ixi = io::write_fixture("figaro", tmp.path, options("flat-ind-by-ind"));
  const auto pxp = io::write_fixture("figaro", tmp.path, options("flat-prod-by-prod", true));
  const Mrio a = io::import_table("figaro", tmp.path, {2022, "ixi", "", 1});
  const Mrio b = io::import_table("figaro", tmp.path, {2022, "pxp", "", 1});
  EXPECT_EQ(a.sectors[0], "A01");
  EXPECT_EQ(b.sectors[0], "CPA_A01");
  EXPECT_TRUE(a.Z == ixi.expected.Z);
  EXPECT_TRUE(b.Z == pxp.expected.Z);
  io::write_fixture("figaro", tmp.path, options("ind-by-ind"));  // same numbers as the matrix file
  const Mrio c = io::import_table("figaro", tmp.path, {2022, "ind-by-ind", "", 1});
  EXPECT_NE(c.provenance.source.find("matrix"), std::string::npos) << c.provenance.source;
  expect_identical(a, c);
}

// Row sums and column sums: Z 1 + Y 1 = x and 1'Z + value added = x.
void expect_balanced(const Mrio& m, double tol) {
  const auto zr = m.Z.row_sums(), yr = m.Y.row_sums(), zc = m.Z.col_sums(), fc = m.F.col_sums();
  for (size_t i = 0; i < m.n(); ++i) {
    EXPECT_NEAR(zr[i] + yr[i], m.x[i], tol * m.x[i]) << "row " << i;
    EXPECT_NEAR(zc[i] + fc[i], m.x[i], tol * m.x[i]) << "column " << i;
  }
}

TEST(FigaroSut, BalancedIndustryTableUnderFixedProductSalesStructures) {
  for (const std::string variant : {"sut", "flat-sut"})
  for (bool unpacked : {false, true}) {
    TempDir tmp;
    const auto fx = io::write_fixture("figaro", tmp.path, options(variant, unpacked));
    const Mrio m = io::import_table("figaro", fx.path, {std::nullopt, "sut", "", 1});
    EXPECT_EQ(m.sectors, fx.expected.sectors);  // industries, not CPA_ products
    EXPECT_EQ(m.regions, fx.expected.regions);
    EXPECT_EQ(m.stressors.size(), 6u);
    for (size_t j = 0; j < m.n(); ++j)
      for (size_t i = 0; i < m.n(); ++i) ASSERT_NEAR(m.Z(i, j), fx.expected.Z(i, j), 1e-12 * (1 + fx.expected.Z(i, j)));
    for (size_t i = 0; i < m.n(); ++i) EXPECT_NEAR(m.x[i], fx.expected.x[i], 1e-12 * fx.expected.x[i]);
    EXPECT_TRUE(m.F == fx.expected.F);
    EXPECT_TRUE(m.F_Y == fx.expected.F_Y);
    expect_balanced(m, 1e-12);
    EXPECT_NE(m.provenance.source.find("fixed product sales structures"), std::string::npos);
    EXPECT_NE(m.provenance.source.find(variant == "sut" ? "matrix files" : "flat files"), std::string::npos);
    EXPECT_EQ(m.provenance.year, 2022);
  }
}

TEST(FigaroSut, MatrixFilesEqualFlatFilesEveryValue) {
  TempDir tmp;
  io::write_fixture("figaro", tmp / "matrix", options("sut"));
  io::write_fixture("figaro", tmp / "flat", options("flat-sut"));
  const Mrio a = io::import_table("figaro", tmp / "matrix", {2022, "sut", "", 1});
  const Mrio b = io::import_table("figaro", tmp / "flat", {2022, "sut", "", 1});
  expect_identical(a, b);
  // Both present: the matrix files are read (the same numbers, faster).
  io::write_fixture("figaro", tmp / "flat", options("sut"));
  EXPECT_NE(io::import_table("figaro", tmp / "flat", {2022, "sut", "", 1}).provenance.source.find("matrix files"),
            std::string::npos);
}

// A CSV file as a grid of fields, and back.
std::vector<std::vector<std::string>> read_grid(const fs::path& p) {
  std::ifstream in(p);
  std::vector<std::vector<std::string>> cells;
  for (std::string line; std::getline(in, line);) {
    auto& f = cells.emplace_back();
    for (size_t a = 0, b = 0; a <= line.size(); a = b + 1) {
      b = std::min(line.find(',', a), line.size());
      f.push_back(line.substr(a, b - a));
    }
  }
  return cells;
}
void write_grid(const fs::path& p, const std::vector<std::vector<std::string>>& cells) {
  std::ofstream out(p);
  for (const auto& f : cells) {
    for (size_t k = 0; k < f.size(); ++k) out << (k ? "," : "") << f[k];
    out << '\n';
  }
}

// Z(i, j) of `b` at the labels of a's cell (i, j): tables whose areas and codes come in another order.
double z_by_label(const Mrio& a, const Mrio& b, size_t i, size_t j) {
  auto at = [&](size_t k) {
    const auto r = std::find(b.regions.begin(), b.regions.end(), a.regions[a.region_of(k)]) - b.regions.begin();
    const auto s = std::find(b.sectors.begin(), b.sectors.end(), a.sectors[a.sector_of(k)]) - b.sectors.begin();
    return size_t(r) * b.sectors.size() + size_t(s);
  };
  return b.Z(at(i), at(j));
}

TEST(FigaroSut, MatrixFilesAreReadByLabelInAnyOrder) {
  TempDir tmp;
  io::write_fixture("figaro", tmp.path, options("sut"));
  const Mrio a = io::import_table("figaro", tmp.path, {2022, "sut", "", 1});
  // Rows (after the header) reversed, columns (after the label column) rotated by one.
  auto shuffle = [&](const char* f) {
    auto g = read_grid(tmp / f);
    ASSERT_GE(g.size(), 2u) << f;
    for (auto& row : g) std::rotate(row.begin() + 1, row.begin() + 2, row.end());
    std::reverse(g.begin() + 1, g.end());
    write_grid(tmp / f, g);
  };
  // The use file alone: its rows and columns are put into the supply table's order, every value as before.
  shuffle("matrix_eu-ic-use_25ed_2022.csv");
  expect_identical(a, io::import_table("figaro", tmp.path, {2022, "sut", "", 1}));
  // Both: areas and codes follow the supply file's first appearance.
  shuffle("matrix_eu-ic-supply_25ed_2022.csv");
  const Mrio b = io::import_table("figaro", tmp.path, {2022, "sut", "", 1});
  ASSERT_EQ(b.n(), a.n());
  EXPECT_NE(b.regions, a.regions);  // first-appearance order: reversed
  for (size_t i = 0; i < a.n(); ++i)
    for (size_t j = 0; j < a.n(); ++j)
      ASSERT_NEAR(z_by_label(a, b, i, j), a.Z(i, j), 1e-12 * (1 + std::abs(a.Z(i, j)))) << i << "," << j;
}

TEST(FigaroSut, SupplyMatrixWrittenIndustriesByProductsIsTurned) {
  TempDir tmp;
  io::write_fixture("figaro", tmp.path, options("sut"));
  const Mrio a = io::import_table("figaro", tmp.path, {2022, "sut", "", 1});
  const fs::path sup = tmp / "matrix_eu-ic-supply_25ed_2022.csv";
  const auto g = read_grid(sup);
  ASSERT_GE(g.size(), 2u);
  auto t = g;
  t.assign(g[0].size(), std::vector<std::string>(g.size()));
  for (size_t i = 0; i < g.size(); ++i)
    for (size_t j = 0; j < g[i].size(); ++j) t[j][i] = g[i][j];
  write_grid(sup, t);
  expect_identical(a, io::import_table("figaro", tmp.path, {2022, "sut", "", 1}));
}

// One area (AT), products CPA_A and CPA_B, industries A and B; every other cell zero.
void write_long(const fs::path& p, const std::string& table, const std::vector<std::string>& rows,
                const std::vector<std::string>& cols, const std::map<std::pair<std::string, std::string>, double>& v) {
  std::ofstream o(p);
  o << "ic" << table << "Row,ic" << table << "Col,refArea,rowPi,counterpartArea,colPi,obsValue\n";
  for (const auto& r : rows)
    for (const auto& c : cols) {
      const auto it = v.find({r, c});
      const std::string ra = r.substr(0, r.find('_')), ca = c.substr(0, c.find('_'));
      o << r << ',' << c << ',' << ra << ',' << r.substr(3) << ',' << ca << ',' << c.substr(3) << ','
        << (it == v.end() ? 0.0 : it->second) << '\n';
    }
}

TEST(FigaroSut, HandComputedTwoByTwo) {
  // Supply: industry A makes 80 of product A; industry B makes 20 of A and 50 of B. Use: A uses 10 of A and 5 of
  // B, B uses 20 of A and 15 of B; households buy 70 of A and 30 of B; compensation of employees 65 (A), 35 (B).
  // Market shares of product A: 0.8 (A), 0.2 (B); product B: 1 (B). So
  //   Z = [0.8*10, 0.8*20; 0.2*10 + 5, 0.2*20 + 15] = [8 16; 7 19], Y(P3_S14) = [56; 44], x = [80; 70].
  TempDir tmp;
  const std::vector<std::string> prod = {"AT_CPA_A", "AT_CPA_B"}, ind = {"AT_A", "AT_B"};
  std::vector<std::string> use_rows = prod, use_cols = ind;
  for (const char* v : {"D21X31", "OP_RES", "OP_NRES", "D1", "D29X39", "B2A3G"}) use_rows.push_back(std::string("W2_") + v);
  for (const char* f : {"P3_S13", "P3_S14", "P3_S15", "P51G", "P5M"}) use_cols.push_back(std::string("AT_") + f);
  write_long(tmp / "flatfile_eu-ic-supply_25ed_2021.csv", "sup", prod, ind,
             {{{"AT_CPA_A", "AT_A"}, 80}, {{"AT_CPA_A", "AT_B"}, 20}, {{"AT_CPA_B", "AT_B"}, 50}});
  write_long(tmp / "flatfile_eu-ic-use_25ed_2021.csv", "use", use_rows, use_cols,
             {{{"AT_CPA_A", "AT_A"}, 10},
              {{"AT_CPA_A", "AT_B"}, 20},
              {{"AT_CPA_B", "AT_A"}, 5},
              {{"AT_CPA_B", "AT_B"}, 15},
              {{"AT_CPA_A", "AT_P3_S14"}, 70},
              {{"AT_CPA_B", "AT_P3_S14"}, 30},
              {{"W2_D1", "AT_A"}, 65},
              {{"W2_D1", "AT_B"}, 35}});
  const Mrio m = io::import_table("figaro", tmp.path, {2021, "sut", "", 1});
  ASSERT_EQ(m.sectors, (std::vector<std::string>{"A", "B"}));
  const double Z[2][2] = {{8, 16}, {7, 19}}, Y[2] = {56, 44}, x[2] = {80, 70};
  for (size_t i = 0; i < 2; ++i) {
    for (size_t j = 0; j < 2; ++j) EXPECT_NEAR(m.Z(i, j), Z[i][j], 1e-12);
    EXPECT_NEAR(m.Y(i, 1), Y[i], 1e-12);
    EXPECT_EQ(m.x[i], x[i]);
  }
  EXPECT_EQ(m.F(m.stressor_index("W2_D1"), 0), 65);
  expect_balanced(m, 1e-14);
}

// A damaged flat file: one line error at file:line:column, exit 2, no store.
void expect_refused(const TempDir& tmp, const fs::path& source, const std::string& where, const std::string& says,
                    const std::string& system = "") {
  const auto r = test::run_cli("import figaro '" + source.string() + "'" + (system.empty() ? "" : " --system " + system) +
                               " --out '" + (tmp / "store").string() + "'");
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(where), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "store"));
  for (const auto& e : fs::directory_iterator(tmp.path))
    EXPECT_EQ(e.path().filename().string().find("store"), std::string::npos) << "partial store " << e.path();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct Damage {
  std::string name, from, to, where, says;
};

class DamagedFlat : public ::testing::TestWithParam<Damage> {};

TEST_P(DamagedFlat, RefusedWithFileLineColumn) {
  TempDir tmp;
  const auto fx = io::write_fixture("figaro", tmp / "src", options("flat-ind-by-ind", true));
  std::string s = slurp(fx.path);
  const size_t k = s.find(GetParam().from);
  ASSERT_NE(k, std::string::npos) << GetParam().from;
  s.replace(k, GetParam().from.size(), GetParam().to);
  test::write_file(fx.path, s);
  expect_refused(tmp, fx.path, "flatfile_eu-ic-io_ind-by-ind_25ed_2022.csv:" + GetParam().where, GetParam().says);
}

// Line 2 is AR_A01 x AR_A01, line 3 AR_A01 x AR_C10T12 (fields start at columns 1, 8, 18, 21, 25, 28, 35).
INSTANTIATE_TEST_SUITE_P(
    Figaro, DamagedFlat,
    ::testing::Values(
        Damage{"unknown_header", "icioiRow,icioiCol,refArea,", "icioiRow,icioiCol,area,", "1:1",
               "expected 'rowLabels' (matrix file) or a flat-file header"},
        Damage{"unknown_column_code", "\nAR_A01,AR_C10T12,AR,A01,AR,C10T12,", "\nAR_A01,AR_C10T13,AR,A01,AR,C10T13,",
               "3:28", "unknown industry code 'C10T13'"},
        Damage{"unknown_area", "\nAR_A01,AR_C10T12,AR,A01,AR,C10T12,", "\nAR_A01,XX_C10T12,AR,A01,XX,C10T12,", "3:25",
               "unknown area 'XX'"},
        Damage{"value_added_column", "\nAR_A01,AR_C10T12,AR,A01,AR,C10T12,", "\nAR_A01,AR_D1,AR,A01,AR,D1,", "3:24",
               "a value-added item as a column"},
        Damage{"joined_label_disagrees", "\nAR_A01,AR_C10T12,AR,A01,AR,C10T12,", "\nAR_A01,AR_C31_32,AR,A01,AR,C10T12,",
               "3:8", "disagrees with its parts"},
        Damage{"duplicate_cell", "\nAR_A01,AR_C10T12,AR,A01,AR,C10T12,", "\nAR_A01,AR_A01,AR,A01,AR,A01,", "3:1",
               "duplicate cell AR_A01 x AR_A01"},
        Damage{"text_value", "\nAR_A01,AR_C10T12,AR,A01,AR,C10T12,", "\nAR_A01,AR_C10T12,AR,A01,AR,C10T12,n/a", "3:35",
               "expected a number in obsValue, found 'n/a"},
        Damage{"short_line", "\nAR_A01,AR_C10T12,AR,A01,AR,C10T12,", "\nAR_A01,AR_C10T12,AR,A01,AR,", "3:",
               "fields, expected 7"},
        Damage{"blank_line_inside", "\nAR_A01,AR_C10T12,", "\n\nAR_A01,AR_C10T12,", "3:1", "empty line inside"}),
    [](const auto& info) { return info.param.name; });

TEST(FigaroFlat, TruncatedFilesAreRefused) {
  {  // a zip cut short: the archive is named
    TempDir tmp;
    const auto fx = io::write_fixture("figaro", tmp / "src", options("flat-ind-by-ind"));
    const std::string z = slurp(fx.path);
    test::write_file(fx.path, z.substr(0, z.size() / 2));
    expect_refused(tmp, fx.path, "flatfile_eu-ic-io_ind-by-ind_25ed_2022.zip", "");
  }
  {  // a bare file cut at a line end: areas without rows, or missing cells counted and the first one named
    TempDir tmp;
    const auto fx = io::write_fixture("figaro", tmp / "src", options("flat-ind-by-ind", true));
    const std::string s = slurp(fx.path);
    test::write_file(fx.path, s.substr(0, s.rfind('\n', s.size() / 2) + 1));
    expect_refused(tmp, fx.path, "flatfile_eu-ic-io_ind-by-ind_25ed_2022.csv:", "truncated file?");
    test::write_file(fx.path, s.substr(0, s.rfind('\n', s.size() - 2) + 1));  // the last cell gone
    expect_refused(tmp, fx.path, "flatfile_eu-ic-io_ind-by-ind_25ed_2022.csv: ", "cell W2_B2A3G x FIGW1_P5M is missing");
  }
}

// A flat IO file's cells are placed by label: value-added rows and final-demand items first seen in another order
// give the same table; a value-added row that is missing altogether is named.
TEST(FigaroFlat, ValueAddedAndFinalDemandInAnyOrder) {
  TempDir tmp;
  const auto fx = io::write_fixture("figaro", tmp / "src", options("flat-ind-by-ind", true));
  const Mrio a = io::import_table("figaro", fx.path, {std::nullopt, "ind-by-ind", "", 1});
  const std::string s = slurp(fx.path);
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_GT(lines.size(), 2u);
  std::reverse(lines.begin() + 1, lines.end());  // W2 rows and P5M columns now come first
  std::string reversed;
  for (const auto& l : lines) reversed += l + "\n";
  test::write_file(fx.path, reversed);
  Mrio b = io::import_table("figaro", fx.path, {std::nullopt, "ind-by-ind", "", 1});
  EXPECT_NE(a.regions, b.regions) << "the reversal should change the order areas are first seen in";
  ASSERT_EQ(b.stressors.size(), a.stressors.size());
  for (size_t v = 0; v < a.stressors.size(); ++v) EXPECT_EQ(b.stressors[v].name, a.stressors[v].name);
  EXPECT_EQ(b.categories, a.categories);
  // The same cells by label (areas and codes are taken in the order they are first seen).
  auto at = [](const std::vector<std::string>& v, const std::string& x) {
    return size_t(std::find(v.begin(), v.end(), x) - v.begin());
  };
  const size_t S = a.sectors.size(), K = a.categories.size();
  auto ib = [&](size_t i) { return at(b.regions, a.regions[i / S]) * S + at(b.sectors, a.sectors[i % S]); };
  for (size_t i = 0; i < a.n(); ++i) {
    for (size_t j = 0; j < a.n(); ++j) EXPECT_EQ(a.Z(i, j), b.Z(ib(i), ib(j)));
    for (size_t c = 0; c < a.Y.cols(); ++c)
      EXPECT_EQ(a.Y(i, c), b.Y(ib(i), at(b.regions, a.regions[c / K]) * K + c % K));
    for (size_t v = 0; v < a.stressors.size(); ++v) EXPECT_EQ(a.F(v, i), b.F(v, ib(i)));
    EXPECT_DOUBLE_EQ(a.x[i], b.x[ib(i)]);  // summed in another order
  }
  std::string cut;
  for (const auto& l : lines)
    if (!l.starts_with("W2_B2A3G,")) cut += l + "\n";
  test::write_file(fx.path, cut);
  expect_refused(tmp, fx.path, "flatfile_eu-ic-io_ind-by-ind_25ed_2022.csv", "no value-added row W2_B2A3G");
}

TEST(FigaroSut, UseTableWithAnotherProductIsRefused) {
  TempDir tmp;
  const auto fx = io::write_fixture("figaro", tmp.path, options("flat-sut", true));
  const fs::path use = tmp / "flatfile_eu-ic-use_25ed_2022.csv";
  std::string s = slurp(use);
  const std::string from = "\nAR_CPA_A01,AR_C10T12,AR,CPA_A01,";
  const size_t k = s.find(from);
  ASSERT_NE(k, std::string::npos);
  s.replace(k, from.size(), "\nAR_CPA_A02,AR_C10T12,AR,CPA_A02,");
  test::write_file(use, s);
  expect_refused(tmp, fx.path, "flatfile_eu-ic-use_25ed_2022.csv:3:", "unknown product code 'CPA_A02'", "sut");
}

// A damaged use matrix file (4 areas AR AT FI FIGW1 x 3 industries; rows CPA_ products then W2_*): one line naming
// file:line:column, exit 2, no store.
class DamagedSutMatrix : public ::testing::TestWithParam<Damage> {};

TEST_P(DamagedSutMatrix, RefusedWithFileLineColumn) {
  TempDir tmp;
  const auto fx = io::write_fixture("figaro", tmp / "src", options("sut"));
  const fs::path use = tmp / "src/matrix_eu-ic-use_25ed_2022.csv";
  std::string s = slurp(use);
  const size_t k = s.find(GetParam().from);
  ASSERT_NE(k, std::string::npos) << GetParam().from;
  s.replace(k, GetParam().from.size(), GetParam().to);
  test::write_file(use, s);
  expect_refused(tmp, fx.path, "matrix_eu-ic-use_25ed_2022.csv:" + GetParam().where, GetParam().says, "sut");
}

INSTANTIATE_TEST_SUITE_P(
    Figaro, DamagedSutMatrix,
    ::testing::Values(
        Damage{"label_without_area", "rowLabels,AR_A01,", "rowLabels,ARA01,", "1:11", "expected a label AREA_CODE"},
        Damage{"unknown_column_area", "rowLabels,AR_A01,", "rowLabels,XX_A01,", "1:11", "unknown area 'XX'"},
        Damage{"duplicate_column", "rowLabels,AR_A01,AR_C10T12,", "rowLabels,AR_A01,AR_A01,", "1:18",
               "duplicate column label AR_A01: also at column 11"},
        Damage{"value_added_column", "rowLabels,AR_A01,", "rowLabels,AR_D1,", "1:11", "a value-added item as a column"},
        Damage{"unknown_product", "\nAR_CPA_A01,", "\nAR_CPA_A02,", "2:1", "unknown product code 'CPA_A02'"},
        Damage{"unknown_value_added", "\nW2_D1,", "\nW2_D2,", "17:1", "unknown value-added row W2_D2"},
        Damage{"final_demand_row", "\nAR_CPA_A01,", "\nAR_P3_S14,", "2:1", "final demand is only in columns"},
        Damage{"text_value", "\nAR_CPA_A01,", "\nAR_CPA_A01,x", "2:12", "expected a number, found 'x"},
        Damage{"duplicate_row", "\nAR_CPA_C10T12,", "\nAR_CPA_A01,", "3:1", "duplicate row label AR_CPA_A01: also on line 2"}),
    [](const auto& info) { return info.param.name; });

TEST(FigaroSut, TruncatedMatrixFileNamesTheFirstMissingRow) {
  TempDir tmp;
  const auto fx = io::write_fixture("figaro", tmp / "src", options("sut"));
  const fs::path use = tmp / "src/matrix_eu-ic-use_25ed_2022.csv";
  const std::string s = slurp(use);
  test::write_file(use, s.substr(0, s.rfind('\n', s.size() - 2) + 1));  // the last row (W2_B2A3G) gone
  expect_refused(tmp, fx.path, "matrix_eu-ic-use_25ed_2022.csv: ", "no value-added row W2_B2A3G", "sut");
}

}  // namespace
}  // namespace worldsys
