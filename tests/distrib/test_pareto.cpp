// Generalized Pareto interpolation: the US 2010 labour income tabulation against the reference results in
// shared note 05, and an exact Pareto law against its closed forms.
#include <gtest/gtest.h>

#include <cmath>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/pareto.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/text.hpp"

using namespace worldsys;
using namespace worldsys::distrib;

TEST(Pareto, Us2010LabourIncomeMatchesReference) {
  const char* rel = "poverty/tabulations/us2010_labour_income.csv";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto path = test::shared_data() / rel;
  io::CsvReader r(io::read_text(path), path.string());
  r.next();
  Tabulation t;
  while (r.next()) {
    t.mean = r.number(4);
    t.p.push_back(r.number(5));
    t.threshold.push_back(r.number(6));
    t.bracket_average.push_back(r.number(7));
  }
  const ParetoInterpolation g(t);
  auto rel_near = [](double a, double b, double tol) { EXPECT_NEAR(a / b, 1, tol) << a << " vs " << b; };
  const double s[] = {0.1002302, 0.3697767, 0.527176, 0.4493693};
  const double a[] = {0.5723798, 0.3092078, -0.02732316, -0.03379101};
  for (int k = 0; k < 4; ++k) {
    rel_near(g.slopes()[k], s[k], 1e-6);
    rel_near(g.curvatures()[k], a[k], 1e-6);
  }
  rel_near(g.tail_sigma(), 100726.0, 1e-6);
  rel_near(g.tail_xi(), 0.6119985, 1e-6);
  rel_near(g.bottom_sigma(), 9696.929, 1e-6);
  rel_near(g.bottom_xi(), -2.347925, 1e-6);
  const double p[] = {0.05, 0.2, 0.3, 0.5, 0.7, 0.8, 0.95, 0.995, 0.999};
  const double q[] = {811.25, 7611.90, 12019.33, 23686, 41424.85, 54725.65, 101674.4, 298823.7, 720856.3};
  const double half_digit[] = {0.005, 0.005, 0.005, 0.5, 0.005, 0.005, 0.05, 0.05, 0.05};  // printed precision
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(g.quantile(p[i]), q[i], half_digit[i]) << p[i];
  EXPECT_NEAR(g.top_share(0.5), 0.8607676, 1e-7);
  EXPECT_NEAR(g.top_share(0.9), 0.3887401, 1e-7);
  EXPECT_NEAR(g.top_share(0.99), 0.1267101, 1e-7);
  EXPECT_NEAR(g.inverted_pareto(0.5), 2.704335, 1e-6);
  EXPECT_NEAR(g.inverted_pareto(0.95), 1.990432, 1e-6);
  EXPECT_NEAR(g.inverted_pareto(0.99), 2.225341, 1e-6);
  EXPECT_NEAR(g.gini(), 0.543405, 2e-6);
  // Poverty at a tabulated threshold: the headcount is its fractile, the gap follows from m exactly.
  const Poverty pv = g.poverty(23686);
  EXPECT_NEAR(pv.headcount, 0.5, 1e-9);
  EXPECT_NEAR(pv.gap, 0.5 - (t.mean - g.top_average_mass(0.5)) / 23686, 1e-9);
  EXPECT_GT(pv.severity, 0);
  EXPECT_LT(pv.severity, pv.gap);
  // The interpolant reproduces its inputs: thresholds and the overall mean.
  for (int k = 0; k < 4; ++k) rel_near(g.quantile(t.p[k]), t.threshold[k], 1e-12);
  rel_near(g.top_average_mass(0), t.mean, 1e-9);
}

TEST(Pareto, ExactParetoLawIsReproducedInClosedForm) {
  // Pareto(α) with scale 1: Q(p) = (1-p)^(-1/α); bracket averages from m(p) = α/(α-1) (1-p)^(1-1/α).
  const double alpha = 2.5;
  auto Q = [&](double p) { return std::pow(1 - p, -1 / alpha); };
  auto m = [&](double p) { return alpha / (alpha - 1) * std::pow(1 - p, 1 - 1 / alpha); };
  Tabulation t;
  t.p = {0, 0.5, 0.9, 0.99, 0.999};
  t.mean = m(0);
  for (size_t k = 0; k < t.p.size(); ++k) {
    const double next = k + 1 < t.p.size() ? t.p[k + 1] : 1;
    t.threshold.push_back(Q(t.p[k]));
    t.bracket_average.push_back((m(t.p[k]) - m(next)) / (next - t.p[k]));
  }
  const ParetoInterpolation g(t);
  for (size_t k = 0; k < t.p.size(); ++k) {
    EXPECT_NEAR(g.slopes()[k], 1 - 1 / alpha, 1e-12);
    EXPECT_NEAR(g.curvatures()[k], 0, 1e-9);
  }
  EXPECT_NEAR(g.tail_xi(), 1 / alpha, 1e-9);
  for (double p : {0.1, 0.25, 0.7, 0.95, 0.9999}) {
    EXPECT_NEAR(g.quantile(p) / Q(p), 1, 1e-9) << p;
    EXPECT_NEAR(g.inverted_pareto(p), alpha / (alpha - 1), 1e-9) << p;
  }
  EXPECT_NEAR(g.gini(), 1 / (2 * alpha - 1), 1e-9);
  // Poverty at z on Pareto(α, 1): H = 1 - z^-α, gap = H - (α/(α-1)) (1 - (1-H)^(1-1/α)) / z.
  for (double z : {1.5, 3.0, 20.0}) {
    const Poverty pv = g.poverty(z);
    const double H = 1 - std::pow(z, -alpha);
    EXPECT_NEAR(pv.headcount, H, 1e-10) << z;
    EXPECT_NEAR(pv.gap, H - alpha / (alpha - 1) * (1 - std::pow(1 - H, 1 - 1 / alpha)) / z, 1e-10) << z;
    // Severity against a fine midpoint rule on Q(p) = (1-p)^(-1/α).
    double sev = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) sev += std::pow(1 - Q(H * (i + 0.5) / n) / z, 2) * H / n;
    EXPECT_NEAR(pv.severity, sev, 1e-8) << z;
  }
}

TEST(Pareto, RefusesInconsistentTabulations) {
  Tabulation t{{0.1, 0.5, 0.9}, {10, 20, 40}, {15, 30, 80}, 26.5};  // bottom average 5
  EXPECT_NO_THROW(ParetoInterpolation{t});
  Tabulation bad = t;
  bad.bracket_average[1] = 45;  // above the next threshold
  EXPECT_THROW(ParetoInterpolation{bad}, Error);
  bad = t;
  bad.threshold[2] = 15;  // thresholds fall
  EXPECT_THROW(ParetoInterpolation{bad}, Error);
}
