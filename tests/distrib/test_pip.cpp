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
  // Country × year × reporting level (6684), a year between two surveys with deciles as two rows (PIP 2011 has
  // none for it: both surveys' are stacked with time weights).
  EXPECT_EQ(s.distributions.size(), 7747u);
  size_t stacked = 0;
  for (const auto& d : s.distributions) stacked += d.weight < 1;
  EXPECT_EQ(s.distributions.size() - stacked / 2, 6684u);
  EXPECT_EQ(s.published.size(), 3u * 6684 - 12);  // three lines each, except 4 GNB years without estimates
  ASSERT_EQ(s.surveys.size(), 2194u);  // pip_survey_means: one row per survey and reporting level
  EXPECT_EQ(s.surveys[0].country, "AGO");
  EXPECT_EQ(s.surveys[0].year, 2000.21);  // fractional survey year (a survey over 2000-2001)
  test::TempDir dir;
  io::write_distribution_store(s, dir / "pip11", false);
  EXPECT_TRUE(io::is_distribution_store(dir / "pip11"));
  const auto back = io::read_distribution_store(dir / "pip11");
  ASSERT_EQ(back.distributions.size(), s.distributions.size());
  ASSERT_EQ(back.published.size(), s.published.size());
  ASSERT_EQ(back.economies.size(), s.economies.size());
  ASSERT_EQ(back.surveys.size(), s.surveys.size());
  for (size_t i = 0; i < s.surveys.size(); ++i) {
    EXPECT_EQ(back.surveys[i].country, s.surveys[i].country);
    EXPECT_EQ(back.surveys[i].level, s.surveys[i].level);
    EXPECT_EQ(back.surveys[i].year, s.surveys[i].year);
  }
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
    const auto est = country_poverty(panel, 1.90, {true, false});  // the source's own estimates
    // Poor people in the table's rows: national rows, or the urban/rural rows of a country without one; a
    // country published at one level only (ARG and SUR: urban) stands for its whole population.
    std::map<std::pair<std::string, std::string>, double> pop;
    std::map<std::string, std::set<std::string>> levels;
    std::set<std::string> national;
    for (const auto& d : s.distributions)
      if (d.year == year) {
        pop[{d.country, d.level}] = d.population;
        levels[d.country].insert(d.level);
        if (d.level == "national") national.insert(d.country);
      }
    for (const auto& e : s.economies)
      if (e.year == year && levels[e.country].size() == 1 && !national.count(e.country))
        pop[{e.country, *levels[e.country].begin()}] = e.population;
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
    // The universe's population agrees with PIP's regional populations.
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

