#include <regex>

#include "support.hpp"
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/core/concordance.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/wiod2013.hpp"
#include "worldsys/io/wiod_sea.hpp"

using namespace worldsys;

namespace {
const std::vector<std::string> kRegions = {"N", "S", "E"};

void expect_error(const std::string& file_text, const std::string& ext, const std::string& pattern) {
  test::TempDir tmp;
  test::write_file(tmp / ("g" + ext), file_text);
  try {
    io::load_concordance((tmp / ("g" + ext)).string(), kRegions, "region");
    FAIL() << "accepted: " << file_text;
  } catch (const Error& e) {
    EXPECT_TRUE(std::regex_search(e.what(), std::regex(pattern))) << e.what();
  }
}
}  // namespace

TEST(Concordance, CsvWithDefaultGroup) {
  test::TempDir tmp;
  test::write_file(tmp / "g.csv", "# rich and poor\nregion,group\nN,North\n*,South\n");
  const Concordance c = io::load_concordance((tmp / "g.csv").string(), kRegions, "region");
  EXPECT_EQ(c.groups, (std::vector<std::string>{"North", "South"}));
  EXPECT_EQ(c.group_of, (std::vector<size_t>{0, 1, 1}));
}

TEST(Concordance, Yaml) {
  test::TempDir tmp;
  test::write_file(tmp / "g.yaml", "North: [N, E]\nSouth:\n  - S\n");
  const Concordance c = io::load_concordance((tmp / "g.yaml").string(), kRegions, "region");
  EXPECT_EQ(c.groups, (std::vector<std::string>{"North", "South"}));
  EXPECT_EQ(c.group_of, (std::vector<size_t>{0, 1, 0}));
}

TEST(Concordance, BadFilesAreRefusedWithTheirLine) {
  expect_error("region,group\nN,North\nX,South\n", ".csv", R"(g\.csv:3:1: unknown region 'X')");
  expect_error("region,group\nN,North\nS,South\nN,South\nE,South\n", ".csv",
               R"(g\.csv:4:1: region 'N' is already in group 'North'; groups must not overlap)");
  expect_error("region,group\nN,North\n", ".csv", R"(no group for region S, E)");
  expect_error("North: [N, Q]\n", ".yaml", R"(g\.yaml:1:\d+: unknown region 'Q')");
  expect_error("North: N\n", ".yaml", R"(expected a list)");
  expect_error("North: [N\n", ".yaml", R"(g\.yaml:\d+:\d+:)");
}

TEST(Concordance, UnknownBuiltinListsTheBuiltins) {
  try {
    io::load_concordance("no-such-groups", kRegions, "region");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("wiod-north-south"), std::string::npos) << e.what();
  }
}

TEST(Concordance, AggregationPreservesTotalsAndIdentityIsExact) {
  const Mrio m = test::tiny_mrio();
  Concordance all{"all", {"W"}, {0, 0}}, same{"same", {"N", "S"}, {0, 1}};
  const Mrio w = aggregate(m, &all, nullptr);
  EXPECT_EQ(w.regions, std::vector<std::string>{"W"});
  double z = 0, zw = 0;
  for (size_t i = 0; i < m.Z.size(); ++i) z += m.Z.data()[i];
  for (size_t i = 0; i < w.Z.size(); ++i) zw += w.Z.data()[i];
  EXPECT_DOUBLE_EQ(z, zw);
  EXPECT_DOUBLE_EQ(w.x[0], m.x[0] + m.x[2]);
  EXPECT_DOUBLE_EQ(w.F(0, 1), m.F(0, 1) + m.F(0, 3));
  EXPECT_DOUBLE_EQ(w.F_Y(0, 0), m.F_Y(0, 0) + m.F_Y(0, 2));
  const Mrio s = aggregate(m, &same, nullptr);
  EXPECT_EQ(s.Z, m.Z);
  EXPECT_EQ(s.Y, m.Y);
}

