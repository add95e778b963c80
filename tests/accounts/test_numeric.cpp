// Hand-checkable results, singular and non-productive systems.
#include <cmath>
#include <limits>
#include <regex>

#include "support.hpp"
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/accounts/synthetic.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/linalg/lu.hpp"

using namespace worldsys;

TEST(Leontief, OneSectorMultiplierIsOneOverOneMinusA) {
  // x = 100, Z = 25: A = 0.25, L = 1/0.75; y = 75; value added 75, S = 0.75, M = S L = 1.
  Mrio m;
  m.regions = {"R"};
  m.sectors = {"s"};
  m.sector_names = {"s"};
  m.categories = {"hh"};
  m.unit = "USD";
  m.Z = Matrix(1, 1, 25);
  m.Y = Matrix(1, 1, 75);
  m.x = {100};
  m.F = Matrix(0, 1);
  m.F_Y = Matrix(0, 1);
  add_value_added(m);
  const Leontief leo(m);
  EXPECT_DOUBLE_EQ(leo.L()(0, 0), 1.0 / 0.75);
  const Accounts a = compute_accounts(m, leo);
  EXPECT_DOUBLE_EQ(a.M(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(a.cba(0, 0), 75.0);
  EXPECT_DOUBLE_EQ(a.pba(0, 0), 75.0);
}

TEST(Leontief, TinyTableMatchesItsExplicitInverse) {
  const Mrio m = test::tiny_mrio();
  const Leontief leo(m);
  const Matrix L = leo.L();
  const Matrix X = leo.solve(m.Y_by_region());
  for (size_t r = 0; r < 2; ++r)
    for (size_t i = 0; i < 4; ++i) {
      double v = 0;
      const Matrix Yr = m.Y_by_region();
      for (size_t j = 0; j < 4; ++j) v += L(i, j) * Yr(j, r);
      EXPECT_NEAR(X(i, r), v, 1e-12 * v);
    }
  // Balanced table: L y reproduces x.
  const auto xh = X.row_sums();
  for (size_t i = 0; i < 4; ++i) EXPECT_NEAR(xh[i], m.x[i], 1e-12 * m.x[i]);
  // F_Y counts in both cba and pba of its region and is not traded.
  const Accounts a = compute_accounts(m, leo);
  double cba = 0, pba = 0;
  for (size_t r = 0; r < 2; ++r) cba += a.cba(0, r), pba += a.pba(0, r);
  EXPECT_NEAR(cba, 5 + 20 + 8 + 30 + 3 + 1, 1e-12);
  EXPECT_NEAR(pba, 5 + 20 + 8 + 30 + 3 + 1, 1e-12);
}

TEST(Leontief, NonProductiveSystemNamesTheSector) {
  Mrio m = test::tiny_mrio();
  m.x[1] = 1;  // N/manu buys 20 + 30 + 4 + 10 = 64 of inputs for 1 of output
  try {
    Leontief leo(m);
    FAIL() << "accepted a non-productive system";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::numeric);
    EXPECT_TRUE(std::regex_search(e.what(), std::regex("not productive.*N/manu \\(inputs 64")) ) << e.what();
  }
}

TEST(Leontief, OverflowIsNamedNotCalledASpectralRadius) {
  Mrio m = test::tiny_mrio();
  m.Z(0, 1) = std::numeric_limits<double>::quiet_NaN();  // a scenario's inf * 0, or a NaN let through
  try {
    Leontief leo(m);
    FAIL() << "accepted an infinite coefficient";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::numeric);
    const std::string what = e.what();
    EXPECT_NE(what.find("(N/agri, N/manu)"), std::string::npos) << what;  // the cell, whichever check meets it
    EXPECT_EQ(what.find("spectral radius"), std::string::npos) << what;
  }
}

TEST(Leontief, ProductiveDespiteAColumnSumAboveOne) {
  // One column of A sums above 1 but the spectral radius is below 1: the Collatz-Wielandt bounds decide.
  Matrix A(2, 2);
  A(0, 0) = 0.1, A(1, 0) = 0.1, A(0, 1) = 1.2, A(1, 1) = 0.05;
  const Productivity p = spectral_radius_bounds(A, {1.0, 1.0});
  EXPECT_TRUE(p.productive());
  // Exact spectral radius of [[0.1, 1.2], [0.1, 0.05]]: (0.15 + sqrt(0.05^2 + 4*0.12)) / 2.
  const double rho = (0.15 + std::sqrt(0.0025 + 0.48)) / 2;
  EXPECT_LE(p.lower, rho + 1e-12);
  EXPECT_GE(p.upper, rho - 1e-12);
}

TEST(LuFactor, SingularMatrixNamesTheColumn) {
  Matrix M(3, 3);
  M(0, 0) = 1, M(1, 1) = 1, M(0, 2) = 2, M(1, 2) = 3;  // third column = 2 e1 + 3 e2; row 3 empty
  try {
    LuFactor lu(M, [](size_t i) { return "sector" + std::to_string(i); });
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::numeric);
    EXPECT_NE(std::string(e.what()).find("column 2 (sector2)"), std::string::npos) << e.what();
  }
}

TEST(LuFactor, NaNIsRefused) {
  Matrix M(2, 2, 1.0);
  M(1, 0) = std::nan("");
  EXPECT_THROW(LuFactor{M}, Error);
}

