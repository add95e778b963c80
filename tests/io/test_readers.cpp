// Every reader on its fixtures (an exact round trip of every matrix and label) and on damaged ones (a one-line
// error naming file, line and column; a non-zero exit from the CLI; no partial store).
#include <gtest/gtest.h>
#include <zlib.h>

#include <array>
#include <fstream>
#include <regex>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/pymrio.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

void expect_near_matrix(const Matrix& a, const Matrix& b, double tol, const std::string& what) {
  ASSERT_EQ(a.rows(), b.rows()) << what;
  ASSERT_EQ(a.cols(), b.cols()) << what;
  for (size_t j = 0; j < a.cols(); ++j)
    for (size_t i = 0; i < a.rows(); ++i) {
      if (tol == 0) {
        ASSERT_EQ(a(i, j), b(i, j)) << what << "(" << i << "," << j << ")";
      } else {
        ASSERT_NEAR(a(i, j), b(i, j), tol * (1 + std::abs(b(i, j)))) << what << "(" << i << "," << j << ")";
      }
    }
}

// Same labels and numbers; stressors matched by name (extension folders may come back in another order).
void expect_same_table(const Mrio& got, const Mrio& want, double tol) {
  EXPECT_EQ(got.regions, want.regions);
  EXPECT_EQ(got.sectors, want.sectors);
  EXPECT_EQ(got.categories, want.categories);
  EXPECT_EQ(got.unit, want.unit);
  expect_near_matrix(got.Z, want.Z, tol, "Z");
  expect_near_matrix(got.Y, want.Y, tol, "Y");
  ASSERT_EQ(got.x.size(), want.x.size());
  for (size_t i = 0; i < got.x.size(); ++i) {
    if (tol == 0) EXPECT_EQ(got.x[i], want.x[i]) << "x " << i;
    else EXPECT_NEAR(got.x[i], want.x[i], tol * (1 + std::abs(want.x[i]))) << "x " << i;
  }
  ASSERT_EQ(got.stressors.size(), want.stressors.size());
  for (size_t k = 0; k < want.stressors.size(); ++k) {
    const size_t g = got.stressor_index(want.stressors[k].name);
    EXPECT_EQ(got.stressors[g].unit, want.stressors[k].unit) << want.stressors[k].name;
    for (size_t j = 0; j < want.F.cols(); ++j)
      ASSERT_NEAR(got.F(g, j), want.F(k, j), tol * (1 + std::abs(want.F(k, j)))) << want.stressors[k].name;
    for (size_t j = 0; j < want.F_Y.cols(); ++j)
      ASSERT_NEAR(got.F_Y(g, j), want.F_Y(k, j), tol * (1 + std::abs(want.F_Y(k, j)))) << want.stressors[k].name;
  }
}

struct Case {
  std::string format, variant;
  bool unpacked;
};

class RoundTrip : public ::testing::TestWithParam<Case> {};

TEST_P(RoundTrip, EveryMatrixAndLabelComesBack) {
  TempDir tmp;
  io::FixtureOptions o;
  o.variant = GetParam().variant;
  o.unpacked = GetParam().unpacked;
  o.regions = 3;
  o.sectors = 5;
  const auto fx = io::write_fixture(GetParam().format, tmp.path, o);
  io::ImportOptions opt;
  if (GetParam().format == "figaro")
    opt.system = GetParam().variant.starts_with("flat-") ? GetParam().variant.substr(5) : GetParam().variant;
  const Mrio got = io::import_table(GetParam().format, fx.path, opt);
  expect_same_table(got, fx.expected, fx.tolerance);
}

