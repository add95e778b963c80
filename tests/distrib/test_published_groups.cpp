// Stores of survey years (OWID's copy of PIP, WDI): their World and regions are the source's own published
// estimates, read back exactly from the source file (read here independently of the importer), never aggregated
// from the surveyed countries and never part of the universe.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/distrib/tables.hpp"
#include "worldsys/distrib/world.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/distributions.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

// The OWID file's share (0-1) of `entity` below "$LINE a day" in each year, straight from data.csv.
std::map<int, double> owid_share(const fs::path& dir, const std::string& entity, const std::string& line) {
  const std::string col = "$" + line + " a day - share of population below poverty line";
  io::CsvReader r = io::open_csv(dir / "data.csv");
  size_t c = r.size();
  for (size_t i = 0; i < r.size(); ++i)
    if (r.field(i) == col) c = i;
  EXPECT_LT(c, r.size()) << col;
  std::map<int, double> out;
  while (r.next())
    if (r.field(0) == entity && c < r.size() && !r.field(c).empty()) out[int(r.number(1))] = r.number(c) / 100;
  return out;
}

// The poverty table's row for `group` in `year`.
struct Row {
  double headcount = NAN;
  std::string estimate, reported;
};
Row row(const Table& t, const std::string& group, int year) {
  for (size_t i = 0; i < t.rows(); ++i)
    if (t.column("group").text[i] == group && int(t.column("year").num[i]) == year)
      return {t.column("headcount").num[i], t.column("estimate").text[i], t.column("reported").text[i]};
  ADD_FAILURE() << "no row " << group << " " << year;
  return {};
}

Table world(const DistributionStore& s, double line, const std::string& ppp, std::vector<int> years,
            distrib::Grouping by = distrib::Grouping::world) {
  distrib::PovertyQuery q;
  q.line = line, q.ppp = ppp, q.years = std::move(years), q.by = by;
  q.convert_line = distrib::parse_ppp_vintage(ppp) != distrib::store_vintage(s);
  return distrib::poverty_table(s, q, "test");
}

}  // namespace

TEST(PublishedGroups, OwidWorldIsTheFilesOwnWorldRow) {
  const char* rel = "poverty/owid_pip/pip_2017ppp_2022-10";
  WORLDSYS_REQUIRE_DATA(rel);
  const fs::path dir = test::shared_data() / rel;
  const auto shipped = io::read_distribution_store(io::resolve_distribution_store("owid-pip2017"));
  const auto fresh = io::read_owid_pip(dir, "2017");
  for (const auto* s : {&shipped, &fresh}) {
    EXPECT_TRUE(s->survey_years_only);
    for (const auto& e : s->economies) ASSERT_NE(e.country, "World");  // groups are never in the universe
    for (const auto& d : s->distributions) ASSERT_NE(d.country, "Sub-Saharan Africa");
    for (const char* line : {"2.15", "6.85"}) {
      const auto file = owid_share(dir, "World", line);
      ASSERT_EQ(file.size(), 30u);  // 1990-2019
      const Table t = world(*s, std::stod(line), "2017", {1990, 2011, 2019});
      for (int y : {1990, 2011, 2019}) {
        const Row r = row(t, "World", y);
        EXPECT_EQ(r.headcount, file.at(y)) << line << " " << y;
        EXPECT_EQ(r.estimate, "published");
        EXPECT_EQ(r.reported, "true");
      }
    }
    // PIP's 2019 World at $2.15 is 8.4 %, not the 4.6 % of the surveyed countries alone.
    EXPECT_NEAR(row(world(*s, 2.15, "2017", {2019}), "World", 2019).headcount, 0.0844, 5e-4);
    // $3.00 in 2021 PPP converts to $2.15 in 2017 PPP: the published $2.15 estimate.
    EXPECT_EQ(row(world(*s, 3.00, "2021", {2019}), "World", 2019).headcount,
              owid_share(dir, "World", "2.15").at(2019));
    // Regions: the file's own rows; one PIP did not report (Middle East and North Africa 2019) has no figure.
    const Table reg = world(*s, 2.15, "2017", {2019}, distrib::Grouping::region);
    EXPECT_EQ(row(reg, "Sub-Saharan Africa", 2019).headcount, owid_share(dir, "Sub-Saharan Africa", "2.15").at(2019));
    EXPECT_FALSE(owid_share(dir, "Middle East and North Africa", "2.15").count(2019));
    const Row mena = row(reg, "Middle East and North Africa", 2019);
    EXPECT_TRUE(std::isnan(mena.headcount));
    EXPECT_EQ(mena.estimate, "none");
    EXPECT_EQ(mena.reported, "false");
    // A line the source does not publish: no world figure rather than an aggregate of the surveyed countries.
    const Row odd = row(world(*s, 5, "2017", {2019}), "World", 2019);
    EXPECT_TRUE(std::isnan(odd.headcount));
    EXPECT_EQ(odd.estimate, "none");
    // Income groups cannot be had from it.
    EXPECT_THROW(world(*s, 2.15, "2017", {2019}, distrib::Grouping::income_group), Error);
  }
}

