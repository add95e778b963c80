#include <cmath>

#include "support.hpp"
#include "worldsys/io/pwt.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

// PWT 9.1 comes out of an R lazy-load data base; PWT 10.01 from CSV. The two releases measure employment the same
// way, so the readers must agree on it to within the revisions between releases.
TEST(Pwt, ReleasesAgreeOnEmployment) {
  WORLDSYS_REQUIRE_DATA("gdp/pwt_10_01_open_numbers");
  if (!fs::exists(fs::path(io::kPwt91DebianDir) / "data" / "Rdata.rdx"))
    GTEST_SKIP() << "PWT 9.1 not found at " << io::kPwt91DebianDir << " (apt-get install r-cran-pwt9)";
  const io::Pwt p9 = io::read_pwt91(io::kPwt91DebianDir);
  const io::Pwt p10 = io::read_pwt_open_numbers(test::shared_data() / "gdp/pwt_10_01_open_numbers");
  EXPECT_GE(p9.countries("emp").size(), 170u);
  EXPECT_TRUE(p9.has("avh"));
  EXPECT_TRUE(p9.has("pl_da"));
  EXPECT_FALSE(p10.has("avh"));
  size_t compared = 0;
  for (const char* c : {"USA", "CHN", "IND", "BRA", "DEU", "NGA"}) {
    const auto a = p9.get(c, 2010, "emp"), b = p10.get(c, 2010, "emp");
    ASSERT_TRUE(a && b) << c;
    EXPECT_NEAR(*a / *b, 1.0, 0.15) << c;
    ++compared;
  }
  EXPECT_EQ(compared, 6u);
  // Price levels are PPP/XR: positive, and the US level in PWT 9.1's base year 2011 is 1 by construction of pl_gdpo.
  EXPECT_NEAR(*p9.get("USA", 2011, "pl_gdpo"), 1.0, 1e-3);
}

TEST(Pwt, RegionPriceLevelsAggregateTheRest) {
  io::Pwt p;
  p.source = "hand";
  p.values["pl_da"]["AAA"][2011] = 1.0;
  p.values["pl_da"]["BBB"][2011] = 0.5;
  p.values["pl_da"]["CCC"][2011] = 0.25;
  p.values["cda"]["AAA"][2011] = 10;
  p.values["cda"]["BBB"][2011] = 30;
  p.values["cda"]["CCC"][2011] = 10;
  const auto r = io::region_price_levels(p, {"AAA", "RoW"}, 2011, "pl_da", "cda");
  EXPECT_EQ(r.level[0], 1.0);
  // RoW = (30 x 0.5 + 10 x 0.25) / 40 = 17.5 / 40
  EXPECT_DOUBLE_EQ(r.level[1], 17.5 / 40);
  EXPECT_DOUBLE_EQ(r.weight[1], 40);
  EXPECT_FALSE(r.note[1].empty());
}

// The US GDP deflator rose in every year 2000-2011 (no deflation in the US then); a wrong formula (e.g. the price
// level alone, which follows the dollar) would not.
TEST(Pwt, UsGdpDeflatorRisesEveryYear2000to2011) {
  if (!fs::exists(fs::path(io::kPwt91DebianDir) / "data" / "Rdata.rdx")) GTEST_SKIP() << "PWT 9.1 not installed";
  const io::Pwt p9 = io::read_pwt91(io::kPwt91DebianDir);
  for (int y = 2001; y <= 2011; ++y) EXPECT_GT(io::us_gdp_deflator(p9, y), io::us_gdp_deflator(p9, y - 1)) << y;
}

// Growth of a group: AAA 100 -> 110, BBB 50 -> 50, CCC 50 -> 70. RoW stands for BBB and CCC: 120/100 - 1.
TEST(Pwt, RealGrowthOfAGroupWithRowExpanded) {
  io::Pwt p;
  p.source = "hand";
  const double v[3][2] = {{100, 110}, {50, 50}, {50, 70}};
  const char* c[3] = {"AAA", "BBB", "CCC"};
  for (int i = 0; i < 3; ++i) p.values["rgdpna"][c[i]][2010] = v[i][0], p.values["rgdpna"][c[i]][2011] = v[i][1];
  const std::vector<std::string> regions = {"AAA", "RoW"};
  EXPECT_NEAR(io::real_growth(p, regions, {true, false}, 2011), 0.1, 1e-12);
  EXPECT_NEAR(io::real_growth(p, regions, {false, true}, 2011), 0.2, 1e-12);
  EXPECT_NEAR(io::real_growth(p, regions, {true, true}, 2011), 0.15, 1e-12);
}