TEST(Eora26, RefusesFullEora) {
  TempDir tmp;
  io::FixtureOptions o;
  o.variant = "full";
  const auto fx = io::write_fixture("eora26", tmp.path, o);
  const auto r = test::run_cli("import eora26 '" + fx.path.string() + "' --out '" + (tmp / "s").string() + "'");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("labels_T.txt:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("full Eora"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "s"));
}

TEST(Eora26, FolderOfYearlyZips) {
  TempDir tmp;
  io::FixtureOptions o;
  o.variant = "indices";
  const auto fx = io::write_fixture("eora26", tmp.path, o);
  expect_same_table(io::import_table("eora26", tmp.path, {2022, "", "", 0}), fx.expected, 0);
  EXPECT_EQ(io::import_table("eora26", tmp.path, {2022, "", "", 0}).unit, "k USD");  // thousands, not millions
}

TEST(Figaro, ProductByProduct) {
  TempDir tmp;
  io::FixtureOptions o;
  o.variant = "prod-by-prod";
  const auto fx = io::write_fixture("figaro", tmp.path, o);
  expect_same_table(io::import_table("figaro", tmp.path, {2022, "prod-by-prod", "", 0}), fx.expected, 0);
  EXPECT_THROW(io::import_table("figaro", tmp.path, {2022, "ind-by-ind", "", 0}), Error);  // no such file
}

INSTANTIATE_TEST_SUITE_P(Formats, RoundTrip,
                         ::testing::Values(Case{"exiobase3", "3.8", false}, Case{"exiobase3", "3.8", true},
                                           Case{"exiobase3", "3.9", false}, Case{"exiobase3", "3.9a", true},
                                           Case{"exiobase3", "3.4", false},
                                           Case{"pymrio", "", false}, Case{"pymrio", "", true},
                                           Case{"oecd-icio", "2023", false}, Case{"oecd-icio", "2023nested", false},
                                           Case{"oecd-icio", "2023sml", true},
                                           Case{"oecd-icio", "2021", false}, Case{"oecd-icio", "2018", false},
                                           Case{"oecd-icio", "2016", true}, Case{"figaro", "ind-by-ind", false},
                                           Case{"figaro", "flat-ind-by-ind", false}, Case{"figaro", "flat-prod-by-prod", true},
                                           Case{"figaro", "sut", false}, Case{"figaro", "flat-sut", true},
                                           Case{"eora26", "bp", false}, Case{"eora26", "bp", true},
                                           Case{"eora26", "indices", false}, Case{"generic", "joined", false},
                                           Case{"generic", "split", false}, Case{"gloria", "059", false}, Case{"gloria", "059", true},
                                           Case{"wiod2016", "", false}, Case{"wiod2016", "", true}),
                         [](const auto& info) {
                           std::string s = info.param.format + "_" + info.param.variant + (info.param.unpacked ? "_folder" : "_zip");
                           for (char& c : s)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return s;
                         });

TEST(Pymrio, WritesWhatItReads) {
  TempDir tmp;
  Mrio m = test::tiny_mrio();
  m.sector_names = m.sectors;  // the pymrio format has one sector label
  io::write_pymrio(m, tmp / "tiny");
  expect_same_table(io::read_pymrio(tmp / "tiny"), m, 0);
  io::write_pymrio(m, tmp / "tiny.zip");
  expect_same_table(io::read_pymrio(tmp / "tiny.zip"), m, 0);
}

TEST(Exiobase3, FindsTheYearsArchiveInAFolder) {
  TempDir tmp;
  const auto fx = io::write_fixture("exiobase3", tmp.path, {});
  EXPECT_THROW(io::import_table("exiobase3", tmp.path, {}), Error);  // which year?
  const Mrio got = io::import_table("exiobase3", tmp.path, {2022, "pxp", "", 0});
  EXPECT_EQ(got.provenance.year, 2022);
  expect_same_table(got, fx.expected, 0);
}

TEST(Exiobase3, Iso3RegionCodesOfSome34FilesBecomeIso2) {
  TempDir tmp;
  Mrio m = test::tiny_mrio();
  m.regions = {"ROM", "WWM"};
  m.sector_names = m.sectors;
  io::write_pymrio(m, tmp / "IOT_2011_ixi");
  const Mrio got = io::import_table("exiobase3", tmp / "IOT_2011_ixi", {});
  EXPECT_EQ(got.regions, (std::vector<std::string>{"RO", "WM"}));
  EXPECT_EQ(got.provenance.year, 2011);
}

TEST(Exiobase3, PymrioPrecisionIsReadAsWritten) {
  TempDir tmp;
  io::FixtureOptions o;
  o.precision = 12;
  const auto fx = io::write_fixture("exiobase3", tmp.path, o);
  const Mrio got = io::import_table("exiobase3", fx.path, {});
  EXPECT_NEAR(got.Z(0, 1), fx.expected.Z(0, 1), 1e-9 * std::abs(fx.expected.Z(0, 1)));
}

// The real WIOD 2016 national tables: Germany 2014, balanced as published (rows: x = Z 1 + Y 1; columns: x =
// domestic + imported inputs + taxes, margins and value added), to the file's rounding.
TEST(Wiod2016Niot, RealGermany2014Balances) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2016/WIOD_NIOT_Nov16_all43.csv.gz");
  io::ImportOptions o;
  o.year = 2014;
  o.country = "DEU";
  const Mrio m = io::import_table("wiod2016-niot", test::shared_data() / "mrio/wiod2016/WIOD_NIOT_Nov16_all43.csv.gz", o);
  ASSERT_EQ(m.sectors.size(), 56u);
  EXPECT_EQ(m.sectors.front(), "A01");
  EXPECT_EQ(m.sectors.back(), "U");
  EXPECT_EQ(m.categories.back(), "EXP");
  const auto zr = m.Z.row_sums(), yr = m.Y.row_sums(), zc = m.Z.col_sums(), fc = m.F.col_sums();
  double total = 0;
  for (size_t i = 0; i < 56; ++i) {
    total += m.x[i];
    EXPECT_NEAR(zr[i] + yr[i], m.x[i], 1e-6 * (1 + m.x[i])) << m.sectors[i];
    EXPECT_NEAR(zc[i] + fc[i], m.x[i], 1e-6 * (1 + m.x[i])) << m.sectors[i];
  }
  EXPECT_GT(total, 5e6);  // German gross output 2014 is about 7 trillion USD
  EXPECT_LT(total, 1e7);
  EXPECT_NO_THROW(m.stressor_index("VA"));
}

