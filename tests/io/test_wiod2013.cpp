// The WIOD 2013 reader on fixtures in its layout (each damaged in one way) and on the real files.
#include <fstream>
#include <regex>

#include "io/wiod_fixture.hpp"
#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/text.hpp"
#include "worldsys/io/wiod2013.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

// Replaces the first match of `pattern` in a file.
void edit(const fs::path& p, const std::string& pattern, const std::string& replacement) {
  std::string text = io::read_text(p);
  test::write_file(p, std::regex_replace(text, std::regex(pattern), replacement, std::regex_constants::format_first_only));
}

// Expects reading to fail with an input error whose message matches `pattern`.
void expect_input_error(const fs::path& dir, const std::string& pattern) {
  try {
    io::read_wiod2013(dir, 2011);
    FAIL() << "no error; expected one matching " << pattern;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input);
    EXPECT_TRUE(std::regex_search(e.what(), std::regex(pattern))) << "message: " << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "one line: " << e.what();
  }
}

struct Wiod : ::testing::Test {
  test::TempDir tmp;
  fs::path dir = tmp / "wiod";
  void SetUp() override { test::write_wiod_fixture(test::tiny_mrio(), dir, 2011); }
};

}  // namespace

TEST_F(Wiod, ReadsFixtureBackExactly) {
  const Mrio ref = test::tiny_mrio();
  const Mrio m = io::read_wiod2013(dir, 2011);
  EXPECT_EQ(m.regions, ref.regions);
  EXPECT_EQ(m.sectors, ref.sectors);
  EXPECT_EQ(m.Z, ref.Z);
  EXPECT_EQ(m.Y, ref.Y);
  EXPECT_EQ(m.x, ref.x);
  ASSERT_EQ(m.stressors.size(), 1u);
  EXPECT_EQ(m.stressors[0].name, "value_added");
  EXPECT_EQ(io::wiod2013_years(dir), std::vector<int>{2011});
}

TEST_F(Wiod, MalformedNumberNamesFileLineAndColumn) {
  edit(dir / "Z_2011.csv", "S,agri,8,", "S,agri,8x,");
  expect_input_error(dir, R"(Z_2011\.csv:4:8: expected a number, found '8x')");
}

TEST_F(Wiod, NaNCellIsRefusedWithItsLabels) {
  edit(dir / "Y_2011.csv", "N,manu,60,", "N,manu,nan,");
  expect_input_error(dir, R"(Y\[1, 0\] \(N/manu -> N\) is nan)");
}

TEST_F(Wiod, WrongDimensionsAreRefused) {
  edit(dir / "Z_2011.csv", "\nS,manu,[^\n]*", "");  // drop the last row
  expect_input_error(dir, R"(3 data rows, expected 4.*truncated)");
  test::write_wiod_fixture(test::tiny_mrio(), dir, 2011);
  edit(dir / "Y_2011.csv", ",4\n", "\n");  // drop a cell in the first data row
  expect_input_error(dir, R"(Y_2011\.csv:4:1: expected 6 fields)");
}

TEST_F(Wiod, MismatchedLabelsAreRefused) {
  edit(dir / "Z_2011.csv", "N:manu,S:agri", "S:agri,N:manu");
  expect_input_error(dir, R"(Z_2011\.csv:1:\d+: expected column 'N:manu', found 'S:agri')");
  test::write_wiod_fixture(test::tiny_mrio(), dir, 2011);
  edit(dir / "x_2011.csv", "S,agri", "S,manu");
  expect_input_error(dir, R"(x_2011\.csv:4:1: expected row 'S,agri', found 'S,manu')");
}

TEST_F(Wiod, NegativeOutputIsRefused) {
  edit(dir / "x_2011.csv", "N,manu,", "N,manu,-");
  expect_input_error(dir, R"(negative gross output -\d+ for N/manu)");
}

TEST_F(Wiod, ZeroOutputColumnWithInputsIsRefused) {
  edit(dir / "x_2011.csv", "S,manu,\\d+", "S,manu,0");
  expect_input_error(dir, R"(S/manu has zero output but buys)");
}

TEST_F(Wiod, TruncatedGzipIsRefused) {
  test::write_wiod_fixture(test::tiny_mrio(), dir, 2011, /*gzip_z=*/true);
  fs::remove(dir / "Z_2011.csv");
  const fs::path gz = dir / "Z_2011.csv.gz";
  EXPECT_NO_THROW(io::read_wiod2013(dir, 2011));
  fs::resize_file(gz, fs::file_size(gz) - 12);
  expect_input_error(dir, R"(Z_2011\.csv\.gz: truncated or corrupt gzip file)");
}

TEST_F(Wiod, MissingFileIsNamed) {
  fs::remove(dir / "Y_2011.csv");
  expect_input_error(dir, R"(missing Y_2011\.csv\.gz or Y_2011\.csv)");
}

TEST(Wiod2013Real, ReadsEveryYearWithValueAdded) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  const fs::path dir = test::shared_data() / "mrio/wiod2013";
  const auto years = io::wiod2013_years(dir);
  ASSERT_EQ(years.size(), 17u);
  EXPECT_EQ(years.front(), 1995);
  EXPECT_EQ(years.back(), 2011);
  const Mrio m = io::read_wiod2013(dir, 2011);
  EXPECT_EQ(m.regions.size(), 41u);
  EXPECT_EQ(m.sectors.size(), 35u);
  EXPECT_EQ(m.Y.cols(), 205u);
  EXPECT_EQ(m.regions[32], "ROM");
  // Value added is x minus the inputs bought; world value added equals world x minus world intermediate use.
  double va = 0, x = 0, z = 0;
  for (size_t i = 0; i < m.n(); ++i) va += m.F(0, i), x += m.x[i];
  for (size_t i = 0; i < m.Z.size(); ++i) z += m.Z.data()[i];
  EXPECT_DOUBLE_EQ(va, x - z);
  EXPECT_EQ(va, 69327812.0);  // the sum of the integer cells, exactly
}
