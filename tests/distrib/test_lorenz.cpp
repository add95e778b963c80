// Lorenz fits against the PovcalNet calculator example and, for Datt's rural India data, the closed forms
// against direct numerical integration of the fitted curve.
#include <gtest/gtest.h>

#include <cmath>

#include "distrib/grouped_data.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/lorenz.hpp"

using namespace worldsys;
using namespace worldsys::distrib;

namespace {
constexpr const char* kCalculator = "poverty/grouped/pip_calculator_example.csv";
constexpr const char* kDatt = "poverty/grouped/datt1998_grouped_data_rural_india_1983.csv";
const double kCalcMean = 51.56, kCalcLine = 1.9 * 365 / 12;

// FGT(α) and the headcount of a fitted curve by brute force: scan for L'(p) = z/μ, then composite Simpson.
Poverty brute_force(const LorenzFit& f, double mean, double z) {
  double lo = 1e-9, hi = 1 - 1e-9;
  for (int i = 0; i < 200; ++i) {
    const double mid = (lo + hi) / 2;
    (mean * f.slope(mid) < z ? lo : hi) = mid;
  }
  const double H = lo;
  // p = H t^8 smooths the integrable singularity of L' at 0 (Beta with γ < 1).
  const int n = 200000;  // even
  double g = 0, s = 0, watts = 0;
  for (int i = 1; i <= n; ++i) {
    const double t = double(i) / n, p = H * std::pow(t, 8), w = i == n ? 1 : (i % 2 ? 4 : 2);
    const double gap = 1 - mean * f.slope(p) / z, jac = 8 * H * std::pow(t, 7);
    g += w * gap * jac, s += w * gap * gap * jac;
    // Welfare the curve puts below 0.5 % of the mean is bottom-coded there (the documented Watts rule).
    watts += w * std::log(z / std::max(mean * f.slope(p), 0.005 * mean)) * jac;
  }
  return {H, g / (3 * n), s / (3 * n), watts / (3 * n)};
}
}  // namespace

TEST(Lorenz, CalculatorExampleQuadraticMatchesPovcalNet) {
  WORLDSYS_REQUIRE_DATA(kCalculator);
  const Grouped g = test::read_grouped(kCalculator, 0, 1, kCalcMean);
  const LorenzFit f = fit_quadratic(g);
  // Not a valid Lorenz curve here (L(1) = a + c = 0.943 < 1), which is why PIP chooses the Beta; the
  // calculator still prints its measures.
  EXPECT_FALSE(f.valid);
  EXPECT_NEAR(f.a + f.c, 0.943, 1e-3);
  const CurvePoverty r = poverty(f, g.mean, kCalcLine);
  EXPECT_TRUE(r.normal);
  EXPECT_NEAR(r.measures.headcount, 0.7601359, 1e-6);
  EXPECT_NEAR(r.measures.gap, 0.2762329, 1e-6);
  EXPECT_NEAR(r.measures.severity, 0.1283636, 1e-6);
}

TEST(Lorenz, CalculatorExampleSelectsBetaAsPip) {
  WORLDSYS_REQUIRE_DATA(kCalculator);
  const Grouped g = test::read_grouped(kCalculator, 0, 1, kCalcMean);
  const GroupedResult r = analyse_grouped(g, kCalcLine);
  EXPECT_EQ(r.poverty_model, LorenzModel::beta);
  EXPECT_TRUE(r.beta.valid) << r.beta.why_invalid;
  // Root-finder tolerance kRootTolerance = 1e-12 in p; the published figures have 5 digits.
  EXPECT_NEAR(r.measures.headcount, 0.71846, 1e-4);
  EXPECT_NEAR(r.measures.gap, 0.27143, 1e-4);
  EXPECT_LE(r.measures.severity, r.measures.gap);
  EXPECT_GT(r.measures.watts, r.measures.gap);  // ln(z/y) > 1 - y/z
  EXPECT_GT(r.gini, 0.3);
  EXPECT_LT(r.gini, 0.6);
  EXPECT_LT(r.median, kCalcMean);  // right-skewed
}

TEST(Lorenz, DattRuralIndiaClosedFormsAgreeWithNumericalIntegration) {
  WORLDSYS_REQUIRE_DATA(kDatt);
  const Grouped g = test::read_grouped(kDatt, 2, 3, 109.9);
  for (const LorenzFit& f : {fit_quadratic(g), fit_beta(g)}) {
    SCOPED_TRACE(name(f.model));
    EXPECT_TRUE(f.valid) << f.why_invalid;
    const Poverty closed = poverty(f, g.mean, 89).measures, brute = brute_force(f, g.mean, 89);
    EXPECT_NEAR(closed.headcount, brute.headcount, 1e-9);
    EXPECT_NEAR(closed.gap, brute.gap, 1e-8);
    EXPECT_NEAR(closed.severity, brute.severity, 1e-8);
    EXPECT_NEAR(closed.watts, brute.watts, 1e-8);
    // Gini: closed form (Beta) or quadrature (GQ) against the trapezoid on a fine grid.
    double area = 0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) area += (f.lorenz(double(i) / n) + f.lorenz(double(i + 1) / n)) / (2.0 * n);
    EXPECT_NEAR(gini(f), 1 - 2 * area, 1e-6);
    // The fit passes close to the data: rural India's headcount at Rs 89 was about 45 %.
    EXPECT_NEAR(closed.headcount, 0.45, 0.05);
  }
}

TEST(Lorenz, RefusesBadGroupedData) {
  Grouped g{{0.1, 0.3, 0.6, 1.0}, {0.02, 0.10, 0.35, 1.0}, 10};
  EXPECT_NO_THROW(validate(g));
  Grouped non_monotone = g;
  non_monotone.L[2] = 0.05;  // falls
  EXPECT_THROW(validate(non_monotone), Error);
  Grouped not_convex = g;
  not_convex.L = {0.05, 0.10, 0.35, 1.0};  // first group richer than the second
  try {
    validate(not_convex);
    FAIL() << "non-convex points accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("non-convex"), std::string::npos) << e.what();
  }
  Grouped short_sum = g;
  short_sum.L.back() = 0.97, short_sum.p.back() = 1;  // shares sum to 0.97
  EXPECT_THROW(validate(short_sum), Error);
  const double deciles_bad[] = {0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.12, 0.15, 0.3};  // sum 0.95
  EXPECT_THROW(from_quantile_shares(deciles_bad, 10), Error);
  Grouped no_mean = g;
  no_mean.mean = -1;
  EXPECT_THROW(fit_quadratic(no_mean), Error);
}

TEST(Lorenz, DecileSharesBecomeGroupedData) {
  const double d[] = {0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.10, 0.12, 0.16, 0.29};
  const Grouped g = from_quantile_shares(d, 5);
  ASSERT_EQ(g.p.size(), 10u);
  EXPECT_DOUBLE_EQ(g.p[4], 0.5);
  EXPECT_NEAR(g.L[4], 0.25, 1e-15);
  EXPECT_EQ(g.L.back(), 1.0);
  const GroupedResult r = analyse_grouped(g, 2.0);
  EXPECT_GT(r.measures.headcount, 0.1);
  EXPECT_LT(r.measures.headcount, 0.3);  // the bottom 20 % live on 0.35 of the mean = 1.75 on average
}