// --- damaged fixtures -------------------------------------------------------------------------------------

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// An unpacked EXIOBASE fixture to damage; returns its folder.
fs::path folder_fixture(const TempDir& tmp) {
  io::FixtureOptions o;
  o.unpacked = true;
  return io::write_fixture("exiobase3", tmp.path, o).path;
}

// Imports through the CLI; expects exit 2, one line naming `file` (and line:col when given), no store.
void expect_cli_error(const TempDir& tmp, const fs::path& source, const std::string& file, const std::string& where,
                      const std::string& says) {
  const fs::path out = tmp / "store";
  const auto r = test::run_cli("import exiobase3 '" + source.string() + "' --out '" + out.string() + "'");
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(file + (where.empty() ? "" : ":" + where)), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  for (const auto& e : fs::directory_iterator(tmp.path))
    EXPECT_EQ(e.path().filename().string().find("store"), std::string::npos) << "partial store " << e.path();
}

void replace_in(const fs::path& p, const std::string& from, const std::string& to) {
  std::string s = slurp(p);
  const size_t k = s.find(from);
  ASSERT_NE(k, std::string::npos) << from;
  s.replace(k, from.size(), to);
  test::write_file(p, s);
}

TEST(Damaged, TruncatedZip) {
  TempDir tmp;
  const auto fx = io::write_fixture("exiobase3", tmp.path, {});
  const std::string z = slurp(fx.path);
  test::write_file(fx.path, z.substr(0, z.size() / 2));
  expect_cli_error(tmp, fx.path, "IOT_2022_pxp.zip", "", "not a readable zip archive");
}

