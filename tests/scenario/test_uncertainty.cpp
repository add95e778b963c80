// Monte Carlo: reproducible draws, sigma = 0 is the baseline, thread count does not matter, and the error model's
// mean and spread hold (seeded, so the statistical checks cannot flake).
#include <gtest/gtest.h>

#include <cmath>

#include "support.hpp"
#include "worldsys/accounts/synthetic.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/scenario/uncertainty.hpp"

namespace worldsys::scenario {
namespace {

ErrorModel relative(double z, double y, double f) {
  ErrorModel e;
  e.sigma_Z = z, e.sigma_Y = y, e.sigma_F = f;
  return e;
}

TEST(Uncertainty, StandardNormalMoments) {
  // 200,000 keyed numbers: mean within 5 standard errors of 0, variance within 5 of 1 (sd of s^2 ~ sqrt(2/N)).
  const size_t N = 200000;
  double s1 = 0, s2 = 0;
  for (size_t c = 0; c < N; ++c) {
    const double e = standard_normal(42, c % 7, 1 + c % 3, c);
    s1 += e, s2 += e * e;
  }
  const double mean = s1 / N, var = s2 / N - mean * mean;
  EXPECT_LT(std::fabs(mean), 5 / std::sqrt(double(N)));
  EXPECT_LT(std::fabs(var - 1), 5 * std::sqrt(2.0 / N));
  EXPECT_EQ(standard_normal(1, 2, 3, 4), standard_normal(1, 2, 3, 4));
  EXPECT_NE(standard_normal(1, 2, 3, 4), standard_normal(1, 3, 3, 4));
}

TEST(Uncertainty, PerturbIsReproducibleAndMeanPreserving) {
  const Mrio base = test::tiny_mrio();
  const ErrorModel e = relative(0.1, 0.1, 0.1);
  const Mrio a = perturb(base, e, 7, 3), b = perturb(base, e, 7, 3), c = perturb(base, e, 7, 4);
  EXPECT_EQ(a.Z, b.Z);
  EXPECT_EQ(a.Y, b.Y);
  EXPECT_EQ(a.F, b.F);
  EXPECT_EQ(a.x, b.x);
  EXPECT_FALSE(a.Z == c.Z);
  EXPECT_FALSE(a.Z == base.Z);
  // Rebalanced: x' = Z'1 + Y'1 (tiny is balanced).
  const auto z = a.Z.row_sums(), y = a.Y.row_sums();
  for (size_t i = 0; i < a.n(); ++i) EXPECT_NEAR(a.x[i], z[i] + y[i], 1e-12 * a.x[i]);
  // E[z'/z] = 1, sd = sqrt(exp(s^2) - 1): the mean over 4,000 draws x 16 cells within 5 standard errors.
  const double sd = std::sqrt(std::expm1(0.01));
  double sum = 0;
  size_t count = 0;
  for (size_t d = 0; d < 4000; ++d) {
    const Mrio p = perturb(base, e, 11, d);
    for (size_t i = 0; i < p.Z.size(); ++i) sum += p.Z.data()[i] / base.Z.data()[i], ++count;
  }
  EXPECT_LT(std::fabs(sum / count - 1), 5 * sd / std::sqrt(double(count)));
}

TEST(Uncertainty, SigmaZeroIsTheBaselineExactly) {
  const Mrio base = io::read_store(io::default_store_path());
  const Mrio p = perturb(base, ErrorModel{}, 1, 0);
  EXPECT_EQ(p.Z, base.Z);
  EXPECT_EQ(p.x, base.x);
  // Only Y perturbed: Z untouched, and rows whose Y did not move keep x bit for bit.
  const ErrorModel only_f = relative(0, 0, 0.2);
  const Mrio q = perturb(base, only_f, 1, 0);
  EXPECT_EQ(q.Z, base.Z);
  EXPECT_EQ(q.Y, base.Y);
  EXPECT_EQ(q.x, base.x);
  EXPECT_FALSE(q.F == base.F);
  UncertaintyOptions o;
  o.stressors = {"labour_hours", "value_added"};
  o.threads = 1;
  const Table t = uncertainty(base, ErrorModel{}, 5, 3, o).intervals;
  for (size_t r = 0; r < t.rows(); ++r) {
    ASSERT_EQ(t.column("mean").num[r], t.column("baseline").num[r]);
    ASSERT_EQ(t.column("p2_5").num[r], t.column("baseline").num[r]);
    ASSERT_EQ(t.column("p97_5").num[r], t.column("baseline").num[r]);
    ASSERT_EQ(t.column("sd").num[r], 0.0);
  }
}

TEST(Uncertainty, DrawCountOutOfRangeIsAUsageError) {
  const Mrio base = io::read_store(io::default_store_path());
  for (std::size_t draws : {std::size_t(0), std::size_t(1) << 62}) {  // 2^62 was a bad_alloc (an internal error)
    try {
      uncertainty(base, ErrorModel{}, 1, draws, UncertaintyOptions{});
      FAIL() << draws;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::usage) << e.what();
    }
  }
}

TEST(Uncertainty, ThreadCountDoesNotMatter) {
  const Mrio base = io::read_store(io::default_store_path());
  const Concordance g = io::load_concordance("world10-north-south", base.regions, "region");
  UncertaintyOptions o;
  o.stressors = {"labour_hours"};
  o.groups = &g;
  o.partition = exchange::make_partition(g);
  o.valuations = {exchange::Valuation::northern_prices, exchange::Valuation::wage_gap};
  const ErrorModel e = relative(0.1, 0.1, 0.1);
  o.threads = 1;
  const Table a = uncertainty(base, e, 2024, 12, o).intervals;
  o.threads = 2;
  const Table b = uncertainty(base, e, 2024, 12, o).intervals;
  ASSERT_EQ(a.rows(), b.rows());
  for (const auto& name : {"baseline", "mean", "sd", "p2_5", "p50", "p97_5"})
    EXPECT_EQ(a.column(name).num, b.column(name).num) << name;
  // The drain is there, with an interval around it.
  bool drain = false;
  for (size_t r = 0; r < a.rows(); ++r)
    if (a.column("measure").text[r] == "drain") {
      drain = true;
      EXPECT_LT(a.column("p2_5").num[r], a.column("p97_5").num[r]);
    }
  EXPECT_TRUE(drain);
}

TEST(Uncertainty, PbaMeanAndSpreadFollowTheErrorModel) {
  // With only F perturbed, pba_r = sum_j F_rj + F_Y,r is linear in the cells: E = baseline exactly and
  // var = (exp(s^2) - 1) sum of squares of the cells. 2,000 draws; the mean within 5 standard errors, the sd
  // within 15 % (its relative standard error is about 1/sqrt(2 x 2000) = 1.6 %).
  const Mrio base = test::tiny_mrio();
  const double s = 0.1;
  const ErrorModel e = relative(0, 0, s);
  UncertaintyOptions o;
  o.stressors = {"co2"};
  const size_t D = 2000;
  const Table t = uncertainty(base, e, 99, D, o).intervals;
  const double k = std::expm1(s * s);
  for (size_t r = 0; r < t.rows(); ++r) {
    if (t.column("measure").text[r] != "pba") {
      continue;
    }
    const size_t reg = t.column("region").text[r] == "N" ? 0 : 1;
    double ss = base.F_Y(0, reg * 2) * base.F_Y(0, reg * 2) + base.F_Y(0, reg * 2 + 1) * base.F_Y(0, reg * 2 + 1);
    for (size_t j = 0; j < 2; ++j) ss += base.F(0, reg * 2 + j) * base.F(0, reg * 2 + j);
    const double sd = std::sqrt(k * ss);
    EXPECT_LT(std::fabs(t.column("mean").num[r] - t.column("baseline").num[r]), 5 * sd / std::sqrt(double(D)));
    EXPECT_NEAR(t.column("sd").num[r] / sd, 1.0, 0.15);
  }
}

TEST(Uncertainty, CellStandardDeviations) {
  // sd = z for one cell: s = sqrt(ln 2); sd = 0 elsewhere: those cells never move.
  const Mrio base = test::tiny_mrio();
  ErrorModel e;
  e.Z_sd = Matrix(4, 4);
  e.Z_sd(1, 2) = base.Z(1, 2);
  const Mrio p = perturb(base, e, 3, 0);
  for (size_t i = 0; i < 4; ++i)
    for (size_t j = 0; j < 4; ++j) {
      if (i != 1 || j != 2) {
        EXPECT_EQ(p.Z(i, j), base.Z(i, j));
      }
    }
  const double s = std::sqrt(std::log(2.0));
  EXPECT_DOUBLE_EQ(p.Z(1, 2), base.Z(1, 2) * std::exp(s * standard_normal(3, 0, 1, 1 + 2 * 4) - s * s / 2));
  e.Z_sd = Matrix(3, 3);
  EXPECT_THROW(perturb(base, e, 3, 0), Error);
}

}  // namespace
}  // namespace worldsys::scenario

