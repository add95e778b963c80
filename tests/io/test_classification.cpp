#include <fstream>
#include <map>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/text.hpp"

using namespace worldsys;

namespace {
const std::vector<std::string> kWiod = {"AUS", "AUT", "BEL", "BGR", "BRA", "CAN", "CHN", "CYP", "CZE", "DEU", "DNK",
                                        "ESP", "EST", "FIN", "FRA", "GBR", "GRC", "HUN", "IDN", "IND", "IRL", "ITA",
                                        "JPN", "KOR", "LTU", "LUX", "LVA", "MEX", "MLT", "NLD", "POL", "PRT", "ROM",
                                        "RUS", "SVK", "SVN", "SWE", "TUR", "TWN", "USA", "RoW"};
std::string group_of(const Concordance& c, const std::string& region) {
  for (size_t i = 0; i < kWiod.size(); ++i)
    if (kWiod[i] == region) return c.groups[c.group_of[i]];
  return "";
}
}  // namespace

// The built-in static split wiod-north-south says it is the FY2013 list (GNI of 2011): the year-aware built-in
// must give the same split for 2011.
TEST(Classification, WorldBankYearAwareAgreesWithTheStaticFy2013Split) {
  const Concordance a = io::load_groups("wb-high-income", kWiod, 2011);
  const Concordance b = io::load_concordance("wiod-north-south", kWiod, "region");
  for (const auto& r : kWiod) EXPECT_EQ(group_of(a, r), group_of(b, r)) << r;
}

// Every WIOD country and year 2000-2011 against the World Bank's own long table (independent of the derivation).
TEST(Classification, WorldBankYearAwareFollowsTheSourceTable) {
  WORLDSYS_REQUIRE_DATA("classification/wb_income_groups_FY89_FY23_long.csv");
  const auto path = test::shared_data() / "classification/wb_income_groups_FY89_FY23_long.csv";
  io::CsvReader csv(io::read_text(path), path.string());
  csv.next();
  std::map<std::pair<std::string, int>, std::string> wb;
  while (csv.next())
    if (!csv.field(4).empty()) wb[{std::string(csv.field(0)), int(csv.number(3))}] = std::string(csv.field(4));
  size_t checked = 0, changes = 0;
  for (int y = 2000; y <= 2011; ++y) {
    const Concordance c = io::load_groups("wb-high-income", kWiod, y);
    for (const auto& r : kWiod) {
      const std::string iso = r == "ROM" ? "ROU" : r;
      auto it = wb.find({iso, y});
      if (it == wb.end()) continue;  // RoW: stated rule
      EXPECT_EQ(group_of(c, r), it->second == "H" ? "North" : "South") << r << " " << y;
      ++checked;
      if (y > 2000 && wb.count({iso, y - 1}) && (wb[{iso, y - 1}] == "H") != (it->second == "H")) ++changes;
    }
  }
  EXPECT_EQ(checked, 12u * 40);
  EXPECT_GT(changes, 0u);  // the classification really moves over these years
  EXPECT_EQ(group_of(io::load_groups("wb-high-income", kWiod, 2011), "RoW"), "South");
}

TEST(Classification, BadUserFilesAreClearErrors) {
  test::TempDir t;
  test::write_file(t / "overlap.csv", "member,group,from,to\nUSA,North,2000,2010\nUSA,South,2005,\n*,South,,\n");
  test::write_file(t / "unknown.csv", "member,group,from,to\nXYZ,North,2000,\n*,South,,\n");
  test::write_file(t / "short.csv", "member,group,from,to\nUSA,North,2000,2005\n");
  EXPECT_TRUE(io::is_classification((t / "overlap.csv").string()));
  const std::vector<std::string> regions = {"USA", "CHN"};
  EXPECT_NO_THROW(io::load_groups((t / "overlap.csv").string(), regions, 2003));
  for (const auto& [file, year, needle] : std::vector<std::tuple<std::string, int, std::string>>{
           {"overlap.csv", 2007, "overlap"}, {"unknown.csv", 2001, "XYZ"}, {"short.csv", 2006, "USA"}}) {
    try {
      io::load_groups((t / file).string(), regions, year);
      ADD_FAILURE() << file << " accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(io::load_groups("imf-advanced", regions, std::nullopt), Error);  // year-aware needs a year
}

TEST(Classification, ImfAndOecdChangeWithTheYear) {
  EXPECT_EQ(group_of(io::load_groups("imf-advanced", kWiod, 2008), "CZE"), "South");
  EXPECT_EQ(group_of(io::load_groups("imf-advanced", kWiod, 2009), "CZE"), "North");
  EXPECT_EQ(group_of(io::load_groups("oecd", kWiod, 2009), "EST"), "South");
  EXPECT_EQ(group_of(io::load_groups("oecd", kWiod, 2010), "EST"), "North");
}