TEST(Damaged, CorruptZipMember) {
  TempDir tmp;
  io::FixtureOptions o;
  o.regions = 6;
  o.sectors = 12;
  const auto fx = io::write_fixture("exiobase3", tmp.path, o);
  std::string z = slurp(fx.path);
  // Flip bytes inside the first member's compressed data (Z.txt comes first).
  for (size_t k = 200; k < 260; ++k) z[k] = char(z[k] ^ 0x5a);
  test::write_file(fx.path, z);
  const auto r = test::run_cli("import exiobase3 '" + fx.path.string() + "' --out '" + (tmp / "store").string() + "'");
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_NE(r.err.find("IOT_2022_pxp.zip"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp / "store"));
}

TEST(Damaged, TruncatedGzip) {
  TempDir tmp;
  const fs::path dir = folder_fixture(tmp);
  const std::string y = slurp(dir / "Y.txt");
  gzFile g = gzopen((dir / "Y.txt.gz").c_str(), "wb");
  gzwrite(g, y.data(), unsigned(y.size()));
  gzclose(g);
  fs::remove(dir / "Y.txt");
  const std::string gz = slurp(dir / "Y.txt.gz");
  test::write_file(dir / "Y.txt.gz", gz.substr(0, gz.size() - 30));
  expect_cli_error(tmp, dir, "Y.txt.gz", "", "truncated or corrupt gzip");
}

TEST(Damaged, MissingMember) {
  TempDir tmp;
  const fs::path dir = folder_fixture(tmp);
  fs::remove(dir / "Y.txt");
  expect_cli_error(tmp, dir, "IOT_2022_pxp", "", "missing Y.txt");
}

TEST(Damaged, HeaderOfAnotherRelease) {
  TempDir tmp;
  const fs::path dir = folder_fixture(tmp);
  // One sector renamed in Z's header line 2 (third column label).
  replace_in(dir / "Z.txt", "sector\t\tPaddy rice\tWheat", "sector\t\tPaddy rice\tDurum wheat");
  expect_cli_error(tmp, dir, "Z.txt", "2:85", "expected column (region, sector) label 'BE' / 'Durum wheat', found 'BE' / 'Wheat'");
}

TEST(Damaged, RowsOutOfOrder) {
  TempDir tmp;
  const fs::path dir = folder_fixture(tmp);
  std::string s = slurp(dir / "Y.txt");
  // Swap the first two data lines.
  size_t a = 0;
  for (int k = 0; k < 3; ++k) a = s.find('\n', a) + 1;
  const size_t b = s.find('\n', a) + 1, c = s.find('\n', b) + 1;
  s = s.substr(0, a) + s.substr(b, c - b) + s.substr(a, b - a) + s.substr(c);
  test::write_file(dir / "Y.txt", s);
  expect_cli_error(tmp, dir, "Y.txt", "4:1", "expected row (region, sector) label 'AT' / 'Paddy rice', found 'AT' / 'Wheat'");
}

TEST(Damaged, NonNumericCell) {
  TempDir tmp;
  const fs::path dir = folder_fixture(tmp);
  std::string s = slurp(dir / "Z.txt");
  size_t a = 0;
  for (int k = 0; k < 4; ++k) a = s.find('\n', a) + 1;  // line 5
  const size_t f = s.find('\t', s.find('\t', a) + 1) + 1;  // first number
  s.replace(f, s.find('\t', f) - f, "12,5");
  test::write_file(dir / "Z.txt", s);
  expect_cli_error(tmp, dir, "Z.txt", "5:", "expected a number, found '12,5'");
}

TEST(Damaged, WrongSize) {
  TempDir tmp;
  const fs::path dir = folder_fixture(tmp);
  std::string s = slurp(dir / "Y.txt");
  s.resize(s.rfind('\n', s.size() - 2) + 1);  // drop the last row
  test::write_file(dir / "Y.txt", s);
  expect_cli_error(tmp, dir, "Y.txt", "", "11 data rows, expected 12");
}

