// The PIP 2011 PPP tables through the reader, the store, the Lorenz fits and the aggregation.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "support.hpp"
#include "worldsys/distrib/world.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/text.hpp"

using namespace worldsys;
using namespace worldsys::distrib;

namespace {
constexpr const char* kPip = "poverty/pip_2011ppp";

const io::DistributionStore& pip() {
  static const io::DistributionStore s = io::read_pip2011(test::shared_data() / kPip);
  return s;
}
}  // namespace

TEST(Pip2011, StoreRoundTrips) {
  WORLDSYS_REQUIRE_DATA(kPip);
  const auto& s = pip();
  EXPECT_EQ(s.ppp, "2011");
  EXPECT_EQ(s.distributions.size(), 6684u);  // country × year × reporting level
  EXPECT_EQ(s.published.size(), 3u * 6684 - 12);  // three lines each, except 4 GNB years without estimates
  test::TempDir dir;
  io::write_distribution_store(s, dir / "pip11", false);
  EXPECT_TRUE(io::is_distribution_store(dir / "pip11"));
  const auto back = io::read_distribution_store(dir / "pip11");
  ASSERT_EQ(back.distributions.size(), s.distributions.size());
  ASSERT_EQ(back.published.size(), s.published.size());
  ASSERT_EQ(back.economies.size(), s.economies.size());
  for (size_t i = 0; i < s.distributions.size(); i += 97) {
    const auto &a = s.distributions[i], &b = back.distributions[i];
    EXPECT_EQ(a.country, b.country);
    EXPECT_EQ(a.year, b.year);
    EXPECT_EQ(a.mean, b.mean);  // round-trip number formatting
    EXPECT_EQ(a.shares, b.shares);
  }
}

TEST(Pip2011, StataFileGivesTheSameTable) {
  WORLDSYS_REQUIRE_DATA(std::string(kPip) + "/pip_fillgaps_ppp11_version_0_3_2_9000.dta");
  const auto dta = io::read_pip2011(test::shared_data() / kPip, true);
  const auto& csv = pip();
  ASSERT_EQ(dta.distributions.size(), csv.distributions.size());
  ASSERT_EQ(dta.published.size(), csv.published.size());
  for (size_t i = 0; i < csv.distributions.size(); ++i) {
    const auto &a = csv.distributions[i], &b = dta.distributions[i];
    ASSERT_EQ(a.country, b.country);
    ASSERT_EQ(a.year, b.year);
    ASSERT_EQ(a.welfare, b.welfare);
    ASSERT_EQ(a.mean, b.mean) << a.country << ' ' << a.year;  // float32 in both, printed the same way
    ASSERT_EQ(a.shares, b.shares);
  }
  for (size_t i = 0; i < csv.published.size(); ++i) ASSERT_EQ(csv.published[i].headcount, dta.published[i].headcount);
}

TEST(Pip2011, HeadcountsFromDecilesAgreeWithPublishedHeadcounts) {
  WORLDSYS_REQUIRE_DATA(kPip);
  const auto& s = pip();
  std::map<std::tuple<std::string, int, std::string>, const io::DistributionRow*> dist;
  for (const auto& d : s.distributions) dist[{d.country, d.year, d.level}] = &d;
  std::vector<double> err;
  size_t failed = 0;
  for (const auto& p : s.published) {
    const auto* d = dist.at({p.country, p.year, p.level});
    if (d->shares.empty() || std::isnan(p.headcount)) continue;
    try {
      const auto r = analyse_grouped(from_quantile_shares(d->shares, d->mean), p.line);
      err.push_back(std::abs(r.measures.headcount - p.headcount));
    } catch (const Error&) {
      ++failed;
    }
  }
  ASSERT_GT(err.size(), 12000u);
  std::sort(err.begin(), err.end());
  auto q = [&](double f) { return err[size_t(f * (err.size() - 1))]; };
  std::printf("headcount |Lorenz fit to deciles - PIP published| over %zu rows (%zu fits failed): median %.5f, "
              "p90 %.5f, p99 %.5f, max %.5f\n", err.size(), failed, q(0.5), q(0.9), q(0.99), err.back());
  RecordProperty("median_abs_error", std::to_string(q(0.5)));
  RecordProperty("p90_abs_error", std::to_string(q(0.9)));
  // Ten deciles carry less information than the microdata PIP used: agreement to about a percentage point.
  EXPECT_LT(q(0.5), 0.005);
  EXPECT_LT(q(0.9), 0.02);
  EXPECT_LT(failed, err.size() / 100);
}

