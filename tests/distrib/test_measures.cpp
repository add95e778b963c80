// Measures on weighted samples: hand-computable cases, textbook closed forms and the exact Theil/MLD
// decomposition on the Lakner–Milanovic world panel.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/aggregate.hpp"
#include "worldsys/distrib/measures.hpp"
#include "worldsys/distrib/ppp.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/text.hpp"

using namespace worldsys;
using namespace worldsys::distrib;

TEST(Measures, HandComputedFgtAndWatts) {
  const WeightedSample s{{1, 2, 4, 8}, {1, 1, 1, 1}};
  const Poverty p = poverty(s, 4);  // poor: 1 and 2 (4 is not below the line)
  EXPECT_DOUBLE_EQ(p.headcount, 0.5);
  EXPECT_DOUBLE_EQ(p.gap, (0.75 + 0.5) / 4);
  EXPECT_DOUBLE_EQ(p.severity, (0.5625 + 0.25) / 4);
  EXPECT_DOUBLE_EQ(p.watts, (std::log(4.0) + std::log(2.0)) / 4);
  EXPECT_DOUBLE_EQ(mean(s), 3.75);
  // Gini by the pairwise definition: Σ|yi-yj| / (2 n² μ).
  double pair = 0;
  for (double a : s.y)
    for (double b : s.y) pair += std::abs(a - b);
  EXPECT_NEAR(gini(s), pair / (2 * 16 * 3.75), 1e-15);
  EXPECT_NEAR(bottom_share(s, 0.5), 3 / 15.0, 1e-15);
  EXPECT_NEAR(top_share(s, 0.25), 8 / 15.0, 1e-15);
  EXPECT_NEAR(palma(s), (0.4 * 8 / 15) / ((1 + 2 * 0.6) / 15), 1e-12);
  EXPECT_NEAR(quantile(s, 0.5), 2, 1e-15);
}