TEST(Damaged, TruncatedRow) {
  TempDir tmp;
  const fs::path dir = folder_fixture(tmp);
  std::string s = slurp(dir / "Z.txt");
  s.resize(s.rfind('\t'));  // the last row loses its last field
  test::write_file(dir / "Z.txt", s);
  expect_cli_error(tmp, dir, "Z.txt", "15:", "expected 14 fields (2 labels and 12 numbers), found 13");
}

TEST(Damaged, UnitsThatDisagree) {
  TempDir tmp;
  const fs::path dir = folder_fixture(tmp);
  replace_in(dir / "unit.txt", "BE\tWheat\tM.EUR", "BE\tWheat\tM.USD");
  expect_cli_error(tmp, dir, "unit.txt", "7:", "expected unit 'M.EUR' (as on line 2), found 'M.USD'");
  replace_in(dir / "unit.txt", "BE\tWheat\tM.USD", "BE\tWheat\tM.EUR");
  replace_in(dir / "satellite/unit.txt", "CO2 - combustion - air\tkg", "CH4 - agriculture - air\tkg");
  expect_cli_error(tmp, dir, "satellite/unit.txt", "11:1", "expected stressor 'CO2 - combustion - air'");
}

}  // namespace
}  // namespace worldsys

namespace worldsys {
namespace {

// Other readers on damaged fixtures, through the CLI: each a one-line error naming file:line:col, exit 2, no store.
struct Damage {
  std::string name, format, variant, file, from, to, where, says;
};

class DamagedFormat : public ::testing::TestWithParam<Damage> {};

TEST_P(DamagedFormat, OneLineErrorAndNoStore) {
  const Damage& d = GetParam();
  test::TempDir tmp;
  io::FixtureOptions o;
  o.variant = d.variant;
  o.unpacked = true;
  const auto fx = io::write_fixture(d.format, tmp / "src", o);
  const std::filesystem::path target = tmp / "src" / d.file;
  std::ifstream in(target, std::ios::binary);
  std::string s{std::istreambuf_iterator<char>(in), {}};
  const size_t k = s.find(d.from);
  ASSERT_NE(k, std::string::npos) << d.from;
  s.replace(k, d.from.size(), d.to);
  test::write_file(target, s);
  const auto r = test::run_cli("import " + d.format + " '" + fx.path.string() + "' --out '" + (tmp / "store").string() + "'");
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(std::filesystem::path(d.file).filename().string() + ":" + d.where), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(d.says), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp / "store"));
}

INSTANTIATE_TEST_SUITE_P(
    Readers, DamagedFormat,
    ::testing::Values(
        Damage{"oecd_renamed_total", "oecd-icio", "2023", "2022.csv", ",OUT\n", ",TOTALS\n", "1:",
               "unexpected column 'TOTALS'"},
        Damage{"oecd_text_in_cell", "oecd-icio", "2023sml", "2022_SML.csv", "\nAUS_A03,", "\nAUS_A03,n/a", "3:9",
               "expected a number, found 'n/a0'"},
        Damage{"oecd_unknown_sector", "oecd-icio", "2021", "ICIO2021_2022.csv", "\nCHN_03,", "\nCHN_04,", "7:1",
               "sector '04'"},
        Damage{"figaro_not_a_matrix_file", "figaro", "", "matrix_eu-ic-io_ind-by-ind_25ed_2022.csv", "rowLabels,",
               "rowLabel,", "1:1", "expected 'rowLabels'"},
        Damage{"eora_short_row", "eora26", "bp", "Eora26_2022_bp/Eora26_2022_bp_T.txt", "\n", "\t\n", "1:", "expected 13 fields"},
        Damage{"eora_va_labels", "eora26", "bp", "Eora26_2022_bp/labels_FD.txt", "Albania\tALB\tFinal Demand\tHousehold",
               "Albania\tALB\tFinal Demand\tHouse", "7:1", "expected final demand 'ALB' / 'Household final consumption P.3h'"},
        Damage{"generic_units_order", "generic", "joined", "generic/units.csv", "co2,kt", "water,kt", "2:1",
               "expected stressor 'co2'"}),
    [](const auto& info) { return info.param.name; });

