// GLORIA's streamed import (issue 5): T is never held whole. The import must equal the dense path it replaced
// (T read into a TextTable, then the accessor conversion of io/sut.hpp) bit for bit, also when the supply table has a
// secondary product (the general path) or is a permuted diagonal; streamed tables must give the same
// file:line:column errors as dense ones.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "io/sut.hpp"
#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

std::string slurp_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + '\n';
  return s;
}

// The file in `dir` whose name contains `what` (e.g. "_T-Results_").
fs::path member(const fs::path& dir, const std::string& what) {
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(what) != std::string::npos) return e.path();
  ADD_FAILURE() << "no " << what << " in " << dir;
  return {};
}

// What the reader computed before streaming: T and Y read whole, then the accessor conversion.
io::detail::IndustryIo dense_path(const fs::path& mrio_dir, size_t R, size_t S, size_t K) {
  const size_t n = R * S;
  auto ind = [&](size_t i) { return (i / S) * 2 * S + i % S; };
  auto prod = [&](size_t p) { return (p / S) * 2 * S + S + p % S; };
  io::TableSpec spec;
  spec.sep = ',';
  spec.rows = 2 * n;
  spec.cols = 2 * n;
  const auto T = io::read_table(*io::open_file(member(mrio_dir, "_T-Results_")), spec);
  spec.cols = R * K;
  const auto Y = io::read_table(*io::open_file(member(mrio_dir, "_Y-Results_")), spec);
  return io::detail::industry_technology(
      n, n, R * K, [&](size_t i, size_t p) { return T.values(ind(i), prod(p)); },
      [&](size_t p, size_t j) { return T.values(prod(p), ind(j)); }, [&](size_t p, size_t c) { return Y.values(prod(p), c); });
}

void expect_identical(const Mrio& got, const io::detail::IndustryIo& want) {
  EXPECT_EQ(got.Z, want.Z);
  EXPECT_EQ(got.Y, want.Y);
  EXPECT_EQ(got.x, want.x);
}

constexpr size_t kFd = 6;  // GLORIA's final-demand categories

// A GLORIA fixture of regions x sectors written unpacked (folders of the zips' names), so that single files can be
// read or damaged.
io::Fixture unpacked_fixture(const fs::path& dir, size_t regions, size_t sectors) {
  io::FixtureOptions o;
  o.regions = regions;
  o.sectors = sectors;
  o.unpacked = true;
  return io::write_fixture("gloria", dir, o);
}

TEST(Gloria, StreamedImportEqualsTheDensePath) {
  for (const unsigned threads : {1u, 2u}) {
    TempDir tmp;
    const auto fx = unpacked_fixture(tmp.path, 5, 7);
    io::ImportOptions io_opt;
    io_opt.threads = threads;
    const Mrio got = io::import_table("gloria", tmp.path, io_opt);
    expect_identical(got, dense_path(tmp / "GLORIA_MRIOs_59_2022", 5, 7, kFd));
    EXPECT_EQ(got.Z, fx.expected.Z);
    EXPECT_EQ(got.F, fx.expected.F);
    EXPECT_EQ(got.F_Y, fx.expected.F_Y);
  }
}

// A secondary product: industry 0 also makes product 1, so product 1 has two makers and the general path runs.
TEST(Gloria, SecondaryProductTakesTheGeneralPath) {
  TempDir tmp;
  const auto fx = unpacked_fixture(tmp.path, 3, 4);
  const fs::path t_file = member(tmp / "GLORIA_MRIOs_59_2022", "_T-Results_");
  auto rows = lines_of(slurp_text(t_file));
  const size_t S = 4, n = 12, extra_col = S + 1;  // industry 0's row, product 1's column
  auto fields = io::split_line(rows[0], ',');
  ASSERT_EQ(fields.size(), 2 * n);
  ASSERT_EQ(fields[extra_col], "0.0");
  fields[extra_col] = "1234.5";
  rows[0].clear();
  for (size_t j = 0; j < fields.size(); ++j) rows[0] += (j ? "," : "") + fields[j];
  test::write_file(t_file, joined(rows));

  const Mrio got = io::import_table("gloria", tmp.path, {});
  expect_identical(got, dense_path(tmp / "GLORIA_MRIOs_59_2022", 3, S, kFd));
  // By hand: U is the fixture's Z; industry 0 gets all of product 0 and the share a of product 1.
  const Matrix& U = fx.expected.Z;
  const double x1 = fx.expected.x[1], a = 1234.5 / (1234.5 + x1), b = x1 / (1234.5 + x1);
  ASSERT_GT(x1, 0);
  EXPECT_EQ(got.x[0], fx.expected.x[0] + 1234.5);
  EXPECT_EQ(got.x[1], x1);
  for (size_t j = 0; j < n; ++j) {
    EXPECT_EQ(got.Z(0, j), U(0, j) + a * U(1, j)) << j;
    EXPECT_EQ(got.Z(1, j), b * U(1, j)) << j;
    EXPECT_EQ(got.Z(2, j), U(2, j)) << j;
  }
  // The columns of D sum to one: intermediate inputs per industry are unchanged.
  const auto zc = got.Z.col_sums(), uc = U.col_sums();
  for (size_t j = 0; j < n; ++j) EXPECT_NEAR(zc[j], uc[j], 1e-12 * (1 + uc[j]));
}