TEST(Measures, LogNormalClosedForms) {
  // 20 000 equal-population bins of a log-normal(σ = 0.8): MLD = Theil = σ²/2, Gini = 2Φ(σ/√2) - 1.
  const double sigma = 0.8;
  const int n = 20000;
  WeightedSample s;
  for (int i = 0; i < n; ++i) {
    const double p = (i + 0.5) / n;
    // Inverse normal CDF by bisection on erfc.
    double lo = -10, hi = 10;
    for (int it = 0; it < 100; ++it) {
      const double mid = (lo + hi) / 2;
      (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
    }
    s.y.push_back(std::exp(sigma * lo));
    s.w.push_back(1);
  }
  EXPECT_NEAR(mld(s), sigma * sigma / 2, 2e-3);
  EXPECT_NEAR(theil(s), sigma * sigma / 2, 2e-3);
  EXPECT_NEAR(gini(s), std::erf(sigma / 2), 1e-3);  // 2Φ(σ/√2) - 1 = erf(σ/2)
}

TEST(Measures, LaknerMilanovicGlobalInequalityDecomposesExactly) {
  const char* rel = "poverty/lakner_milanovic/LM_WPID_web_2.csv";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto path = test::shared_data() / rel;
  io::CsvReader r(io::read_text(path), path.string());
  r.next();
  std::map<int, std::map<std::string, WeightedSample>> years;  // bin_year → contcod → deciles
  int missing = 0;
  while (r.next()) {
    if (r.field(6) != "1") continue;  // mysample: urban and rural CHN, IND, IDN separate
    if (r.field(10).empty()) {  // one decile (CHE 2008, decile 1) has no income in the release
      ++missing;
      continue;
    }
    auto& s = years[int(r.number(7))][std::string(r.field(0))];
    s.w.push_back(r.number(9));
    s.y.push_back(r.number(10));
  }
  // Note 06's reproduction of the published figures (Gini 72.2 in 1988, 70.5 in 2008).
  const std::map<int, std::array<double, 5>> expected = {  // gini, theil, theil between, mld, mld between
      {1988, {0.7215, 1.022, 0.826, 1.142, 0.950}},
      {2008, {0.7050, 1.003, 0.757, 1.027, 0.788}}};
  ASSERT_EQ(years.size(), 5u);
  EXPECT_EQ(missing, 1);
  for (const auto& [year, countries] : years) {
    std::vector<WeightedSample> groups;
    for (const auto& [c, s] : countries) groups.push_back(s);
    const Decomposition d = decompose(groups);
    SCOPED_TRACE(year);
    EXPECT_NEAR(d.theil_between + d.theil_within, d.theil, 1e-12);
    EXPECT_NEAR(d.mld_between + d.mld_within, d.mld, 1e-12);
    if (auto it = expected.find(year); it != expected.end()) {
      EXPECT_NEAR(d.gini, it->second[0], 5e-5);
      EXPECT_NEAR(d.theil, it->second[1], 5e-4);
      EXPECT_NEAR(d.theil_between, it->second[2], 5e-4);
      EXPECT_NEAR(d.mld, it->second[3], 5e-4);
      EXPECT_NEAR(d.mld_between, it->second[4], 5e-4);
    }
  }
}

TEST(Measures, BadInputIsRefused) {
  EXPECT_THROW(validate(WeightedSample{{1, -2}, {1, 1}}), Error);  // negative income
  EXPECT_THROW(validate(WeightedSample{{1, 2}, {1, 0}}), Error);   // zero weight
  EXPECT_THROW(mld(WeightedSample{{0, 2}, {1, 1}}), Error);        // log of zero
  EXPECT_THROW(poverty(WeightedSample{{1}, {1}}, 0), Error);
}

TEST(Aggregate, MissingCountriesTakeTheirRegionsRate) {
  std::vector<CountryEstimate> c = {
      {"A", "R1", "LIC", 100, true, {0.5, 0.2, 0.1, 0.3}},
      {"B", "R1", "UMIC", 300, true, {0.1, 0.02, 0.01, 0.03}},
      {"C", "R1", "LIC", 200, false, {}},
      {"D", "R2", "HIC", 400, true, {0.0, 0.0, 0.0, 0.0}},
  };
  const auto world = aggregate(c, Grouping::world);
  ASSERT_EQ(world.size(), 1u);
  const double r1 = (0.5 * 100 + 0.1 * 300) / 400;  // 0.2, also C's rate
  EXPECT_NEAR(world[0].poor, 50 + 30 + r1 * 200, 1e-9);
  EXPECT_NEAR(world[0].population, 1000, 0);
  EXPECT_NEAR(world[0].coverage, 0.8, 1e-15);
  const auto regions = aggregate(c, Grouping::region);
  ASSERT_EQ(regions.size(), 2u);
  EXPECT_NEAR(regions[0].measures.headcount, r1, 1e-15);  // imputation leaves the region's rate unchanged
  EXPECT_NEAR(regions[0].coverage, 400.0 / 600, 1e-15);
  const auto income = aggregate(c, Grouping::income_group);
  EXPECT_EQ(income[0].group, "LIC");
  EXPECT_NEAR(income[0].poor, 50 + r1 * 200, 1e-9);
  c[1].population = 0;
  EXPECT_THROW(aggregate(c, Grouping::world), Error);  // missing population
}

TEST(Ppp, LineOfAnotherVintageIsRefused) {
  EXPECT_NO_THROW(require_vintage({1.90, PppVintage::ppp2011}, PppVintage::ppp2011));
  try {
    require_vintage({2.15, PppVintage::ppp2017}, PppVintage::ppp2011);
    FAIL() << "a 2017 PPP line was applied to 2011 PPP data";
  } catch (const Error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("2017 PPP"), std::string::npos) << m;
    EXPECT_NE(m.find("$1.90"), std::string::npos) << m;
  }
  EXPECT_EQ(international_lines(PppVintage::ppp2021)[0], 3.00);
  EXPECT_EQ(parse_ppp_vintage("2017ppp"), PppVintage::ppp2017);
  EXPECT_THROW(parse_ppp_vintage("2019"), Error);
}

TEST(Ppp, DocumentedConversionScalesByTheExtremeLines) {
  const PovertyLine l = convert_line({2.15, PppVintage::ppp2017}, PppVintage::ppp2011);
  EXPECT_EQ(l.vintage, PppVintage::ppp2011);
  EXPECT_NEAR(l.value, 1.90, 1e-12);
  EXPECT_NEAR(convert_line({3.00, PppVintage::ppp2021}, PppVintage::ppp2017).value, 2.15, 1e-12);
  // Above the extreme line the proportional rule is an approximation: 3.20 (2011) -> 3.62, not the WB's 3.65.
  EXPECT_NEAR(convert_line({3.20, PppVintage::ppp2011}, PppVintage::ppp2017).value, 3.20 * 2.15 / 1.90, 1e-12);
  EXPECT_NO_THROW(require_vintage(l, PppVintage::ppp2011));
}

