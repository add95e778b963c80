#include <map>
#include <set>
#include <sstream>

#include "support.hpp"
#include "worldsys/io/pwt.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

TEST(DrainCli, ImportThenDrainWithUnitsOnEveryRow) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  WORLDSYS_REQUIRE_DATA("mrio/wiod2016");
  if (!fs::exists(fs::path(io::kPwt91DebianDir) / "data" / "Rdata.rdx")) GTEST_SKIP() << "PWT 9.1 not installed";
  test::TempDir t;
  const auto data = test::shared_data().string();
  auto r = test::run_cli("import wiod2013 " + data + "/mrio/wiod2013 --year 2011 --satellites sea --out " +
                         (t / "w").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  r = test::run_cli("drain " + (t / "w").string() + " --valuation all --by region --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "year,groups,scope,factor,valuation,measure,value,unit");
  size_t rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    EXPECT_NE(line.back(), ',') << "row without a unit: " << line;
  }
  EXPECT_GT(rows, 4u * 10);
  // Sensitivity: 4 group splits x 2 RoW rules x 7 valuation/definition pairs x 2 measures, and within one split the
  // net flow is the same whatever the valuation.
  r = test::run_cli("sensitivity " + (t / "w").string() + " --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  std::istringstream sens(r.out);
  std::getline(sens, line);
  EXPECT_EQ(line, "year,store,attribution,groups,row,valuation,definition,measure,value,unit");
  std::map<std::string, std::set<std::string>> nets;
  size_t n = 0;
  while (std::getline(sens, line)) {
    ++n;
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string x; std::getline(ls, x, ',');) f.push_back(x);
    ASSERT_EQ(f.size(), 10u) << line;
    if (f[7] == "net_appropriation") nets[f[3] + "/" + f[4]].insert(f[8]);
  }
  EXPECT_EQ(n, 4u * 2 * 7 * 2);
  EXPECT_EQ(nets.size(), 8u);
  for (const auto& [k, v] : nets) EXPECT_EQ(v.size(), 1u) << k;
  // A group file naming an unknown region: exit 2 and a one-line cause naming it.
  test::write_file(t / "g.csv", "region,group\nATLANTIS,North\n*,South\n");
  r = test::run_cli("drain " + (t / "w").string() + " --groups " + (t / "g.csv").string());
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("ATLANTIS"), std::string::npos) << r.err;
  // A factor the store lacks.
  r = test::run_cli("drain " + (t / "w").string() + " --factor co2");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("co2"), std::string::npos) << r.err;
}