TEST(Pip2011, WorldAggregationAddsUpTheCountryRows) {
  WORLDSYS_REQUIRE_DATA(kPip);
  const auto& s = pip();
  // Region populations published beside the table.
  const auto path = test::shared_data() / kPip / "pip_pop_region_version_0_3_2_9000.csv";
  io::CsvReader r(io::read_text(path), path.string());
  r.next();
  std::map<int, double> region_pop;
  while (r.next())
    if (r.field(0) != "WLD") region_pop[int(r.number(1))] += r.number(2);
  for (int year : {1990, 2017}) {
    SCOPED_TRACE(year);
    const auto panel = country_panel(s, year);
    const auto est = country_poverty(panel, 1.90);
    // Poor people in the table's rows: national rows, or the urban/rural rows of a country without one
    // (ARG and SUR are urban only).
    std::map<std::pair<std::string, std::string>, double> pop;
    std::set<std::string> national;
    for (const auto& d : s.distributions)
      if (d.year == year) {
        pop[{d.country, d.level}] = d.population;
        if (d.level == "national") national.insert(d.country);
      }
    double poor_rows = 0, poor_data = 0;
    for (const auto& p : s.published)
      if (p.year == year && std::abs(p.line - 1.9) < 1e-6 && (p.level == "national" || !national.count(p.country)))
        poor_rows += p.headcount * pop.at({p.country, p.level});
    std::vector<CountryEstimate> ce;
    for (const auto& e : est) {
      ce.push_back(e.estimate);
      if (e.estimate.has_data) poor_data += e.estimate.population * e.estimate.measures.headcount;
    }
    EXPECT_NEAR(poor_data / poor_rows, 1, 1e-12);
    const auto world = aggregate(ce, Grouping::world);
    const auto regions = aggregate(ce, Grouping::region);
    ASSERT_EQ(world.size(), 1u);
    double poor_regions = 0, pop_regions = 0;
    for (const auto& g : regions) poor_regions += g.poor, pop_regions += g.population;
    EXPECT_NEAR(poor_regions / world[0].poor, 1, 1e-12);
    EXPECT_NEAR(pop_regions / world[0].population, 1, 1e-12);
    // The universe's population agrees with PIP's regional populations (ARG's table row is urban only).
    EXPECT_NEAR(world[0].population / region_pop.at(year), 1, 1e-3);
    EXPECT_GT(world[0].poor, poor_rows);  // economies without data add poor people at their region's rate
    EXPECT_GT(world[0].coverage, 0.9);
    EXPECT_LT(world[0].coverage, 1.0);
    std::printf("%d: poor in country rows %.1f M; world with regional imputation %.1f M of %.1f M, coverage %.4f\n",
                year, poor_rows / 1e6, world[0].poor / 1e6, world[0].population / 1e6, world[0].coverage);
    if (year == 2017) {
      EXPECT_NEAR(world[0].poor / 684.7e6, 1, 0.005);  // PIP's official 2017 count (note 04)
    }
  }
}