TEST(Aggregate, SurveyWithinThreeYearsWithCovidCensoring) {
  EXPECT_TRUE(survey_within_3y({2000.21}, 2003));   // 2.79 years away
  EXPECT_FALSE(survey_within_3y({2000.21}, 1997));  // 3.21 years away
  EXPECT_TRUE(survey_within_3y({2011.5}, 2014));
  EXPECT_FALSE(survey_within_3y({2011.5}, 2015));  // India 2015: no survey within 3 years
  EXPECT_TRUE(survey_within_3y({2015}, 2018));     // exactly 3 years counts
  EXPECT_FALSE(survey_within_3y({}, 2000));
  // 2017-2019: surveys from 2020 on do not count; 2020-2022: only surveys from 2020 on count.
  EXPECT_FALSE(survey_within_3y({2020.5}, 2019));
  EXPECT_TRUE(survey_within_3y({2020.5, 2018}, 2019));
  EXPECT_FALSE(survey_within_3y({2019}, 2020));
  EXPECT_TRUE(survey_within_3y({2019, 2021}, 2020));
  EXPECT_TRUE(survey_within_3y({2019}, 2016));      // outside the censored years the rule is plain ±3
  EXPECT_TRUE(survey_within_3y({2021}, 2024));
  EXPECT_EQ(parse_coverage_rule("survey-3y"), CoverageRule::survey_3y);
  EXPECT_EQ(parse_coverage_rule("lineup"), CoverageRule::lineup);
  EXPECT_THROW(parse_coverage_rule("3y"), Error);
}

TEST(Aggregate, ReportedNeedsHalfTheRegionAndHalfOfLowIncomeForTheWorld) {
  // country, region, income group, population, has an estimate, measures, surveyed within 3 years
  std::vector<CountryEstimate> c = {
      {"A", "R1", "Low income", 100, true, {0.5, 0.2, 0.1, 0.3}, false},
      {"B", "R1", "Upper middle income", 300, true, {0.1, 0.02, 0.01, 0.03}, true},
      {"C", "R2", "Lower middle income", 200, true, {0.3, 0.1, 0.05, 0.1}, true},
      {"D", "R2", "High income", 400, true, {0.0, 0.0, 0.0, 0.0}, false},
  };
  auto regions = aggregate(c, Grouping::region, CoverageRule::survey_3y);
  EXPECT_NEAR(regions[0].coverage, 0.75, 1e-15);
  EXPECT_TRUE(regions[0].reported);
  EXPECT_NEAR(regions[1].coverage, 1.0 / 3, 1e-15);
  EXPECT_FALSE(regions[1].reported);
  EXPECT_NEAR(low_income_coverage(c, CoverageRule::survey_3y), 200.0 / 300, 1e-15);
  auto world = aggregate(c, Grouping::world, CoverageRule::survey_3y);
  EXPECT_NEAR(world[0].coverage, 0.5, 1e-15);
  EXPECT_TRUE(world[0].reported);  // 50 % counts; LIC+LMIC 2/3
  c[2].surveyed = false;           // LIC+LMIC coverage 0: the world is not reported though half is covered
  c[1].population = 500;
  world = aggregate(c, Grouping::world, CoverageRule::survey_3y);
  EXPECT_NEAR(world[0].coverage, 500.0 / 1200, 1e-15);
  EXPECT_FALSE(world[0].reported);
  c[1].population = 800;
  world = aggregate(c, Grouping::world, CoverageRule::survey_3y);
  EXPECT_NEAR(world[0].coverage, 800.0 / 1500, 1e-15);
  EXPECT_FALSE(world[0].reported);  // more than half covered, but no low-income coverage
  // The rule moves coverage and reported only.
  const auto lineup = aggregate(c, Grouping::world, CoverageRule::lineup);
  EXPECT_EQ(lineup[0].coverage, 1.0);
  EXPECT_TRUE(lineup[0].reported);
  EXPECT_EQ(lineup[0].poor, world[0].poor);
  EXPECT_EQ(lineup[0].measures.headcount, world[0].measures.headcount);
}
