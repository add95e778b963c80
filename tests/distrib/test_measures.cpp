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