namespace worldsys::scenario {
namespace {

// Every interval of `a` within `tol` of `b`'s, relative to the row's baseline.
void expect_same_intervals(const Table& a, const Table& b, double tol) {
  ASSERT_EQ(a.rows(), b.rows());
  for (const auto& name : {"baseline", "mean", "sd", "p2_5", "p50", "p97_5"})
    for (size_t r = 0; r < a.rows(); ++r) {
      const double x = a.column(name).num[r], y = b.column(name).num[r];
      const double scale = std::max(std::fabs(b.column("baseline").num[r]), 1e-300);
      EXPECT_LE(std::fabs(x - y) / scale, tol) << name << " row " << r << ": " << x << " vs " << y;
    }
}

TEST(Uncertainty, RefinedDrawsEqualFactoredOnes) {
  // The default solver refines each draw on the published table's LU where that pays and factors elsewhere;
  // either way every interval equals the one from factoring every draw, to 1e-10.
  const Mrio base = io::read_store(io::default_store_path());
  const Concordance g = io::load_concordance("world10-north-south", base.regions, "region");
  UncertaintyOptions o;
  o.stressors = {"labour_hours", "employment"};
  o.groups = &g;
  o.partition = exchange::make_partition(g);
  o.valuations = {exchange::Valuation::northern_prices, exchange::Valuation::wage_gap};
  const ErrorModel e = relative(0.1, 0.1, 0.1);
  o.solver = DrawSolver::factor;
  const MonteCarlo factored = uncertainty(base, e, 5, 16, o);
  o.solver = DrawSolver::refine;
  const MonteCarlo refined = uncertainty(base, e, 5, 16, o);
  expect_same_intervals(refined.intervals, factored.intervals, 1e-10);
  for (size_t d = 0; d < 16; ++d) EXPECT_EQ(factored.draws.column("solver").text[d], "factored");

  // A table where refinement pays for every solve (few regions, many sectors: n / (6 regions) steps allowed).
  const Mrio wide = synthetic_mrio({4, 120, 2, 6, 9});
  UncertaintyOptions w;
  w.stressors = {"stressor_0001", "value_added"};
  w.solver = DrawSolver::factor;
  const MonteCarlo wf = uncertainty(wide, e, 8, 12, w);
  w.solver = DrawSolver::refine;
  w.threads = 2;
  const MonteCarlo wr = uncertainty(wide, e, 8, 12, w);
  expect_same_intervals(wr.intervals, wf.intervals, 1e-10);
  for (size_t d = 0; d < 12; ++d) {
    EXPECT_EQ(wr.draws.column("solver").text[d], "refined") << d;
    EXPECT_GT(wr.draws.column("contraction").num[d], 0) << d;
    EXPECT_LT(wr.draws.column("contraction").num[d], 0.5) << d;
    EXPECT_LE(wr.draws.column("residual").num[d], 1e-13) << d;
  }
  w.threads = 1;
  const MonteCarlo serial = uncertainty(wide, e, 8, 12, w);
  for (const auto& name : {"mean", "sd", "p2_5", "p50", "p97_5"})
    EXPECT_EQ(serial.intervals.column(name).num, wr.intervals.column(name).num) << name;
}

TEST(Uncertainty, WorkersAreCappedByMemory) {
  // Each worker holds a copy of the table: where even one does not fit, a usage error says what would help
  // (before any draw); fewer workers than threads give the same numbers.
  const Mrio base = io::read_store(io::default_store_path());
  const ErrorModel e = relative(0.1, 0.1, 0.1);
  UncertaintyOptions o;
  o.stressors = {"labour_hours"};
  o.threads = 2;
  const Table two = uncertainty(base, e, 4, 6, o).intervals;
  o.memory_limit = 300'000;  // the published table's LU (51 kB) and one worker's table and accounts (~160 kB)
  const Table fewer = uncertainty(base, e, 4, 6, o).intervals;
  for (const auto& name : {"mean", "sd", "p2_5", "p97_5"}) EXPECT_EQ(two.column(name).num, fewer.column(name).num);
  o.memory_limit = 1000;
  try {
    uncertainty(base, e, 4, 6, o);
    FAIL() << "ran without memory";
  } catch (const Error& err) {
    EXPECT_EQ(err.kind(), ErrorKind::usage);
    EXPECT_NE(std::string(err.what()).find("for one worker"), std::string::npos) << err.what();
  }
}

TEST(Uncertainty, AStressorDrawsTheSameNumbersWhateverElseIsAsked) {
  // Only the rows a result reads are perturbed, keyed by their row in the whole table:
  // employment's intervals alone equal employment's asked together with labour_hours.
  const Mrio base = io::read_store(io::default_store_path());
  const ErrorModel e = relative(0.1, 0.1, 0.1);
  UncertaintyOptions o;
  o.stressors = {"employment"};
  const Table alone = uncertainty(base, e, 3, 6, o).intervals;
  o.stressors = {"labour_hours", "employment"};
  const Table both = uncertainty(base, e, 3, 6, o).intervals;
  size_t matched = 0;
  for (size_t r = 0; r < both.rows(); ++r)
    if (both.column("stressor").text[r] == "employment") {
      for (const auto& name : {"baseline", "mean", "p2_5", "p97_5"})
        EXPECT_EQ(both.column(name).num[r], alone.column(name).num[matched]) << name;
      ++matched;
    }
  EXPECT_EQ(matched, alone.rows());
}

}  // namespace
}  // namespace worldsys::scenario
