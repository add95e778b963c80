// Accounting identities and the Leontief solution on the real WIOD 2011 table.
#include <cmath>

#include "support.hpp"
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/io/wiod2013.hpp"

using namespace worldsys;

namespace {

struct Wiod2011 : ::testing::Test {
  static inline std::unique_ptr<Mrio> m;
  static inline std::unique_ptr<Leontief> leo;
  static inline std::unique_ptr<Accounts> a;
  void SetUp() override {
    WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
    if (!m) {
      m = std::make_unique<Mrio>(io::read_wiod2013(test::shared_data() / "mrio/wiod2013", 2011));
      leo = std::make_unique<Leontief>(*m);
      a = std::make_unique<Accounts>(compute_accounts(*m, *leo));
    }
  }
};

std::vector<double> row_imbalance(const Mrio& m) {  // e = x - Z 1 - Y 1
  const auto z = m.Z.row_sums(), y = m.Y.row_sums();
  std::vector<double> e(m.n());
  for (size_t i = 0; i < m.n(); ++i) e[i] = m.x[i] - z[i] - y[i];
  return e;
}

}  // namespace

// WIOD's cells are rounded to whole millions, so rows balance only approximately: x = Z1 + Y1 + e with
// |e| <= 113 (108 in 2011). Then x - L y = L e exactly, and |x - L y| <= L |e| is the tolerance of x = L y.
TEST_F(Wiod2011, OutputEqualsLeontiefSolutionUpToTheSourceRounding) {
  const auto e = row_imbalance(*m);
  double emax = 0;
  for (double v : e) emax = std::max(emax, std::fabs(v));
  EXPECT_LE(emax, 113.0);
  Matrix Ye(m->n(), 2);
  for (size_t i = 0; i < m->n(); ++i) Ye(i, 0) = e[i], Ye(i, 1) = std::fabs(e[i]);
  const Matrix Le = leo->solve(Ye);
  const Matrix xhat = leo->solve(m->Y_by_region());
  const auto xh = xhat.row_sums();
  double worst = 0;
  for (size_t i = 0; i < m->n(); ++i) {
    const double d = m->x[i] - xh[i];
    EXPECT_NEAR(d, Le(i, 0), 1e-7 * (1 + std::fabs(m->x[i]))) << m->label(i);
    EXPECT_LE(std::fabs(d), Le(i, 1) + 1e-6) << m->label(i);
    worst = std::max(worst, std::fabs(d));
  }
  RecordProperty("max_abs_x_minus_Ly_MUSD", std::to_string(worst));
  EXPECT_LT(a->residual, 1e-13);
  EXPECT_GT(a->rcond, 1e-3);
}