TEST(PublishedGroups, Owid2011WorldIsTheFilesOwnWorldRow) {
  const char* rel = "poverty/owid_pip/pip_2011ppp_2022-10";
  WORLDSYS_REQUIRE_DATA(rel);
  const fs::path dir = test::shared_data() / rel;
  const auto s = io::read_owid_pip(dir, "2011");
  const auto file = owid_share(dir, "World", "1.90");
  const Table t = world(s, 1.90, "2011", {1990, 2000, 2019});
  for (int y : {1990, 2000, 2019}) EXPECT_EQ(row(t, "World", y).headcount, file.at(y)) << y;
}

TEST(PublishedGroups, WdiPublishesNoWorldSoThereIsNone) {
  const char* rel = "poverty/wdi_2021ppp";
  WORLDSYS_REQUIRE_DATA(rel);
  // The files as kept hold no aggregate rows (WLD): the store then has no world figure at all.
  io::CsvReader r = io::open_csv(test::shared_data() / rel / "SI.POV.DDAY.csv");
  while (r.next()) ASSERT_NE(r.field(1), "WLD");
  const auto s = io::read_wdi(test::shared_data() / rel);
  EXPECT_TRUE(s.survey_years_only);
  const Row w = row(world(s, 3.00, "2021", {2019}), "World", 2019);
  EXPECT_TRUE(std::isnan(w.headcount));
  EXPECT_EQ(w.estimate, "none");
}

TEST(PublishedGroups, AWorldRowInAStoreIsReadBackAndCountriesAreUnchanged) {
  // A small store of survey years with a published World row (code "World", level aggregate).
  DistributionStore s;
  s.ppp = "2017";
  s.survey_years_only = true;
  for (const char* c : {"A", "B"}) {
    s.economies.push_back({c, "", "", 2019, 100});
    DistributionRow d;
    d.country = d.name = c, d.year = 2019, d.population = 100;
    s.distributions.push_back(d);
    s.published.push_back({c, "national", 2019, 2.15, c[0] == 'A' ? 0.1 : 0.3, NAN, NAN, NAN});
  }
  s.published.push_back({"World", kAggregateLevel, 2019, 2.15, 0.25, 0.05, NAN, NAN});
  test::TempDir t;
  io::write_distribution_store(s, t / "s", false);
  const auto back = io::read_distribution_store(t / "s");
  EXPECT_TRUE(back.survey_years_only);
  const Row w = row(world(back, 2.15, "2017", {2019}), "World", 2019);
  EXPECT_EQ(w.headcount, 0.25);  // the published row, not (0.1 + 0.3) / 2
  EXPECT_EQ(w.estimate, "published");
  distrib::PovertyQuery q;
  q.line = 2.15, q.years = {2019}, q.by = distrib::Grouping::country, q.coverage = distrib::CoverageRule::lineup;
  q.source_estimates = true;  // the store holds the source's estimates only (as `worldsys poverty` chooses for it)
  const Table c = distrib::poverty_table(back, q, "test");
  ASSERT_EQ(c.rows(), 2u);  // the World row is no country
  EXPECT_EQ(row(c, "A", 2019).headcount, 0.1);
  EXPECT_EQ(row(c, "B", 2019).headcount, 0.3);
  EXPECT_EQ(row(c, "B", 2019).estimate, "source");
}
