// The rich-poor gap between countries: hand-computed cases and the Maddison panel's coverage.
#include <gtest/gtest.h>

#include <cmath>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/gap.hpp"
#include "worldsys/distrib/world.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/text.hpp"

using namespace worldsys;
using namespace worldsys::distrib;

TEST(Gap, HandComputedCases) {
  // Populations 10, 80, 10 at means 1, 5, 20: the poorest and richest population deciles are whole countries.
  const std::vector<CountryMean> c = {{"P", 1, 10}, {"M", 5, 80}, {"R", 20, 10}};
  const Gap g = rich_poor_gap(c, 0.1, true);
  EXPECT_DOUBLE_EQ(g.top_bottom, 20.0);
  EXPECT_EQ(g.countries, 3u);
  EXPECT_DOUBLE_EQ(g.population, 100);
  const double mu = (10 + 400 + 200) / 100.0;
  EXPECT_NEAR(g.mld, 0.1 * std::log(mu / 1) + 0.8 * std::log(mu / 5) + 0.1 * std::log(mu / 20), 1e-14);
  // Unweighted: each country is a third; the top and bottom 10 % of countries are parts of R and P.
  const Gap u = rich_poor_gap(c, 0.1, false);
  EXPECT_DOUBLE_EQ(u.top_bottom, 20.0);
  const double lm = (std::log(1.0) + std::log(5.0) + std::log(20.0)) / 3;
  EXPECT_NEAR(u.sigma,
              std::sqrt((std::pow(std::log(1.0) - lm, 2) + std::pow(std::log(5.0) - lm, 2) +
                         std::pow(std::log(20.0) - lm, 2)) / 3), 1e-14);
  // Straddling: with share 0.2 the bottom fifth is P (mean 1) and 10 people of M (mean 5).
  EXPECT_DOUBLE_EQ(rich_poor_gap(c, 0.2, true).top_bottom, (20.0 + 5.0) / (1.0 + 5.0));
  EXPECT_THROW(rich_poor_gap({{"P", 1, 10}, {"Q", -1, 10}}), Error);
}

TEST(Gap, FixedGroupsFollowTheBaseYearsMembers) {
  const std::vector<CountryMean> base = {{"P", 1, 10}, {"M", 5, 80}, {"R", 20, 10}};
  const FixedGroups g = fixed_groups(base, 0.2, true);
  EXPECT_DOUBLE_EQ(g.bottom.at("P"), 1.0);
  EXPECT_DOUBLE_EQ(g.bottom.at("M"), 10.0 / 80);  // the straddling country, pro rata
  EXPECT_DOUBLE_EQ(g.top.at("R"), 1.0);
  EXPECT_EQ(g.top.count("P"), 0u);
  // Later, P overtakes M: re-ranked groups would swap them, fixed groups keep the base year's members.
  const std::vector<CountryMean> later = {{"P", 8, 10}, {"M", 6, 80}, {"R", 30, 10}};
  EXPECT_DOUBLE_EQ(fixed_top_bottom(later, g, true), (30.0 + 6.0) / 2 / ((8.0 * 10 + 6.0 * 10) / 20));
  EXPECT_DOUBLE_EQ(fixed_top_bottom(base, g, true), rich_poor_gap(base, 0.2, true).top_bottom);
  EXPECT_DOUBLE_EQ(g.top.at("M"), 10.0 / 80);
  EXPECT_THROW(fixed_top_bottom({{"P", 8, 10}}, g, true), Error);  // the richest group has no data
}

TEST(Gap, TrendOfExactSeries) {
  const std::vector<double> years = {2000, 2001, 2002, 2003};
  std::vector<double> lin, expo;
  for (double y : years) lin.push_back(3 + 0.5 * (y - 2000)), expo.push_back(2 * std::exp(0.03 * (y - 2000)));
  EXPECT_NEAR(trend(years, lin).slope, 0.5, 1e-12);
  EXPECT_NEAR(trend(years, expo).log_slope, 0.03, 1e-12);
}

TEST(Gap, MaddisonCountsEveryoneOnce) {
  const char* rel = "gdp/maddison_2020_owid";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto s = io::read_maddison(test::shared_data() / rel);
  EXPECT_EQ(s.ppp, "2011");
  // 1960: the USSR as a whole (Ukraine has no GDP yet); world population near the UN's 3.03 billion.
  double pop1960 = 0;
  bool ussr = false, russia = false;
  for (const auto& c : country_means(s, 1960)) {
    pop1960 += c.population;
    ussr = ussr || c.country == "Former USSR";
    russia = russia || c.country == "Russia";
  }
  EXPECT_TRUE(ussr);
  EXPECT_FALSE(russia);  // never both a union and its members
  EXPECT_NEAR(pop1960 / 3.033e9, 1, 0.03);
  double pop2018 = 0;
  for (const auto& c : country_means(s, 2018)) {
    EXPECT_NE(c.country, "Former USSR");
    EXPECT_NE(c.country, "World");
    pop2018 += c.population;
  }
  EXPECT_NEAR(pop2018 / 7.6e9, 1, 0.03);  // UN: 7.63 billion in 2018; Maddison omits small economies
}