TEST(LuFactor, TransposedSolveAndConditionEstimate) {
  Matrix M(2, 2);
  M(0, 0) = 2, M(0, 1) = 1, M(1, 0) = 0, M(1, 1) = 4;
  LuFactor lu(M);
  Matrix b(2, 1);
  b(0, 0) = 2, b(1, 0) = 9;  // M^T x = b: 2 x0 = 2, x0 + 4 x1 = 9 -> x = (1, 2)
  lu.solve_transposed(b);
  EXPECT_DOUBLE_EQ(b(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(b(1, 0), 2.0);
  // ||M||_1 = 5; M^-1 = [[0.5, -0.125], [0, 0.25]], ||M^-1||_1 = 0.5: rcond = 1 / 2.5 (dgecon is exact here).
  EXPECT_NEAR(lu.rcond(), 0.4, 1e-12);
}

TEST(Accounts, LargerThanMemoryFailsEarlyWithWhatWouldHelp) {
  const Mrio m = synthetic_mrio({12, 30, 2, 3, 5});
  AccountsOptions opt;
  opt.memory_limit = accounts_memory(m, opt) - 1;
  try {
    compute_accounts(m, opt);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("use --precision float32"), std::string::npos) << e.what();
  }
  opt.precision = Precision::float32;
  EXPECT_LT(accounts_memory(m, opt), opt.memory_limit);  // float32 halves the factorization
  EXPECT_NO_THROW(compute_accounts(m, opt));
}

namespace {
double max_rel_diff(const Matrix& a, const Matrix& b) {
  double scale = 0, worst = 0;
  for (size_t i = 0; i < b.size(); ++i) scale = std::max(scale, std::fabs(b.data()[i]));
  for (size_t i = 0; i < b.size(); ++i) worst = std::max(worst, std::fabs(a.data()[i] - b.data()[i]));
  return worst / scale;
}
// A draw-like neighbour: every cell of Z times 1 + 0.1 u (u in [-1, 1] from a fixed pattern), x rebalanced.
Mrio nudged(const Mrio& base, double size) {
  Mrio m = base;
  for (size_t c = 0; c < m.Z.size(); ++c) m.Z.data()[c] *= 1 + size * std::sin(double(c) * 12.9898);
  const auto z0 = base.Z.row_sums(), z1 = m.Z.row_sums();
  for (size_t i = 0; i < m.n(); ++i) m.x[i] += z1[i] - z0[i];
  return m;
}
}  // namespace

TEST(Leontief, RefinedOnANeighboursFactorsEqualsTheDirectSolve) {
  // A table near one already factored, solved by refinement on the neighbour's LU: the same X and multipliers as
  // its own factorization, to 1e-12 of the largest entry; no factorization made.
  const Mrio base = synthetic_mrio({6, 50, 2, 4, 3});  // n = 300
  const Mrio m = nudged(base, 0.1);
  const Leontief published(base), near(m, published), direct(m);
  const Matrix y = m.Y_by_region();
  Matrix y1(m.n(), 1);
  for (size_t i = 0; i < m.n(); ++i) y1(i, 0) = y(i, 0);
  EXPECT_LT(max_rel_diff(near.solve(y1), direct.solve(y1)), 1e-12);
  const Matrix S = intensities(m.F, m.x);
  EXPECT_LT(max_rel_diff(near.multipliers(S), direct.multipliers(S)), 1e-12);
  EXPECT_FALSE(near.stats().factored);
  EXPECT_GT(near.stats().iterations, 0);
  EXPECT_GT(near.stats().contraction, 0);
  EXPECT_LT(near.stats().contraction, 0.5);
  EXPECT_LE(near.stats().residual, 1e-13);
  // A table near a neighbour that never factored refines on that neighbour's own factors.
  const Mrio m2 = nudged(base, 0.05);
  const Leontief chained(m2, near), direct2(m2);
  EXPECT_LT(max_rel_diff(chained.solve(y1), direct2.solve(y1)), 1e-12);
  EXPECT_FALSE(chained.stats().factored);
  // The accounts on either agree as closely, and pass the identity check.
  const Accounts a = compute_accounts(m, near), b = compute_accounts(m, direct);
  EXPECT_LT(max_rel_diff(a.cba, b.cba), 1e-11);
  EXPECT_LT(max_rel_diff(a.imp, b.imp), 1e-11);
}

TEST(Leontief, FarFromTheNeighbourItFactorsItself) {
  // Z scaled by half: the neighbour's LU contracts the error too slowly (rate about 1/2 or worse), so the table is
  // factored and solved directly, with the direct solve's results.
  const Mrio base = synthetic_mrio({6, 50, 2, 4, 3});
  Mrio m = base;
  for (size_t c = 0; c < m.Z.size(); ++c) m.Z.data()[c] *= 0.3;
  const Leontief published(base), near(m, published), direct(m);
  const Matrix y = m.Y_by_region();
  EXPECT_EQ(max_rel_diff(near.solve(y), direct.solve(y)), 0.0);
  EXPECT_TRUE(near.stats().factored);
  EXPECT_GT(near.stats().contraction, 0.5);
  // A table of another size cannot be refined on these factors.
  const Mrio other = synthetic_mrio({5, 50, 2, 4, 3});
  EXPECT_THROW(Leontief(other, published), Error);
}