// worldsys' survey coverage (--coverage survey-3y) against the coverage PIP publishes with the same release:
// pip_region_coverage (% of each region's population, WLD = world) and pip_incgrp_coverage (LIC/LMIC).
TEST(Pip2011, SurveyCoverageAgreesWithPipsPublishedCoverage) {
  WORLDSYS_REQUIRE_DATA(std::string(kPip) + "/pip_region_coverage_version_0_3_2_9000.csv");
  WORLDSYS_REQUIRE_DATA(std::string(kPip) + "/pip_incgrp_coverage_version_0_3_2_9000.csv");
  const auto& s = pip();
  std::map<std::pair<int, std::string>, double> published;  // (year, region) -> share
  {
    const auto path = test::shared_data() / kPip / "pip_region_coverage_version_0_3_2_9000.csv";
    io::CsvReader r(io::read_text(path), path.string());
    r.next();
    while (r.next()) published[{int(r.number(0)), std::string(r.field(1))}] = r.number(2) / 100;
  }
  {
    const auto path = test::shared_data() / kPip / "pip_incgrp_coverage_version_0_3_2_9000.csv";
    io::CsvReader r(io::read_text(path), path.string());
    r.next();
    while (r.next()) published[{int(r.number(0)), "LIC/LMIC"}] = r.number(2) / 100;
  }
  // PIP's population of ARG's rural part: ARG's line-up row is urban only; it stands for the whole country in
  // worldsys' universe (population and poor), but PIP counts the rural part as not covered.
  std::map<int, double> arg_rural;
  {
    const auto path = test::shared_data() / kPip / "pip_country_coverage_version_0_3_2_9000.csv";
    io::CsvReader r(io::read_text(path), path.string());
    r.next();
    while (r.next())
      if (r.field(0) == "ARG" && r.field(2) == "rural") arg_rural[int(r.number(1))] = r.number(8);
  }
  struct Diff {
    int year;
    std::string group;
    double ours, explained, pip;
  };
  std::vector<Diff> diffs;
  for (int year = 1981; year <= 2019; ++year) {
    std::vector<CountryEstimate> ce;
    for (auto& c : country_poverty(country_panel(s, year), 1.90, {true, false}))
      ce.push_back(c.estimate);
    auto groups = aggregate(ce, Grouping::region, CoverageRule::survey_3y);
    auto world = aggregate(ce, Grouping::world, CoverageRule::survey_3y);
    world[0].group = "WLD";
    groups.push_back(world[0]);
    // The same sums with PIP's three departures from the rule as worldsys applies it (see poverty.md §5):
    // ARG's rural population is uncovered; SUR's urban surveys do not cover its national population;
    // HRV 1995-1997 are not covered (PIP's line-up brackets 1992-1997 by the 1988 and 2009 surveys).
    std::map<std::string, std::pair<double, double>> pip_rule;  // group -> (covered, population)
    for (const auto& c : ce) {
      const bool departs = c.country == "SUR" || (c.country == "HRV" && year >= 1995 && year <= 1997);
      const double covered = c.surveyed && !departs ? c.population - (c.country == "ARG" ? arg_rural.at(year) : 0) : 0;
      for (const std::string& g : {c.region, std::string("WLD")}) {
        pip_rule[g].first += covered;
        pip_rule[g].second += c.population;
      }
      if (c.income_group == "Low income" || c.income_group == "Lower middle income") {
        pip_rule["LIC/LMIC"].first += covered;
        pip_rule["LIC/LMIC"].second += c.population;
      }
    }
    auto explained = [&](const std::string& g) { return pip_rule[g].first / pip_rule[g].second; };
    for (const auto& g : groups) diffs.push_back({year, g.group, g.coverage, explained(g.group), published.at({year, g.group})});
    diffs.push_back({year, "LIC/LMIC", low_income_coverage(ce, CoverageRule::survey_3y), explained("LIC/LMIC"),
                     published.at({year, "LIC/LMIC"})});
  }
  ASSERT_EQ(diffs.size(), 39u * 9);  // 7 regions, the world and LIC/LMIC, 1981-2019
  double max_diff = 0, max_explained = 0;
  size_t matching = 0;
  for (const auto& d : diffs) {
    const double e = std::abs(d.ours - d.pip);
    max_diff = std::max(max_diff, e);
    max_explained = std::max(max_explained, std::abs(d.explained - d.pip));
    // PIP's file has float32 percentages to 2 decimals: 1e-3 is well above their rounding.
    if (e <= 1e-3) ++matching;
    else std::printf("  %d %-8s worldsys %.4f  PIP %.4f  explained %.4f\n", d.year, d.group.c_str(), d.ours, d.pip, d.explained);
  }
  std::printf("coverage vs PIP's published coverage: %zu of %zu group-years within 1e-3, max abs diff %.4f; with "
              "ARG rural, SUR and HRV 1995-97 as PIP has them: max abs diff %.6f\n",
              matching, diffs.size(), max_diff, max_explained);
  RecordProperty("max_abs_diff", std::to_string(max_diff));
  RecordProperty("matching_1e-3", std::to_string(matching));
  // Every difference is explained by the three departures: the rest of the rule is PIP's (what remains, 5e-5, is
  // the coverage table's rounding).
  EXPECT_LT(max_explained, 1e-4);
  // As worldsys computes it: only LAC (ARG, SUR) and ECA/world 1995-1997 (HRV) differ, by 1.3 points at most.
  EXPECT_LT(max_diff, 0.014);
  EXPECT_GE(matching, 302u);
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
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "region_code,reporting_year,poverty_line,ppp,headcount,poverty_gap,poverty_severity,watts,pop_in_poverty,"
            "population,coverage,coverage_low_income,imputed,estimate,estimate_type,reported");
  // The names before 2027, for one release.
  const auto old = test::run_cli("poverty " + store + " --line 1.90 --year 2017 --by region --format csv --names worldsys");
  ASSERT_EQ(old.rc, 0) << old.err;
  EXPECT_EQ(old.out.rfind("group,year,line,ppp,headcount,gap,severity,watts,poor,population,", 0), 0u) << old.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 8);  // header + 7 regions
  // One CSV row (without its newline) of `out` whose group is `group`.
  auto row = [](const std::string& out, const std::string& group) {
    const auto at = out.find('\n' + group + ',');
    return at == std::string::npos ? std::string() : out.substr(at + 1, out.find('\n', at + 1) - at - 1);
  };
  // PIP 2017: South Asia is not reported (India's last survey, 2011.5, is more than 3 years away).
  EXPECT_TRUE(row(r.out, "SAS").ends_with(",false")) << r.out;
  EXPECT_TRUE(row(r.out, "EAP").ends_with(",true")) << r.out;
  // The old rule counts India's line-up row: South Asia is then reported, with the same poverty figures.
  const auto lineup = test::run_cli("poverty " + store + " --line 1.90 --year 2017 --by region --format csv --coverage lineup");
  ASSERT_EQ(lineup.rc, 0) << lineup.err;
  EXPECT_TRUE(row(lineup.out, "SAS").ends_with(",true")) << lineup.out;
  const auto sas = row(r.out, "SAS"), sas_lineup = row(lineup.out, "SAS");
  // Up to the poverty figures (coverage, coverage_low_income, imputed, estimate, estimate_type and reported differ
  // or are left out).
  const auto upto_coverage = [](const std::string& s) {
    size_t at = s.size();
    for (int k = 0; k < 6; ++k) at = s.rfind(',', at - 1);
    return s.substr(0, at);
  };
  EXPECT_EQ(upto_coverage(sas), upto_coverage(sas_lineup));
  // A store written before survey lists were kept (no surveys.csv) still reads; survey coverage then asks for
  // the line-up rule.
  std::filesystem::remove(std::filesystem::path(store) / "surveys.csv");
  r = test::run_cli("poverty " + store + " --line 1.90 --year 2017 --format csv");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("--coverage lineup"), std::string::npos) << r.err;
  r = test::run_cli("poverty " + store + " --line 1.90 --year 2017 --format csv --coverage lineup");
  ASSERT_EQ(r.rc, 0) << r.err;
  r = test::run_cli("inequality " + store + " --year 2010 --decompose --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("group,year,gini,theil,mld,theil_between,theil_within,mld_between,mld_within,mean,"),
            std::string::npos) << r.out;
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
