// Scenarios: zero change is the baseline exactly; each change kind on a hand table; YAML errors with positions.
#include <gtest/gtest.h>

#include "scenario/two_regions.hpp"
#include "support.hpp"
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/scenario/scenario.hpp"

namespace worldsys::scenario {
namespace {

using test::two;

Scenario one(const std::string& change) {
  return parse_scenario("name: t\nchanges:\n  - " + change + "\n", "t.yaml");
}

TEST(Scenario, FinalDemandScaleHand) {
  // N's demand doubled: dy = (10, 100), dx = L dy = (12.8 + 8, 4.8 + 128) = (20.8, 132.8).
  const Mrio m = apply_scenario(two(), one("{kind: final_demand, regions: N, scale: 2}"));
  EXPECT_NEAR(m.x[0], 120.8, 1e-12);
  EXPECT_NEAR(m.x[1], 332.8, 1e-12);
  EXPECT_EQ(m.Y(0, 1), 20);
  EXPECT_EQ(m.Y(1, 1), 200);
  EXPECT_EQ(m.Y(0, 0), 60);
  EXPECT_NEAR(m.Z(0, 0), 0.2 * 120.8, 1e-12);  // A kept: Z' = A diag(x')
  EXPECT_NEAR(m.Z(0, 1), 0.05 * 332.8, 1e-12);
  EXPECT_NEAR(m.F(0, 0), 30 * 1.208, 1e-12);  // intensities kept
  EXPECT_NEAR(m.F(1, 1), 5 * 1.664, 1e-12);
  // Balanced afterwards: x' = Z'1 + Y'1.
  const auto z = m.Z.row_sums(), y = m.Y.row_sums();
  for (size_t i = 0; i < 2; ++i) EXPECT_NEAR(m.x[i], z[i] + y[i], 1e-12);
}

TEST(Scenario, FinalDemandAddByOrigin) {
  // 5 more of S's product in every region's demand: dy = (10, 0), dx = (12.8, 4.8).
  const Mrio m = apply_scenario(two(), one("{kind: final_demand, origin_regions: S, add: 5}"));
  EXPECT_EQ(m.Y(0, 0), 65);
  EXPECT_EQ(m.Y(0, 1), 15);
  EXPECT_EQ(m.Y(1, 0), 30);
  EXPECT_NEAR(m.x[0], 112.8, 1e-12);
  EXPECT_NEAR(m.x[1], 204.8, 1e-12);
}

TEST(Scenario, TechnologyHand) {
  // a_NS (N's product per unit of S's output) halved: 0.3 -> 0.15. Y kept, x' = (I - A')^-1 y with y = (70, 130):
  // det(I - A') = 0.8 * 0.8 - 0.05 * 0.15 = 0.6325, x'_S = (0.8*70 + 0.05*130)/0.6325 = 62.5/0.6325,
  // x'_N = (0.15*70 + 0.8*130)/0.6325 = 114.5/0.6325.
  const Mrio m =
      apply_scenario(two(), one("{kind: technology, input_regions: N, regions: S, scale: 0.5}"));
  EXPECT_NEAR(m.x[0], 62.5 / 0.6325, 1e-12);
  EXPECT_NEAR(m.x[1], 114.5 / 0.6325, 1e-12);
  EXPECT_NEAR(m.Z(1, 0), 0.15 * m.x[0], 1e-12);
  EXPECT_NEAR(m.Z(0, 0), 0.2 * m.x[0], 1e-12);
  EXPECT_EQ(m.Y, two().Y);
}

TEST(Scenario, IntensityAndWageScale) {
  const Mrio a = apply_scenario(two(), one("{kind: intensity, stressor: labour_hours, regions: N, scale: 2}"));
  EXPECT_EQ(a.F(1, 1), 10);
  EXPECT_EQ(a.F(1, 0), 10);
  EXPECT_EQ(a.x, two().x);
  const Mrio b = apply_scenario(two(), one("{kind: wage, regions: S, scale: 1.5}"));
  EXPECT_EQ(b.F(0, 0), 45);
  EXPECT_EQ(b.F(0, 1), 60);
}

TEST(Scenario, WageToLevelOf) {
  // N pays 60/5 = 12 per hour; S's 10 hours at that rate: 120.
  const Mrio m = apply_scenario(two(), one("{kind: wage, regions: S, to_level_of: N}"));
  EXPECT_DOUBLE_EQ(m.F(0, 0), 120);
  EXPECT_EQ(m.F(0, 1), 60);
  // no_cut: N to S's level (3 per hour) would be a cut, so nothing changes.
  const Mrio k = apply_scenario(two(), one("{kind: wage, regions: N, to_level_of: S, no_cut: true}"));
  EXPECT_EQ(k.F, two().F);
}

TEST(Scenario, ZeroChangeIsTheBaselineExactly) {
  const Mrio base = io::read_store(io::default_store_path());
  const Scenario s = parse_scenario(R"(name: zero
groups: world10-north-south
changes:
  - {kind: final_demand, regions: South, scale: 1}
  - {kind: final_demand, origin_regions: [CHN, IND], add: 0}
  - {kind: technology, input_sectors: MINING, regions: "*", scale: 1.0}
  - {kind: intensity, stressor: [labour_hours, value_added], regions: North, scale: 1}
  - {kind: wage, regions: South, scale: 1}
)",
                                    "zero.yaml");
  const Mrio m = apply_scenario(base, s);
  EXPECT_EQ(m.Z, base.Z);
  EXPECT_EQ(m.Y, base.Y);
  EXPECT_EQ(m.x, base.x);
  EXPECT_EQ(m.F, base.F);
  EXPECT_EQ(m.F_Y, base.F_Y);
  EXPECT_EQ(m.provenance.history, base.provenance.history);
  const Table t = scenario_diff(base, s);
  ASSERT_GT(t.rows(), 0u);
  const auto& b = t.column("baseline").num;
  const auto& sc = t.column("scenario").num;
  const auto& d = t.column("diff").num;
  const auto& p = t.column("pct_change").num;
  for (size_t r = 0; r < t.rows(); ++r) {
    ASSERT_EQ(b[r], sc[r]) << "row " << r;  // bit for bit
    ASSERT_EQ(d[r], 0.0);
    ASSERT_EQ(p[r], 0.0);
  }
}

TEST(Scenario, DiffSeesAChange) {
  // Doubling N's demand doubles nothing in S's own cba of hours only through N's purchases; check one number:
  // labour_hours cba of N = S_h L y_N with S_h = (0.1, 0.025).
  const Mrio base = two();
  DiffOptions o;
  o.stressors = {"labour_hours"};
  const Table t = scenario_diff(base, one("{kind: final_demand, regions: N, scale: 2}"), o);
  // Baseline: L y_N = (1.28*10 + 0.08*100, 0.48*10 + 1.28*100) = (20.8, 132.8); cba_N = 2.08 + 3.32 = 5.4.
  bool seen = false;
  for (size_t r = 0; r < t.rows(); ++r)
    if (t.column("region").text[r] == "N" && t.column("account").text[r] == "cba") {
      EXPECT_NEAR(t.column("baseline").num[r], 5.4, 1e-12);
      EXPECT_NEAR(t.column("scenario").num[r], 10.8, 1e-12);
      EXPECT_NEAR(t.column("pct_change").num[r], 100, 1e-9);
      seen = true;
    }
  EXPECT_TRUE(seen);
}

TEST(Scenario, ShippedExampleParsesAndApplies) {
  const Scenario s = load_scenario(io::default_store_path().parent_path() / "scenarios" / "southern-wages.yaml");
  EXPECT_EQ(s.name, "southern-wages");
  ASSERT_EQ(s.changes.size(), 1u);
  const Mrio base = io::read_store(io::default_store_path());
  const Mrio m = apply_scenario(base, s);
  const size_t w = base.stressor_index("labour_compensation");
  // China's manufacturing wage bill rises; the USA's does not move.
  const size_t chn = 4 * 8 + 2, usa = 0 * 8 + 2;
  EXPECT_GT(m.F(w, chn), base.F(w, chn));
  EXPECT_EQ(m.F(w, usa), base.F(w, usa));
}

void expect_error(const std::string& yaml, const std::string& fragment) {
  try {
    const Scenario s = parse_scenario(yaml, "bad.yaml");
    apply_scenario(two(), s);
    FAIL() << "no error for:\n" << yaml;
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(Scenario, NamedGroupFilesAreReadUsedOrNot) {
  expect_error("name: x\nsector_groups: nope\nchanges:\n  - {kind: final_demand, scale: 2}\n",
               "'nope' is neither a file nor a built-in concordance");
}

TEST(Scenario, ErrorsCarryFileLineColumn) {
  expect_error("name: x\nchanges:\n  - kind: final_demand\n    scale: 2\n    colour: red\n",
               "bad.yaml:5:5: unknown key 'colour' for a final_demand change");
  expect_error("name: x\nchanges:\n  - {kind: wage, regions: Mars, scale: 2}\n", "bad.yaml:3:27: unknown region 'Mars'");
  expect_error("name: x\nchanges:\n  - {kind: technology, scale: two}\n",
               "bad.yaml:3:31: expected a finite number for 'scale', found 'two'");
  expect_error("name: x\nchanges:\n  - {kind: teleport, scale: 2}\n", "bad.yaml:3:12: unknown change kind 'teleport'");
  expect_error("name: x\nchanges:\n  - {kind: final_demand, scale: 2, add: 1}\n",
               "bad.yaml:3:5: a final_demand change needs exactly one of 'scale' or 'add'");
  expect_error("name: x\nchanges: [\n", "bad.yaml:");
  expect_error("name: x\n", "a scenario needs 'changes'");
  expect_error("name: x\nchanges:\n  - {kind: intensity, stressor: co2, scale: 2}\n",
               "bad.yaml:3:5: intensity change: unknown stressor 'co2'");
}

}  // namespace
}  // namespace worldsys::scenario
