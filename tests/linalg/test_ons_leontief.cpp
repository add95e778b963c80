// An official reference for the inversion: ONS publishes, for the UK in 2010, both the coefficient matrix A
// (product by product, domestic use) and its Leontief inverse. Our factorization of I - A must reproduce it.
#include <cmath>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/eurostat_long.hpp"
#include "worldsys/linalg/lu.hpp"

using namespace worldsys;

TEST(OnsUk2010, LeontiefInverseFromPublishedCoefficientsMatchesPublishedInverse) {
  WORLDSYS_REQUIRE_DATA("mrio/national/eurostat_iotables/uk_2010_data.csv.gz");
  const auto path = test::shared_data() / "mrio/national/eurostat_iotables/uk_2010_data.csv.gz";
  const auto A = io::read_eurostat_long(path, "Matrix of coefficients (product by product)");
  const auto L = io::read_eurostat_long(path, "Leontief Inverse (product by product)");
  // Products are the columns of A (A's extra rows are value added, imports and totals; L adds a "Total" row
  // and column).
  const size_t n = A.cols.size();
  ASSERT_EQ(n, 127u);
  ASSERT_EQ(L.cols.size(), n + 1);
  Matrix IA(n, n);
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) IA(i, j) = (i == j) - A.values(A.row_index(A.cols[i]), j);
  const Matrix Lw = LuFactor(IA).inverse();
  double max_abs = 0, max_rel = 0;
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) {
      const double ons = L.values(L.row_index(L.cols[i]), L.col_index(A.cols[j]));
      const double d = std::fabs(Lw(i, j) - ons);
      max_abs = std::max(max_abs, d);
      if (std::fabs(ons) > 1e-3) max_rel = std::max(max_rel, d / std::fabs(ons));
    }
  // ONS prints 15 significant digits; what remains is their rounding of A and of L.
  RecordProperty("max_abs_diff", std::to_string(max_abs));
  RecordProperty("max_rel_diff", std::to_string(max_rel));
  std::printf("ONS UK 2010: max |L_worldsys - L_ONS| = %.3g, max relative (|L| > 1e-3) = %.3g\n", max_abs, max_rel);
  EXPECT_LT(max_abs, 1e-12);  // measured: 5.8e-15
  // The published "Total" row holds the column sums of L (output multipliers), the "Total" column the row sums.
  for (size_t j = 0; j < n; ++j) {
    double col = 0, row = 0;
    for (size_t i = 0; i < n; ++i) col += Lw(i, j), row += Lw(j, i);
    EXPECT_NEAR(col, L.values(L.row_index("Total"), L.col_index(A.cols[j])), 1e-9);
    EXPECT_NEAR(row, L.values(L.row_index(A.cols[j]), L.col_index("Total")), 1e-9);
  }
}

TEST(EurostatLong, MissingIndicatorIsAnError) {
  test::TempDir tmp;
  test::write_file(tmp / "t.csv", "uk_row,uk_col,values,indicator\n01,01,0.5,A\n");
  EXPECT_THROW(io::read_eurostat_long(tmp / "t.csv", "B"), Error);
  test::write_file(tmp / "t.csv", "uk_row,uk_col,values,indicator\n01,01,x,A\n");
  try {
    io::read_eurostat_long(tmp / "t.csv", "A");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("t.csv:2:7: expected a number, found 'x'"), std::string::npos) << e.what();
  }
}