// cba = pba + imp - exp holds region by region up to the source's imbalance, which is exactly S (x - L y)
// summed over the region's sectors; and the world totals of cba and pba differ by that amount only.
TEST_F(Wiod2011, IdentitiesHoldUpToTheSourceImbalanceExactly) {
  const size_t NS = m->sectors.size();
  const Matrix xhat = leo->solve(m->Y_by_region());
  const auto xh = xhat.row_sums();
  const auto e = row_imbalance(*m);
  Matrix abs_e(m->n(), 1);
  for (size_t i = 0; i < m->n(); ++i) abs_e(i, 0) = std::fabs(e[i]);
  const Matrix bound_x = leo->solve(abs_e);  // L |e| >= |x - L y|
  double world_cba = 0, world_pba = 0, world_gap = 0;
  for (size_t r = 0; r < m->regions.size(); ++r) {
    double gap = 0, bound = 0;
    for (size_t j = 0; j < NS; ++j) {
      const size_t i = r * NS + j;
      if (m->x[i] == 0) continue;
      const double s = m->F(0, i) / m->x[i];
      gap += s * (m->x[i] - xh[i]);
      bound += std::fabs(s) * bound_x(i, 0);
    }
    EXPECT_NEAR(a->imbalance(0, r), gap, 1e-8 * a->pba(0, r)) << m->regions[r];
    EXPECT_NEAR(a->cba(0, r) + a->imbalance(0, r), a->pba(0, r) + a->imp(0, r) - a->exp(0, r), 1e-9 * a->pba(0, r));
    // The documented tolerance: |imbalance| <= S L |e|, the rounding of the source carried through the model.
    EXPECT_LE(std::fabs(gap), bound + 1e-6) << m->regions[r];
    world_cba += a->cba(0, r);
    world_pba += a->pba(0, r);
    world_gap += gap;
  }
  EXPECT_NEAR(world_pba - world_cba, world_gap, 1e-9 * world_pba);
  EXPECT_LT(std::fabs(world_pba - world_cba) / world_pba, 1e-3);
  // Every dollar of final demand is someone's value added: world cba = world final demand, except the final
  // demand for products of sectors that (after rounding) produce nothing, whose output L y carries no value added.
  double fd = 0, orphan = 0;
  for (size_t i = 0; i < m->Y.size(); ++i) fd += m->Y.data()[i];
  for (size_t i = 0; i < m->n(); ++i)
    if (m->x[i] == 0) orphan += xh[i];
  EXPECT_NEAR(world_cba + orphan, fd, 1e-9 * fd);
  EXPECT_LT(orphan, 10.0);
}

// With rows balanced (x := Z 1 + Y 1) the identities are exact.
TEST_F(Wiod2011, BalancedTableSatisfiesIdentitiesExactly) {
  Mrio b = *m;
  const auto e = row_imbalance(b);
  for (size_t i = 0; i < b.n(); ++i) b.x[i] -= e[i];
  add_value_added(b);
  const Accounts ab = compute_accounts(b);
  double cba = 0, pba = 0;
  for (size_t r = 0; r < b.regions.size(); ++r) {
    EXPECT_NEAR(ab.cba(0, r), ab.pba(0, r) + ab.imp(0, r) - ab.exp(0, r), 1e-9 * ab.pba(0, r)) << b.regions[r];
    cba += ab.cba(0, r);
    pba += ab.pba(0, r);
  }
  EXPECT_NEAR(cba, pba, 1e-11 * pba);
}

TEST_F(Wiod2011, FlowsAddUpToTheAccounts) {
  const size_t R = m->regions.size();
  const Matrix& T = a->flows[0];
  for (size_t r = 0; r < R; ++r) {
    double in = 0, out = 0;
    for (size_t o = 0; o < R; ++o) in += T(o, r), out += T(r, o);
    EXPECT_NEAR(in, a->cba(0, r), 1e-10 * a->cba(0, r));
    EXPECT_NEAR(in - T(r, r), a->imp(0, r), 1e-10 * a->cba(0, r));
    EXPECT_NEAR(out - T(r, r), a->exp(0, r), 1e-10 * a->cba(0, r));
  }
  // Per-sector views sum to the regional accounts (value added has no F_Y).
  for (size_t r = 0; r < R; ++r) {
    double c = 0, p = 0;
    for (size_t j = 0; j < m->sectors.size(); ++j) c += a->cba_sector(0, r * 35 + j), p += a->pba_sector(0, r * 35 + j);
    EXPECT_NEAR(c, a->cba(0, r), 1e-9 * c);
    EXPECT_NEAR(p, a->pba(0, r), 1e-9 * p);
  }
}

TEST_F(Wiod2011, ZeroOutputSectorsGiveFiniteResults) {
  size_t zero = 0;
  for (double v : m->x) zero += v == 0;
  EXPECT_EQ(zero, 22u);  // the real table has 22 sectors that produce nothing
  for (const Matrix* M : {&a->cba, &a->pba, &a->imp, &a->exp, &a->M, &a->X})
    for (size_t i = 0; i < M->size(); ++i) ASSERT_TRUE(std::isfinite(M->data()[i]));
}