// Found by fuzz_formats in CI: labels_FD without the first country's categories divided by their count (zero).
TEST(DamagedEora, FinalDemandWithoutTheFirstCountry) {
  test::TempDir tmp;
  io::FixtureOptions o;
  o.unpacked = true;
  const auto fx = io::write_fixture("eora26", tmp / "src", o);
  const auto labels = tmp / "src" / "Eora26_2022_bp" / "labels_FD.txt";
  std::ifstream in(labels);
  std::string kept, line;
  while (std::getline(in, line))
    if (!line.starts_with("Afghanistan\t")) kept += line + "\n";
  test::write_file(labels, kept);
  const auto r = test::run_cli("import eora26 '" + fx.path.string() + "' --out '" + (tmp / "store").string() + "'");
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_NE(r.err.find("labels_FD.txt:1:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("expected final demand of AFG first"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp / "store"));
}

// An empty or short labels_VA.txt / labels_Q.txt used to drop every value-added or satellite row without a word.
TEST(DamagedEora, EmptyLabelFilesAreRefusedNotDroppedRows) {
  for (const char* file : {"labels_VA.txt", "labels_Q.txt"}) {
    test::TempDir tmp;
    io::FixtureOptions o;
    o.unpacked = true;
    const auto fx = io::write_fixture("eora26", tmp / "src", o);
    test::write_file(tmp / "src" / "Eora26_2022_bp" / file, "");
    const auto r = test::run_cli("import eora26 '" + fx.path.string() + "' --out '" + (tmp / "store").string() + "'");
    EXPECT_EQ(r.rc, 2) << file << r.err;
    EXPECT_NE(r.err.find(std::string(file) + " has 0 labels"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(tmp / "store"));
  }
}

}  // namespace
}  // namespace worldsys

namespace worldsys {
namespace {

io::TextTable parse_text(const std::string& text, const io::TableSpec& spec) {
  test::TempDir tmp;
  test::write_file(tmp / "t.txt", text);
  auto src = io::open_file(tmp / "t.txt");
  return io::read_table(*src, spec);
}

TEST(TextTable, TrailingBlankLinesBomCrlfAndQuotes) {
  io::TableSpec s;
  s.sep = ',';
  s.header_lines = 1;
  s.index_cols = 1;
  const auto t = parse_text("\xEF\xBB\xBF,\"a,1\",b\r\n\"x \"\"y\"\"\",1,2.5e-3\r\nz,,-4\r\n\r\n\n", s);
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(t.columns[0][0], "a,1");
  EXPECT_EQ(t.row_labels[0][0], "x \"y\"");
  EXPECT_EQ(t.values(0, 1), 2.5e-3);
  EXPECT_EQ(t.values(1, 0), 0.0);  // empty cell
  EXPECT_EQ(t.empty_cells, 1u);
  EXPECT_EQ(t.values(1, 1), -4.0);
  const auto u = parse_text(",a\nx,1", s);  // no final newline
  EXPECT_EQ(u.values(0, 0), 1.0);
}

TEST(TextTable, BlankLineInsideIsAnError) {
  io::TableSpec s;
  s.sep = ',';
  s.header_lines = 1;
  s.index_cols = 1;
  try {
    parse_text(",a\nx,1\n\ny,2\n", s);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("t.txt:3:1: empty line inside the table"), std::string::npos) << e.what();
  }
}

TEST(TextTable, LargeTableOnSeveralThreadsMatchesOneThread) {
  // Over 1 MB so that chunks are split between threads; labels and values must land in the same places.
  std::string text = "region\tsector";
  const size_t n = 600;
  for (size_t j = 0; j < n; ++j) text += "\tc" + std::to_string(j);
  text += "\n";
  for (size_t i = 0; i < n; ++i) {
    text += "R\ts" + std::to_string(i);
    for (size_t j = 0; j < n; ++j) text += "\t" + std::to_string(i * 1000 + j) + ".25";
    text += "\n";
  }
  io::TableSpec s;
  s.header_lines = 1;
  s.index_cols = 2;
  s.square = true;
  s.threads = 1;
  const auto one = parse_text(text, s);
  s.threads = 4;
  const auto four = parse_text(text, s);
  EXPECT_EQ(one.values, four.values);
  EXPECT_EQ(one.row_labels, four.row_labels);
  EXPECT_EQ(four.values(599, 7), 599007.25);
  EXPECT_EQ(four.row_labels[1][599], "s599");
}

}  // namespace
}  // namespace worldsys