// Bad T: the streamed read still names file, line and column.
TEST(Gloria, DamagedTNamesFileLineAndColumn) {
  struct Damage {
    std::string name, expect;
    std::function<void(std::vector<std::string>&)> apply;
  };
  const std::vector<Damage> cases = {
      {"truncated", "data rows, expected 24; is the file truncated?", [](auto& r) { r.pop_back(); }},
      {"extra row", "csv:25:1: more rows than the 24 expected", [](auto& r) { r.push_back(r.back()); }},
      {"short row", "csv:3:", [](auto& r) { r[2] = r[2].substr(0, r[2].rfind(',')); }},
      {"long row", "csv:4:", [](auto& r) { r[3] += ",0.0"; }},
      {"not a number", "csv:5:5: expected a number, found 'abc'", [](auto& r) { r[4] = "0.0,abc" + r[4].substr(r[4].find(',', r[4].find(',') + 1)); }},
  };
  for (const auto& c : cases) {
    TempDir tmp;
    unpacked_fixture(tmp.path, 3, 4);  // T is 24 x 24
    const fs::path t_file = member(tmp / "GLORIA_MRIOs_59_2022", "_T-Results_");
    auto rows = lines_of(slurp_text(t_file));
    ASSERT_EQ(rows.size(), 24u);
    c.apply(rows);
    test::write_file(t_file, joined(rows));
    try {
      io::import_table("gloria", tmp.path, {});
      ADD_FAILURE() << c.name << ": no error";
    } catch (const Error& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("T-Results_2022_059_Markup001(full).csv"), std::string::npos) << c.name << ": " << what;
      EXPECT_NE(what.find(c.expect), std::string::npos) << c.name << ": " << what;
      EXPECT_EQ(e.kind(), ErrorKind::input) << c.name;
    }
  }
}

// --- the conversion on owned matrices (io/sut.hpp) against the accessor version --------------------------------

io::detail::IndustryIo by_accessors(const Matrix& M, const Matrix& U, const Matrix& Yp) {
  return io::detail::industry_technology(
      M.rows(), M.cols(), Yp.cols(), [&](size_t i, size_t p) { return M(i, p); }, [&](size_t p, size_t j) { return U(p, j); },
      [&](size_t p, size_t c) { return Yp(p, c); });
}

io::detail::IndustryIo by_owned(const Matrix& M, Matrix U, Matrix Yp) {
  std::vector<io::detail::MakeEntry> make;
  for (size_t p = 0; p < M.cols(); ++p)
    for (size_t i = 0; i < M.rows(); ++i)
      if (M(i, p) != 0) make.push_back({i, p, M(i, p)});
  return io::detail::industry_technology(std::move(U), std::move(Yp), make);
}

Matrix filled(size_t r, size_t c, double base) {
  Matrix a(r, c);
  for (size_t j = 0; j < c; ++j)
    for (size_t i = 0; i < r; ++i) a(i, j) = base + 0.37 * double(i) + 1.9 * double(j) + 0.001 * double(i * j);
  return a;
}

TEST(SupplyUse, OwnedConversionEqualsAccessorsForEverySupplyShape) {
  const size_t n = 4;
  const Matrix U = filled(n, n, 1.0), Yp = filled(n, 3, 5.0);
  // Diagonal with a zero (an industry and a product nobody makes), permuted, and with a secondary product.
  Matrix diag(n, n), perm(n, n), secondary(n, n);
  diag(0, 0) = 10, diag(1, 1) = 20, diag(3, 3) = 40;
  perm(0, 2) = 10, perm(1, 0) = 20, perm(3, 3) = 40;  // industry 2 and product 1: nothing
  secondary = diag;
  secondary(0, 1) = 5, secondary(2, 2) = 30;
  for (const Matrix* M : {&diag, &perm, &secondary}) {
    const auto want = by_accessors(*M, U, Yp);
    const auto got = by_owned(*M, U, Yp);
    EXPECT_EQ(got.Z, want.Z);
    EXPECT_EQ(got.Y, want.Y);
    EXPECT_EQ(got.x, want.x);
  }
  // The permuted supply by hand: industry 0 takes product 2's use row, industry 1 product 0's, industry 2 none.
  const auto p = by_owned(perm, U, Yp);
  for (size_t j = 0; j < n; ++j) {
    EXPECT_EQ(p.Z(0, j), U(2, j));
    EXPECT_EQ(p.Z(1, j), U(0, j));
    EXPECT_EQ(p.Z(2, j), 0.0);
    EXPECT_EQ(p.Z(3, j), U(3, j));
  }
  EXPECT_EQ(p.x, (std::vector<double>{10, 20, 0, 40}));
  // With a secondary product: product 1 is shared 5 : 20 between industries 0 and 1.
  const auto s = by_owned(secondary, U, Yp);
  for (size_t j = 0; j < n; ++j) {
    EXPECT_EQ(s.Z(0, j), U(0, j) + 0.2 * U(1, j));
    EXPECT_EQ(s.Z(1, j), 0.8 * U(1, j));
  }
}