TEST(PovertyCli, GroupedCalculatorExample) {
  const auto file = test::shared_data() / "poverty/grouped/pip_calculator_example.csv";
  WORLDSYS_REQUIRE_DATA("poverty/grouped/pip_calculator_example.csv");
  const auto r = test::run_cli("poverty --grouped " + file.string() + " --mean 51.56 --line 57.791666666666664 --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "method,headcount,gap,severity,watts,gini,median");
  EXPECT_EQ(r.out.substr(r.out.find('\n') + 1, 13), "beta,0.718413");
}

TEST(PovertyCli, GroupedStataFileEqualsItsCsv) {
  const std::string dta = (test::shared_data() / kPip / "pip_datt.dta").string();
  const std::string csv = (test::shared_data() / "poverty/grouped/datt1998_grouped_data_rural_india_1983.csv").string();
  WORLDSYS_REQUIRE_DATA(std::string(kPip) + "/pip_datt.dta");
  WORLDSYS_REQUIRE_DATA("poverty/grouped/datt1998_grouped_data_rural_india_1983.csv");
  const std::string args = " --columns P,L --mean 109.9 --line 89 --format csv";
  const auto a = test::run_cli("poverty --grouped " + dta + args), b = test::run_cli("poverty --grouped " + csv + args);
  ASSERT_EQ(a.rc, 0) << a.err;
  ASSERT_EQ(b.rc, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
  EXPECT_NE(a.out.find("gq,0.45061"), std::string::npos) << a.out;  // PIP's choice for Datt's data
}

TEST(PovertyCli, StoreAtLineOfAnotherVintageIsRefused) {
  WORLDSYS_REQUIRE_DATA(kPip);
  test::TempDir dir;
  const auto store = (dir / "pip11").string();
  auto r = test::run_cli("import pip2011 " + (test::shared_data() / kPip).string() + " --out " + store);
  ASSERT_EQ(r.rc, 0) << r.err;
  r = test::run_cli("poverty " + store + " --line 2.15 --year 2017");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("2017 PPP"), std::string::npos) << r.err;
  r = test::run_cli("poverty " + store + " --line 1.90 --year 2017 --by region --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')), "group,year,line,ppp,headcount,gap,severity,poor,population,coverage");
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 8);  // header + 7 regions
  r = test::run_cli("inequality " + store + " --year 2010 --decompose --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("group,year,gini,theil,mld,theil_between,theil_within,mld_between,mld_within,coverage"),
            std::string::npos);
}

TEST(PovertyCli, BadGroupedFilesAreRefusedWithTheirPosition) {
  test::TempDir dir;
  test::write_file(dir / "falls.csv", "p,L\n0.2,0.05\n0.4,0.15\n0.6,0.12\n0.8,0.5\n1,1\n");
  auto r = test::run_cli("poverty --grouped " + (dir / "falls.csv").string() + " --mean 10 --line 5");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("falls.csv: point 3"), std::string::npos) << r.err;
  test::write_file(dir / "short.csv", "p,L\n0.2,0.05\n0.4,0.15\n0.6,0.3\n0.8,0.5\n1,0.9\n");
  r = test::run_cli("poverty --grouped " + (dir / "short.csv").string() + " --mean 10 --line 5");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("must end at (1, 1)"), std::string::npos) << r.err;
  test::write_file(dir / "text.csv", "p,L\n0.2,0.05\n0.4,abc\n");
  r = test::run_cli("poverty --grouped " + (dir / "text.csv").string() + " --mean 10 --line 5");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("text.csv:3:"), std::string::npos) << r.err;  // path:line:column
  r = test::run_cli("poverty --grouped " + (dir / "falls.csv").string() + " --line 5");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("--mean"), std::string::npos) << r.err;
}

TEST(PovertyCli, TabulationThroughParetoInterpolation) {
  const char* rel = "poverty/tabulations/us2010_labour_income.csv";
  WORLDSYS_REQUIRE_DATA(rel);
  const auto r = test::run_cli("poverty --tabulation " + (test::shared_data() / rel).string() + " --line 23686 --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  const auto row = r.out.substr(r.out.find('\n') + 1);
  EXPECT_EQ(row.substr(0, 16), "pareto,0.5000000");  // the median threshold: half the population below it
  EXPECT_NE(row.find(",0.54340"), std::string::npos) << row;  // Gini 0.543405 (note 05)
}