namespace worldsys {
namespace {

// Every fixture format through the CLI: `worldsys fixture F` then `worldsys import F` on what it wrote.
TEST(Cli, FixtureThenImportForEveryFormat) {
  for (const auto& f : io::fixture_formats()) {
    test::TempDir tmp;
    const auto fx = test::run_cli("fixture " + f.name + " --regions 3 --sectors 3 --out '" + (tmp / "src").string() + "'");
    ASSERT_EQ(fx.rc, 0) << f.name << ": " << fx.err;
    std::string path = fx.out.substr(0, fx.out.find('\n'));
    const auto r = test::run_cli("import " + f.name + " '" + path + "' --year 2022 --out '" + (tmp / "store").string() + "'");
    EXPECT_EQ(r.rc, 0) << f.name << ": " << r.err;
    EXPECT_TRUE(std::filesystem::exists(tmp / "store/meta.json")) << f.name;
  }
}

}  // namespace
}  // namespace worldsys

#include "io/file_sink.hpp"
#include "io/xlsx.hpp"

namespace worldsys {
namespace {

// Excel writes text as shared strings (xl/sharedStrings.xml, rich-text runs included); the ReadMe reader must
// resolve them, and find a sheet through the workbook's relationships.
TEST(Xlsx, SharedStringsAndRelationships) {
  test::TempDir tmp;
  {
    auto z = io::detail::FileSink::create_zip(tmp / "book.xlsx");
    z->write_text("xl/workbook.xml",
                  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                  "<sheet name=\"Other\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Regions\" sheetId=\"2\" r:id=\"rId7\"/>"
                  "</sheets></workbook>");
    z->write_text("xl/_rels/workbook.xml.rels",
                  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                  "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
                  "<Relationship Id=\"rId7\" Target=\"/xl/worksheets/sheet9.xml\"/></Relationships>");
    z->write_text("xl/sharedStrings.xml",
                  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>Region_acronyms</t></si>"
                  "<si><r><t>XA</t></r><r><t>M</t></r></si><si><t xml:space=\"preserve\">A&amp;B </t></si></sst>");
    z->write_text("xl/worksheets/sheet9.xml",
                  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                  "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c></row>"
                  "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"B3\" t=\"s\"><v>1</v></c></row>"
                  "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>2</v></c></row></sheetData></worksheet>");
    z->finish();
  }
  const auto g = io::detail::read_xlsx_sheet(tmp / "book.xlsx", "Regions");
  ASSERT_EQ(g.size(), 4u);
  EXPECT_EQ(g[1][1], "Region_acronyms");
  EXPECT_EQ(g[2][0], "1");
  EXPECT_EQ(g[2][1], "XAM");
  EXPECT_EQ(g[3][1], "A&B ");
  EXPECT_THROW(io::detail::read_xlsx_sheet(tmp / "book.xlsx", "Sectors"), Error);
}

}  // namespace
}  // namespace worldsys
