// The scenario, prices and uncertainty verbs on the embedded sample world.
#include <gtest/gtest.h>

#include <sstream>

#include "support.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::test {
namespace {

std::string example() { return (io::default_store_path().parent_path() / "scenarios" / "southern-wages.yaml").string(); }

TEST(ScenarioCli, ShippedExampleRuns) {
  const auto r = run_cli("scenario " + example() + " --stressor labour_compensation --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.out.rfind("region,stressor,unit,account,baseline,scenario,diff,pct_change\n", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("CHN,labour_compensation,M USD,pba,"), std::string::npos);
  const auto p = run_cli("scenario " + example() + " --prices --groups world10-north-south --format csv");
  ASSERT_EQ(p.rc, 0) << p.err;
  EXPECT_NE(p.out.find("group,South,*,"), std::string::npos) << p.out;
  // The same shock from the prices verb gives the same numbers.
  const auto q = run_cli("prices --in South --to-level-of North --no-cut --groups world10-north-south --format csv");
  ASSERT_EQ(q.rc, 0) << q.err;
  EXPECT_EQ(p.out, q.out);
}

TEST(ScenarioCli, ZeroScenarioGivesZeroDiff) {
  TempDir t;
  write_file(t / "zero.yaml", "name: zero\nchanges:\n  - {kind: final_demand, regions: CHN, scale: 1}\n");
  const auto r = run_cli("scenario " + (t / "zero.yaml").string() + " --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  size_t rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    EXPECT_NE(line.find(",0,0"), std::string::npos) << line;  // diff, pct_change
  }
  EXPECT_GT(rows, 100u);
}

TEST(ScenarioCli, BadFileIsAnInputErrorWithPosition) {
  TempDir t;
  write_file(t / "bad.yaml", "name: bad\nchanges:\n  - kind: wage\n    regions: Atlantis\n    scale: 2\n");
  const auto r = run_cli("scenario " + (t / "bad.yaml").string());
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("bad.yaml:4:14: unknown region 'Atlantis'"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(ScenarioCli, UncertaintyIsReproducible) {
  const std::string args = "uncertainty --draws 6 --seed 9 --sigma 0.05 --stressor labour_hours --drain --format csv";
  const auto a = run_cli(args + " --threads 1"), b = run_cli(args + " --threads 2");
  ASSERT_EQ(a.rc, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("drain,North<->South,northern-prices,M USD,"), std::string::npos) << a.out;
  const auto c = run_cli("uncertainty --draws 6 --seed 10 --sigma 0.05 --stressor labour_hours --format csv");
  EXPECT_NE(a.out.substr(0, 400), c.out.substr(0, 400));
  const auto none = run_cli("uncertainty --cell-sd");
  EXPECT_EQ(none.rc, 2);
  EXPECT_NE(none.err.find("holds no Z_sd.npy"), std::string::npos) << none.err;
}

TEST(ScenarioCli, HelpTeaches) {
  for (const std::string verb : {"scenario", "prices", "uncertainty"}) {
    const auto r = run_cli(verb + " --help");
    EXPECT_EQ(r.rc, 0);
    EXPECT_NE(r.out.find("Examples:"), std::string::npos) << verb;
  }
}

}  // namespace
}  // namespace worldsys::test