TEST(Concordance, GroupedFlowsEqualFlowsOfTheGroups) {
  // Aggregating results (flows) by a concordance sums the region-level flows exactly.
  const Mrio m = test::tiny_mrio();
  const Accounts a = compute_accounts(m);
  Concordance all{"all", {"W"}, {0, 0}};
  const Matrix T = aggregate_square(a.flows[0], all);
  EXPECT_NEAR(T(0, 0), a.cba(0, 0) + a.cba(0, 1) - 3 - 1, 1e-12);  // less F_Y, which is not a flow
}

TEST(Concordance, BuiltinsCoverEveryWiodRegion) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  const Mrio m = io::read_wiod2013(test::shared_data() / "mrio/wiod2013", 2011);
  for (const auto& [name, description] : io::builtin_concordances()) {
    if (name.starts_with("wiod-sectors")) {
      EXPECT_NO_THROW(io::load_concordance(name, m.sectors, "sector")) << name;
    } else if (name.starts_with("wiod-")) {
      const Concordance c = io::load_concordance(name, m.regions, "region");
      EXPECT_GE(c.groups.size(), 2u) << name;
    }
  }
  const Concordance ns = io::load_concordance("wiod-north-south", m.regions, "region");
  size_t north = 0;
  for (size_t g : ns.group_of) north += ns.groups[g] == "North";
  EXPECT_EQ(north, 29u);
}

// The shipped sample world equals what `worldsys import` + `worldsys aggregate` make from the real files today.
// data/default as scripts/make-default-data.sh makes it: WIOD 2011 with the SEA labour satellites, aggregated.
TEST(DefaultData, RegeneratesIdentically) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  WORLDSYS_REQUIRE_DATA("mrio/wiod2016");
  if (!std::filesystem::exists(std::filesystem::path(io::kPwt91DebianDir) / "data" / "Rdata.rdx"))
    GTEST_SKIP() << "PWT 9.1 not found at " << io::kPwt91DebianDir << " (apt-get install r-cran-pwt9)";
  Mrio m = io::read_wiod2013(test::shared_data() / "mrio/wiod2013", 2011);
  io::SeaOptions sea;  // the defaults of `worldsys import --satellites sea`
  sea.sea = test::shared_data() / "mrio/wiod2016";
  sea.pwt = io::kPwt91DebianDir;
  io::add_sea_satellites(m, io::read_sea(sea.sea), io::read_pwt(sea.pwt), sea);
  const Concordance r = io::load_concordance("wiod-world10", m.regions, "region");
  const Concordance s = io::load_concordance("wiod-sectors8", m.sectors, "sector");
  const Mrio fresh = aggregate(m, &r, &s);
  const Mrio shipped = io::read_store(io::default_store_path());
  EXPECT_EQ(shipped.regions, fresh.regions);
  EXPECT_EQ(shipped.sectors, fresh.sectors);
  ASSERT_EQ(shipped.stressors.size(), fresh.stressors.size());
  for (size_t k = 0; k < fresh.stressors.size(); ++k) {
    EXPECT_EQ(shipped.stressors[k].name, fresh.stressors[k].name);
    EXPECT_EQ(shipped.stressors[k].unit, fresh.stressors[k].unit);
  }
  EXPECT_EQ(shipped.stressor_index("labour_hours"), 1u);
  EXPECT_EQ(shipped.Z, fresh.Z);
  EXPECT_EQ(shipped.Y, fresh.Y);
  EXPECT_EQ(shipped.x, fresh.x);
  EXPECT_EQ(shipped.F, fresh.F);
  EXPECT_EQ(shipped.F_Y, fresh.F_Y);
}

// Found by fuzz_readers: a YAML file that is a bare scalar crashed with an uncaught yaml-cpp exception.
TEST(Concordance, RegressionYamlScalarRootIsAnInputError) {
  expect_error("sectors", ".yaml", R"(g\.yaml:1:1: expected a mapping)");
  expect_error("North: [[N]]\n", ".yaml", R"(expected a region code)");
  expect_error("[a, b]: [N]\n", ".yaml", R"(expected a group name)");
}
