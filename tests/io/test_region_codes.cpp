// Region codes of every release read as countries, classifications and group files on them, and canonical
// factors from a concordance: what each release's codes and rows become, and the errors for what cannot be.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/core/factors.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/factors.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/region_codes.hpp"
#include "worldsys/io/store.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kExiobase = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT",
    "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "GB", "US", "JP", "CN", "CA", "KR", "BR",
    "IN", "MX", "RU", "AU", "CH", "TR", "TW", "NO", "ID", "ZA", "WA", "WL", "WE", "WF", "WM"};

std::string group_of(const Concordance& c, const std::vector<std::string>& regions, const std::string& r) {
  const size_t i = size_t(std::find(regions.begin(), regions.end(), r) - regions.begin());
  return c.groups.at(c.group_of.at(i));
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(RegionCodes, EveryReleasesCodesNameTheirCountry) {
  EXPECT_EQ(io::country_iso3("AT"), "AUT");   // EXIOBASE, FIGARO
  EXPECT_EQ(io::country_iso3("AUT"), "AUT");  // OECD, Eora, GLORIA, WIOD
  EXPECT_EQ(io::country_iso3("EL"), "GRC");   // Eurostat
  EXPECT_EQ(io::country_iso3("UK"), "GBR");
  EXPECT_EQ(io::country_iso3("ROM"), "ROU");  // WIOD 2013
  EXPECT_EQ(io::country_iso3("CN1"), "CHN");  // OECD ICIO processing split
  EXPECT_EQ(io::country_iso3("SDS"), "SSD");  // GLORIA
  EXPECT_EQ(io::country_iso3("TW"), "TWN");
  for (const char* rest : {"WA", "WL", "WE", "WF", "WM", "RoW", "ROW", "FIGW1", "XAM", "XEU", "XAF", "XAS"}) {
    EXPECT_TRUE(io::is_rest_of_world(rest)) << rest;
    EXPECT_EQ(io::country_iso3(rest), std::nullopt) << rest;  // WF is EXIOBASE's RoW Africa, not Wallis and Futuna
  }
  EXPECT_EQ(io::country_iso3("OTHER_ADV"), std::nullopt);
  EXPECT_EQ(io::describe_codes(kExiobase), "ISO2 codes such as AT, BE, BG");
}

TEST(RegionCodes, ImfAdvancedSplitsExiobasesIso2Regions) {
  const Concordance c = io::load_groups("imf-advanced", kExiobase, 2019);
  for (const char* north : {"AT", "US", "JP", "KR", "TW", "CH", "NO", "GB", "CZ", "LT"})
    EXPECT_EQ(group_of(c, kExiobase, north), "North") << north;
  for (const char* south : {"CN", "IN", "BR", "RU", "TR", "ZA", "ID", "MX", "PL", "HU", "BG", "RO", "HR"})
    EXPECT_EQ(group_of(c, kExiobase, south), "South") << south;
  for (const char* rest : {"WA", "WL", "WE", "WF", "WM"}) EXPECT_EQ(group_of(c, kExiobase, rest), "South") << rest;
  // The year counts: Lithuania joined in 2015.
  EXPECT_EQ(group_of(io::load_groups("imf-advanced", kExiobase, 2014), kExiobase, "LT"), "South");
}

TEST(RegionCodes, SplitCountriesOfOecdIcioFollowTheirCountry) {
  const std::vector<std::string> oecd = {"USA", "DEU", "CN1", "CN2", "MX1", "MX2", "ROW"};
  const Concordance c = io::load_groups("oecd", oecd, 2015);
  EXPECT_EQ(group_of(c, oecd, "MX1"), group_of(c, oecd, "DEU"));  // Mexico is an OECD member
  EXPECT_EQ(group_of(c, oecd, "MX2"), group_of(c, oecd, "DEU"));
  EXPECT_NE(group_of(c, oecd, "CN1"), group_of(c, oecd, "DEU"));
  EXPECT_EQ(group_of(c, oecd, "CN1"), group_of(c, oecd, "CN2"));
}

TEST(RegionCodes, AClassificationOfCountriesRefusesRegionsThatAreNone) {
  const std::vector<std::string> world10 = {"USA", "EU15", "OTHER_ADV", "CHN", "ROW"};
  const std::string e = error_of([&] { io::load_groups("imf-advanced", world10, 2011); });
  EXPECT_NE(e.find("EU15, OTHER_ADV"), std::string::npos) << e;
  EXPECT_NE(e.find("neither a country code nor a release's rest-of-world region"), std::string::npos) << e;
}

TEST(RegionCodes, AGroupFileOfOtherCodesSaysHowFewMatched) {
  // WIOD's split on EXIOBASE: a file's codes are matched exactly (its '*' line would otherwise take EXIOBASE's
  // extra countries without a word), and the message says what this table's codes look like.
  const std::string e = error_of([&] { io::load_groups("wiod-north-south", kExiobase, 2011); });
  EXPECT_NE(e.find("unknown region 'AUS': 0 of the"), std::string::npos) << e;
  EXPECT_NE(e.find("this table uses ISO2 codes such as AT, BE, BG"), std::string::npos) << e;
  test::TempDir tmp;
  test::write_file(tmp / "g.csv", "region,group\nAT,North\nBeta,South\n");
  const std::string one = error_of([&] { io::load_groups((tmp / "g.csv").string(), kExiobase, 2011); });
  EXPECT_NE(one.find("g.csv:3:1: unknown region 'Beta': 1 of the 2 codes in this file matched; this table uses "
                     "ISO2 codes such as AT, BE, BG"),
            std::string::npos)
      << one;
}

TEST(Factors, PatternsMatchWholeNames) {
  EXPECT_TRUE(matches_pattern("Employment hours: *", "Employment hours: Low-skilled male"));
  EXPECT_TRUE(matches_pattern("Employment hours: * male", "Employment hours: Low-skilled male"));
  EXPECT_FALSE(matches_pattern("Employment hours: * male", "Employment hours: Low-skilled female"));
  EXPECT_TRUE(matches_pattern("CO2 - non combustion - * - air", "CO2 - non combustion - Cement production - air"));
  EXPECT_FALSE(matches_pattern("CO2 - non combustion - * - air", "CO2 - non combustion - Cement production - water"));
  EXPECT_TRUE(matches_pattern("Forest", "Forest"));
  EXPECT_FALSE(matches_pattern("Forest", "Forest area"));
  EXPECT_TRUE(matches_pattern("a*b*c", "aXXbYYbc"));
}

namespace {

Mrio table_with(const std::vector<Stressor>& st) {
  Mrio m = test::tiny_mrio();
  m.stressors = st;
  m.F = Matrix(st.size(), m.n());
  m.F_Y = Matrix(st.size(), m.Y.cols());
  for (size_t k = 0; k < st.size(); ++k)
    for (size_t j = 0; j < m.n(); ++j) m.F(k, j) = double(10 * k + j + 1);
  return m;
}

std::vector<FactorRule> user_rules(const test::TempDir& tmp, const std::string& body) {
  test::write_file(tmp / "f.csv", "factor,rows,row_unit,weight,unit\n" + body);
  return io::factor_rules("none", (tmp / "f.csv").string());
}

}  // namespace

TEST(Factors, AUserFileAddsAndChecks) {
  test::TempDir tmp;
  Mrio m = table_with({{"Employment hours: Low-skilled male", "M.hr", ""}, {"Employment hours: High-skilled male", "M.hr", ""},
                       {"Employment hours: Low-skilled female", "hr", ""}});
  // Weighted sum, the unit converted.
  Mrio a = m;
  add_factors(a, user_rules(tmp, "hours,Employment hours: * male,M.hr,1,M h\nhours,Employment hours: * female,hr,1e-6,M h\n"));
  const size_t k = a.stressor_index("hours");
  EXPECT_EQ(a.stressors[k].unit, "M h");
  for (size_t j = 0; j < a.n(); ++j) EXPECT_DOUBLE_EQ(a.F(k, j), m.F(0, j) + m.F(1, j) + 1e-6 * m.F(2, j));
  // A row in a unit no line converts is an error at the line, never dropped.
  Mrio b = m;
  EXPECT_NE(error_of([&] { add_factors(b, user_rules(tmp, "hours,Employment hours: *,M.hr,1,M h\n")); })
                .find("f.csv:2:1: factor 'hours': row 'Employment hours: Low-skilled female' is in 'hr'"),
            std::string::npos);
  // A pattern that matches nothing.
  EXPECT_NE(error_of([&] { add_factors(b, user_rules(tmp, "land,Cropland - *,km2,1,km2\n")); })
                .find("f.csv:2:1: factor 'land': no row matches 'Cropland - *'"),
            std::string::npos);
  // One factor in two units.
  EXPECT_NE(error_of([&] {
              add_factors(b, user_rules(tmp, "hours,Employment hours: * male,M.hr,1,M h\n"
                                             "hours,Employment hours: * female,hr,1,hr\n"));
            }).find("f.csv:3:1: factor 'hours' is in 'hr' here but in 'M h' at line 2"),
            std::string::npos);
  // A row counted twice.
  EXPECT_NE(error_of([&] {
              add_factors(b, user_rules(tmp, "hours,Employment hours: * male,M.hr,1,M h\n"
                                             "hours,Employment hours: Low-skilled male,M.hr,1,M h\n"));
            }).find("counted by two lines"),
            std::string::npos);
  EXPECT_NE(error_of([&] { user_rules(tmp, "hours,x,M.hr,nan,M h\n"); }).find("f.csv:2:14"), std::string::npos);
}

TEST(Factors, ABuiltInFactorOfAnotherUnitIsLeftOutAndSaid) {
  // EXIOBASE hours in hours instead of M.hr: labour_hours is not made, the reason is in the store's history.
  Mrio m = table_with({{"Employment hours: Low-skilled male", "hr", ""}, {"Other net taxes on production", "M.EUR", ""}});
  const auto added = add_factors(m, io::factor_rules("exiobase3"));
  EXPECT_EQ(std::count(added.begin(), added.end(), "labour_hours"), 0);
  EXPECT_EQ(std::count(added.begin(), added.end(), "value_added"), 1);
  const auto said = std::find_if(m.provenance.history.begin(), m.provenance.history.end(), [](const std::string& h) {
    return h.starts_with("factor labour_hours not made: factor 'labour_hours': row 'Employment hours: Low-skilled "
                         "male' is in 'hr'");
  });
  EXPECT_NE(said, m.provenance.history.end());
}

TEST(Factors, ImportFactorsOverridesABuiltInOne) {
  test::TempDir tmp;
  ASSERT_EQ(test::run_cli("fixture exiobase3 --regions 3 --sectors 2 --out " + (tmp / "fx").string()).rc, 0);
  test::write_file(tmp / "f.csv", "# value added at factor cost only\nfactor,rows,row_unit,weight,unit\n"
                                  "value_added,Operating surplus: *,M.EUR,1,M.EUR\n");
  const auto r = test::run_cli("import exiobase3 " + (tmp / "fx" / "IOT_2022_pxp.zip").string() + " --factors " +
                               (tmp / "f.csv").string() + " --out " + (tmp / "st").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  const Mrio m = io::read_store(tmp / "st");
  const size_t va = m.stressor_index("value_added");
  EXPECT_NE(m.stressors[va].note.find("f.csv"), std::string::npos) << m.stressors[va].note;
  for (size_t j = 0; j < m.n(); ++j) {
    double os = 0;
    for (size_t k = 0; k < m.stressors.size(); ++k)
      if (m.stressors[k].name.starts_with("Operating surplus: ")) os += m.F(k, j);
    EXPECT_DOUBLE_EQ(m.F(va, j), os);
  }
  EXPECT_TRUE(m.has_stressor("labour_hours"));  // the other built-in factors stay
  test::write_file(tmp / "bad.csv", "factor,rows,row_unit,weight,unit\nland,Cropland*,ha,1,ha\n");
  const auto bad = test::run_cli("import exiobase3 " + (tmp / "fx" / "IOT_2022_pxp.zip").string() + " --factors " +
                                 (tmp / "bad.csv").string() + " --out " + (tmp / "st2").string());
  EXPECT_EQ(bad.rc, 2);
  EXPECT_NE(bad.err.find("bad.csv:2:1: factor 'land': row 'Cropland - cropped area - Wheat' is in 'km2'"),
            std::string::npos)
      << bad.err;
  EXPECT_FALSE(fs::exists(tmp / "st2"));
}

TEST(Balance, ATableOutOfBalanceIsMeasuredKeptAndSaid) {
  Mrio m = test::tiny_mrio();  // x = Z1 + Y1
  EXPECT_EQ(balance_of(m).total, 0.0);
  for (auto& v : m.x) v *= 3.6;  // supply-based output 3.6 times the row sums, as the GLORIA-layout case
  const Balance b = balance_of(m);
  EXPECT_NEAR(b.total, 2.6 / 3.6, 1e-12);
  EXPECT_NEAR(b.worst, 2.6 / 3.6, 1e-12);
  // Imported: a warning on stderr and the measure in meta.json (info shows it).
  test::TempDir tmp;
  ASSERT_EQ(test::run_cli("fixture generic --regions 2 --sectors 2 --out " + (tmp / "fx").string()).rc, 0);
  std::ifstream in(tmp / "fx" / "generic" / "x.csv");
  std::string line, out;
  for (int i = 0; std::getline(in, line); ++i) {
    if (i > 0) line = line.substr(0, line.find(',') + 1) + fmt::format("{}", 3.6 * std::stod(line.substr(line.find(',') + 1)));
    out += line + "\n";
  }
  test::write_file(tmp / "fx" / "generic" / "x.csv", out);
  const auto r = test::run_cli("import generic " + (tmp / "fx" / "generic").string() + " --out " + (tmp / "st").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.err.find("does not balance: |x - Z1 - Y1| is 72.2 % of output"), std::string::npos) << r.err;
  const Mrio st = io::read_store(tmp / "st");
  ASSERT_TRUE(st.provenance.balance);
  EXPECT_NEAR(st.provenance.balance->total, 2.6 / 3.6, 1e-9);
  EXPECT_NE(test::run_cli("info " + (tmp / "st").string()).out.find("balance:     |x - Z1 - Y1| = 72.2 % of output"),
            std::string::npos);
}
