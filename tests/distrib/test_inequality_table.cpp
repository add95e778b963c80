// distrib::inequality_table on the embedded pip2011 store, checked against the subgroup decomposability of the
// generalized entropy measures: the world's Theil and MLD follow from the regions' rows and the regions' means and
// populations (computed here from the store's panel), and the world's within-country Theil from the country rows.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "worldsys/core/error.hpp"
#include "worldsys/distrib/tables.hpp"
#include "worldsys/distrib/world.hpp"
#include "worldsys/io/distributions.hpp"

using namespace worldsys;

namespace {

const DistributionStore& pip2011() {
  static const DistributionStore s = io::read_distribution_store(io::resolve_distribution_store("pip2011"));
  return s;
}

std::map<std::string, double> by_group(const Table& t, const std::string& column) {
  std::map<std::string, double> m;
  for (size_t i = 0; i < t.rows(); ++i) m[t.column("group").text[i]] = t.column(column).num[i];
  return m;
}

struct Totals {
  double population = 0, income = 0;
};

}  // namespace

TEST(InequalityTable, WorldFromRegionsAndCountries) {
  const int year = 2011;
  distrib::InequalityQuery q;
  q.years = {year};
  q.decompose = true;
  q.model = false;  // quantile groups at their means: the totals below are exactly the decile data's
  const Table world = distrib::inequality_table(pip2011(), q);
  ASSERT_EQ(world.rows(), 1u);
  EXPECT_EQ(world.column("group").text[0], "World");
  q.by = distrib::Grouping::region;
  const Table regions = distrib::inequality_table(pip2011(), q);
  q.by = distrib::Grouping::country;
  const Table countries = distrib::inequality_table(pip2011(), q);

  // Population and income (population x mean) of each region's and country's covered part.
  std::map<std::string, Totals> region, country;
  Totals all;
  for (const auto& c : distrib::country_panel(pip2011(), year)) {
    if (c.parts.empty()) continue;
    for (auto* t : {&region[c.region], &country[c.country], &all}) {
      t->population += c.population;
      t->income += c.population * c.mean;
    }
  }
  ASSERT_EQ(regions.rows(), region.size());
  ASSERT_EQ(countries.rows(), country.size());
  const double mu = all.income / all.population;

  // T = sum_r s_r (T_r + ln(mu_r / mu)) with income shares s_r; MLD = sum_r p_r (MLD_r + ln(mu / mu_r)) with
  // population shares p_r.
  const auto T_r = by_group(regions, "theil"), L_r = by_group(regions, "mld");
  double T = 0, L = 0;
  for (const auto& [r, t] : region) {
    const double mu_r = t.income / t.population;
    T += t.income / all.income * (T_r.at(r) + std::log(mu_r / mu));
    L += t.population / all.population * (L_r.at(r) + std::log(mu / mu_r));
  }
  EXPECT_NEAR(T, world.column("theil").num[0], 1e-10);
  EXPECT_NEAR(L, world.column("mld").num[0], 1e-10);

  // Within countries: the income-weighted Theil and population-weighted MLD of the country rows.
  const auto T_c = by_group(countries, "theil"), L_c = by_group(countries, "mld");
  double T_within = 0, L_within = 0;
  for (const auto& [c, t] : country) {
    T_within += t.income / all.income * T_c.at(c);
    L_within += t.population / all.population * L_c.at(c);
  }
  EXPECT_NEAR(T_within, world.column("theil_within").num[0], 1e-10);
  EXPECT_NEAR(L_within, world.column("mld_within").num[0], 1e-10);
  for (size_t i = 0; i < countries.rows(); ++i) {  // one country alone: nothing between, all within, all covered
    EXPECT_EQ(countries.column("theil_between").num[i], 0.0);
    EXPECT_EQ(countries.column("theil_within").num[i], countries.column("theil").num[i]);
    EXPECT_EQ(countries.column("coverage").num[i], 1.0);
  }
  // As `worldsys inequality pip2011 --year 2011 --units groups`: PIP 2011 gives deciles at survey years only
  // (50.2 % of the population); a year between two surveys with deciles stacks both (io::read_pip2011): 63.3 %.
  EXPECT_NEAR(world.column("coverage").num[0], 0.632982, 5e-7);
}

TEST(InequalityTable, EveryYearByDefaultColumnsWithoutDecomposition) {
  const Table t = distrib::inequality_table(pip2011(), {});
  const auto years = distrib::store_years(pip2011());
  ASSERT_EQ(t.rows(), years.size());
  for (size_t i = 0; i < years.size(); ++i) EXPECT_EQ(t.column("year").num[i], years[i]);
  std::vector<std::string> names;
  for (const auto& c : t.columns()) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"group", "year", "gini", "theil", "mld", "mean", "p10", "median", "p90",
                                             "palma", "top10_share", "bottom40_share", "atkinson_0.5", "atkinson_1",
                                             "atkinson_2", "wolfson", "coverage"}));
}

TEST(InequalityTable, IncomeGroupsAreAUsageError) {
  distrib::InequalityQuery q;
  q.by = distrib::Grouping::income_group;
  try {
    distrib::inequality_table(pip2011(), q);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::usage);
  }
}