// The diagonal case reuses U's memory instead of allocating a second n x n matrix.
TEST(SupplyUse, DiagonalSupplyReusesTheUseMatrix) {
  const size_t n = 3;
  Matrix U = filled(n, n, 1.0), M(n, n);
  M(0, 0) = 1, M(1, 1) = 2, M(2, 2) = 3;
  const double* buffer = U.data();
  std::vector<io::detail::MakeEntry> make = {{0, 0, 1}, {1, 1, 2}, {2, 2, 3}};
  const auto out = io::detail::industry_technology(std::move(U), filled(n, 2, 0.0), make);
  EXPECT_EQ(out.Z.data(), buffer);
}

// --- streamed text tables -------------------------------------------------------------------------------------

io::TextTable parse(const std::string& text, io::TableSpec spec) {
  TempDir tmp;
  test::write_file(tmp / "t.txt", text);
  return io::read_table(*io::open_file(tmp / "t.txt"), spec);
}

// Streams `text` into a matrix, checking that every row arrives once in blocks of consecutive rows.
Matrix streamed(const std::string& text, io::TableSpec spec, size_t rows) {
  Matrix out(rows, spec.cols);
  std::vector<std::atomic<int>> seen(rows);
  spec.on_rows = [&](size_t first, size_t count, const double* block, size_t cols) {
    EXPECT_EQ(cols, spec.cols);
    EXPECT_LE(first + count, rows);
    for (size_t r = 0; r < count; ++r) {
      ++seen[first + r];
      for (size_t j = 0; j < cols; ++j) out(first + r, j) = block[r * cols + j];
    }
  };
  const auto t = parse(text, spec);
  EXPECT_EQ(t.rows(), 0u);  // nothing kept
  for (size_t i = 0; i < rows; ++i) EXPECT_EQ(seen[i].load(), 1) << i;
  return out;
}

TEST(TextTable, StreamedRowsEqualTheDenseTable) {
  // Over 1 MB so that chunks are split between threads.
  const size_t rows = 700, cols = 300;
  std::string text;
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) text += (j ? "," : "") + std::to_string(i * 1000 + j) + ".125";
    text += "\n";
  }
  ASSERT_GT(text.size(), size_t(1) << 20);
  io::TableSpec s;
  s.sep = ',';
  s.cols = cols;
  s.threads = 1;
  const Matrix dense = parse(text, s).values;  // rows unknown: the row-major path
  for (const unsigned threads : {1u, 2u, 4u}) {
    s.threads = threads;
    s.rows = 0;
    EXPECT_EQ(streamed(text, s, rows), dense) << threads;
    s.rows = rows;
    EXPECT_EQ(streamed(text, s, rows), dense) << threads;
  }
  EXPECT_EQ(dense(699, 7), 699007.125);
}

TEST(TextTable, StreamedErrorsAreTheDenseOnes) {
  io::TableSpec s;
  s.sep = ',';
  s.cols = 3;
  s.rows = 3;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1,2,3\n4,5,6\n", "t.txt: 2 data rows, expected 3; is the file truncated?"},
      {"1,2,3\n4,5\n7,8,9\n", "t.txt:2:4: expected 3 fields"},
      {"1,2,3\n4,5,6,7\n7,8,9\n", "t.txt:2:6: expected 3 fields"},
      {"1,2,3\n4,5,6\n7,x8,9\n", "t.txt:3:3: expected a number, found 'x8'"},
      {"1,2,3\n4,5,6\n7,8,9\n1,2,3\n", "t.txt:4:1: more rows than the 3 expected"},
  };
  for (const auto& [text, expect] : cases) {
    std::string dense, stream;
    try {
      parse(text, s);
    } catch (const Error& e) {
      dense = e.what();
    }
    io::TableSpec st = s;
    st.on_rows = [](size_t, size_t, const double*, size_t) {};
    try {
      parse(text, st);
    } catch (const Error& e) {
      stream = e.what();
    }
    EXPECT_NE(dense.find(expect), std::string::npos) << dense;
    auto after_dir = [](const std::string& m) { return m.substr(std::min(m.size(), m.find("t.txt"))); };  // temp dirs differ
    EXPECT_EQ(after_dir(stream), after_dir(dense));
  }
}

}  // namespace
}  // namespace worldsys
