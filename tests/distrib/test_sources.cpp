// Readers of the other distribution sources: Gapminder bracket counts, WDI headcounts, Lakner–Milanovic.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <set>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/ppp.hpp"
#include "worldsys/distrib/tables.hpp"
#include "worldsys/distrib/world.hpp"
#include "worldsys/io/distributions.hpp"

using namespace worldsys;
using namespace worldsys::distrib;

TEST(Gapminder, BracketsBecomeVentileShares) {
  const char* rel = "poverty/gapminder/older_2021";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto s = io::read_gapminder(test::shared_data() / rel);
  EXPECT_EQ(s.ppp, "2011");
  size_t n = 0;
  for (const auto& d : s.distributions) {
    ASSERT_EQ(d.shares.size(), 20u) << d.country << d.year;
    EXPECT_NEAR(std::accumulate(d.shares.begin(), d.shares.end(), 0.0), 1, 1e-12);
    for (size_t k = 1; k < d.shares.size(); ++k) ASSERT_GE(d.shares[k], d.shares[k - 1] * (1 - 1e-12)) << d.country;
    if (d.country == "AGO" && d.year == 1981) {
      EXPECT_NEAR(d.population, 8640478, 100);  // PIP's population for the same country-year
      EXPECT_NEAR(d.mean, 5.470636, 1e-3);       // PIP's mean: Gapminder builds on it
      ++n;
    }
  }
  EXPECT_EQ(n, 1u);
  // Every distribution is usable by the Lorenz fits.
  const auto panel = country_panel(s, 2017);
  size_t fitted = 0;
  for (const auto& e : country_poverty(panel, 1.90)) fitted += e.source == EstimateSource::model;
  EXPECT_EQ(fitted, panel.size());
}

TEST(Wdi, HeadcountsAtTheirLinesAndVintage) {
  const char* rel = "poverty/wdi_2021ppp";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto s = io::read_wdi(test::shared_data() / rel);
  EXPECT_EQ(s.ppp, "2021");
  EXPECT_THROW(require_vintage({1.90, PppVintage::ppp2011}, parse_ppp_vintage(s.ppp)), Error);
  for (const auto& p : s.published) {
    ASSERT_TRUE(p.line == 3.00 || p.line == 4.20 || p.line == 8.30);
    ASSERT_GE(p.headcount, 0);
    ASSERT_LE(p.headcount, 1);
  }
  // Zimbabwe 2019 at $3.00: 49.2 % in the file.
  bool found = false;
  for (const auto& p : s.published)
    if (p.country == "ZWE" && p.year == 2019 && p.line == 3.00) {
      found = true;
      EXPECT_NEAR(p.headcount, 0.492, 1e-12);
    }
  EXPECT_TRUE(found);
  // Poverty at $3.00 in 2019 adds up the country rows with data; the rest is imputed.
  const auto est = country_poverty(country_panel(s, 2019), 3.00, {true, false});  // WDI has estimates, no shares
  size_t with_data = 0;
  for (const auto& e : est) with_data += e.estimate.has_data;
  EXPECT_GT(with_data, 30u);
  EXPECT_LT(with_data, est.size());
}

TEST(LaknerMilanovic, ImportedDecilesGiveThePublishedGini) {
  const char* rel = "poverty/lakner_milanovic";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto s = io::read_lakner_milanovic(test::shared_data() / rel);
  EXPECT_EQ(s.ppp, "2005");
  // Lakner & Milanovic pool decile groups at their means (--units groups).
  InequalityQuery q;
  q.years = {1988, 2008}, q.model = false, q.decompose = true;
  const Table t = inequality_table(s, q);
  ASSERT_EQ(t.rows(), 2u);
  // Published: 72.2 and 70.5. Urban and rural parts are grouped by country here; CHE 2008 lacks a decile.
  EXPECT_NEAR(t.column("gini").num[0], 0.722, 1e-3);
  EXPECT_NEAR(t.column("gini").num[1], 0.705, 1e-3);
  EXPECT_NEAR(t.column("theil_between").num[0] + t.column("theil_within").num[0], t.column("theil").num[0], 1e-12);
  EXPECT_EQ(t.column("coverage").num[0], 1.0);
  EXPECT_LT(t.column("coverage").num[1], 1.0);
}

TEST(OwidPip, QuintilesLevelsAndLines) {
  const char* rel = "poverty/owid_pip/pip_2017ppp_2022-10";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto s = io::read_owid_pip(test::shared_data() / rel, "2017");
  bool china_urban = false;
  for (const auto& d : s.distributions) {
    ASSERT_NE(d.country, "World");
    ASSERT_NE(d.country, "South Asia");
    china_urban = china_urban || (d.country == "China" && d.level == "urban");
    if (!d.shares.empty()) {
      ASSERT_EQ(d.shares.size(), 5u);
      EXPECT_NEAR(std::accumulate(d.shares.begin(), d.shares.end(), 0.0), 1, 1e-6);
    }
  }
  EXPECT_TRUE(china_urban);
  std::set<double> lines;
  for (const auto& p : s.published) lines.insert(p.line);
  EXPECT_TRUE(lines.count(2.15) && lines.count(3.65) && lines.count(6.85));
  // Albania 2018 at $2.15: the Beta fitted to the quintiles puts so much negative welfare at the bottom that its
  // severity exceeds its gap (not normal), so the quadratic is chosen.
  for (const auto& d : s.distributions)
    if (d.country == "Albania" && d.year == 2018) {
      const auto g = from_quantile_shares(d.shares, d.mean);
      const auto beta = poverty(fit_beta(g), g.mean, 2.15);
      EXPECT_FALSE(beta.normal);
      EXPECT_GT(beta.measures.severity, beta.measures.gap);
      EXPECT_EQ(analyse_grouped(g, 2.15).poverty_model, LorenzModel::quadratic);
    }
}

TEST(Wid, DecileSharesGiveALowerBoundOfThePublishedGini) {
  const char* rel = "poverty/wid";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto s = io::read_wid(test::shared_data() / rel);
  ASSERT_GT(s.distributions.size(), 3000u);
  size_t checked = 0, negative = 0;
  for (const auto& d : s.distributions) {
    ASSERT_EQ(d.shares.size(), 10u);
    EXPECT_NEAR(std::accumulate(d.shares.begin(), d.shares.end(), 0.0), 1, 2e-3) << d.country << d.year;
    if (*std::min_element(d.shares.begin(), d.shares.end()) < 0) {
      // Pre-tax income can be negative at the bottom: such shares are refused, not silently clipped.
      EXPECT_THROW(from_quantile_shares(d.shares, d.mean), Error);
      ++negative;
      continue;
    }
    if (std::isnan(d.gini)) continue;
    // Units at decile means ignore inequality inside deciles: never above WID's percentile-based Gini.
    const double g = gini(to_sample(from_quantile_shares(d.shares, d.mean)));
    EXPECT_LE(g, d.gini + 2e-3) << d.country << ' ' << d.year;
    EXPECT_GT(g, d.gini - 0.08) << d.country << ' ' << d.year;
    ++checked;
  }
  EXPECT_GT(checked, 3000u);
  EXPECT_GT(negative, 0u);
  std::printf("WID pre-tax: %zu entity-years compared with the published Gini, %zu with a negative decile share\n",
              checked, negative);
}
