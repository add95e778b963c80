// The Leontief price model on a hand example, and its defining property.
#include <gtest/gtest.h>

#include "scenario/two_regions.hpp"
#include "support.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/scenario/prices.hpp"

namespace worldsys::scenario {
namespace {

using test::two;  // scenario/two_regions.hpp

TEST(Prices, HandExample) {
  // S's wage to N's level per hour: 12 x 10 h = 120, dW = 90, dv = (90/100, 0) = (0.9, 0).
  // (I - A)^T dp = dv:  0.8 dp_S - 0.3 dp_N = 0.9,  -0.05 dp_S + 0.8 dp_N = 0  =>  dp_N = dp_S / 16,
  // dp_S (0.8 - 0.3/16) = 0.78125 dp_S = 0.9  =>  dp_S = 1.152, dp_N = 0.072.
  // Consumer prices (weights = each region's final demand column):
  //   S: total (1.152*60 + 0.072*30)/90 = 71.28/90 = 0.792,  direct 0.9*60/90 = 0.6
  //   N: total (1.152*10 + 0.072*100)/110 = 18.72/110,       direct 0.9*10/110 = 9/110
  const Mrio m = two();
  const Scenario s = parse_scenario("name: w\nchanges:\n  - {kind: wage, regions: S, to_level_of: N}\n", "w.yaml");
  const PriceShock shock = price_shock(m, s);
  ASSERT_EQ(shock.dv.size(), 2u);
  EXPECT_NEAR(shock.dv[0], 0.9, 1e-15);
  EXPECT_EQ(shock.dv[1], 0.0);
  const PriceEffects e = compute_price_effects(m, shock);
  EXPECT_NEAR(e.dp[0], 1.152, 1e-14);
  EXPECT_NEAR(e.dp[1], 0.072, 1e-14);
  EXPECT_NEAR(e.total[0], 0.792, 1e-14);
  EXPECT_NEAR(e.total[1], 18.72 / 110, 1e-14);
  EXPECT_NEAR(e.direct[0], 0.6, 1e-14);
  EXPECT_NEAR(e.direct[1], 9.0 / 110, 1e-14);
  PriceOptions o;
  o.by_sector = true;
  const Table t = price_effects(m, shock, o);
  EXPECT_EQ(t.rows(), 4u);
  EXPECT_NEAR(t.column("total_pct").num[0], 79.2, 1e-12);
  EXPECT_EQ(t.column("level").text[2], "sector");
  EXPECT_NEAR(t.column("total_pct").num[2], 115.2, 1e-12);
}

TEST(Prices, UniformValueAddedRiseRaisesEveryPriceByTheSameShare) {
  // p = 1 with v' = 1'(I - A); dv = k v gives dp' = k v'(I - A)^-1 = k 1'.
  const Mrio m = io::read_store(io::default_store_path());
  const size_t va = m.stressor_index("value_added");
  PriceShock shock{"va+7%", std::vector<double>(m.n())};
  for (size_t j = 0; j < m.n(); ++j) shock.dv[j] = 0.07 * m.F(va, j) / m.x[j];
  const PriceEffects e = compute_price_effects(m, shock);
  for (double dp : e.dp) EXPECT_NEAR(dp, 0.07, 1e-12);
  for (double p : e.total) EXPECT_NEAR(p, 0.07, 1e-12);
}

TEST(Prices, SouthernWagesOnTheSampleWorld) {
  // The shipped scenario: every total effect is at least the direct one (L >= I elementwise for a productive A),
  // and the South's consumer prices rise more than the North's.
  const Mrio m = io::read_store(io::default_store_path());
  const Scenario s = load_scenario(io::default_store_path().parent_path() / "scenarios" / "southern-wages.yaml");
  const PriceEffects e = compute_price_effects(m, price_shock(m, s));
  for (size_t r = 0; r < m.regions.size(); ++r) {
    EXPECT_GE(e.total[r], e.direct[r]) << m.regions[r];
    EXPECT_GE(e.direct[r], 0) << m.regions[r];
  }
  // USA (North) against CHN, IND (South).
  EXPECT_GT(e.total[4], 5 * e.total[0]);
  EXPECT_GT(e.total[5], 5 * e.total[0]);
}

TEST(Prices, NoWageChangeIsAUsageError) {
  const Scenario s = parse_scenario("name: x\nchanges: []\n", "x.yaml");
  EXPECT_THROW(price_shock(two(), s), Error);
}

}  // namespace
}  // namespace worldsys::scenario
