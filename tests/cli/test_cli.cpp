// The worldsys command as a user meets it: exit codes, one-line errors, tidy output, nothing half-written.
#include <algorithm>
#include <cmath>
#include <regex>

#include "io/wiod_fixture.hpp"
#include "support.hpp"
#include "worldsys/linalg/gpu.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

TEST(Cli, ReportRunsOnTheEmbeddedDefault) {
  test::TempDir tmp;
  const auto r = test::run_cli("report --out " + (tmp / "report.html").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("value_added by region"), std::string::npos);
  EXPECT_NE(r.out.find("Net flow"), std::string::npos);
  EXPECT_NE(r.out.find("By group (world10-north-south)"), std::string::npos);
  // The sample world carries the SEA labour satellites: the report's labour paragraph and a bare `drain` agree.
  const std::regex labour(R"(Labour: [\d,]+ M h .* net ([\d,]+) M h South -> North\. .* drain of ([\d,]+) M USD)");
  std::smatch got;
  ASSERT_TRUE(std::regex_search(r.out, got, labour)) << r.out;
  EXPECT_NE(r.out.find("Checks: Leontief solve residual"), std::string::npos);
  const auto d = test::run_cli("drain --format csv");
  ASSERT_EQ(d.rc, 0) << d.err;
  auto value_of = [&](const std::string& measure) {
    const std::regex row("\n2011,world10-north-south,North<->South,labour_hours,northern-prices," + measure +
                         ",([-0-9.e+]+),");
    std::smatch v;
    EXPECT_TRUE(std::regex_search(d.out, v, row)) << measure << "\n" << d.out;
    return v.empty() ? NAN : std::stod(v[1]);
  };
  auto whole = [](std::string s) {  // "28,541,423" -> 28541423
    s.erase(std::remove(s.begin(), s.end(), ','), s.end());
    return std::stod(s);
  };
  EXPECT_NEAR(value_of("net_appropriation"), whole(got[1]), 0.5);
  EXPECT_NEAR(value_of("drain"), whole(got[2]), 0.5);
}

TEST(Cli, EveryVerbHasHelpWithAnExample) {
  for (const char* verb : {"import", "info", "footprint", "flows", "aggregate", "report", "synthetic", "drain",
                           "sensitivity", "poverty", "inequality", "gap"}) {
    const auto r = test::run_cli(std::string(verb) + " --help");
    EXPECT_EQ(r.rc, 0) << verb;
    EXPECT_NE(r.out.find("worldsys " + std::string(verb)), std::string::npos) << verb << " has no example";
  }
  EXPECT_EQ(test::run_cli("groups --help").rc, 0);
}

TEST(Cli, FootprintCsvIsTidy) {
  const auto r = test::run_cli("footprint --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("region,stressor,unit,cba,pba,imp,exp,imbalance\n")) << r.out.substr(0, 80);
  // header + 10 regions x 5 stressors (value_added, the three SEA labour satellites, value_added_other)
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 51);
  const auto f = test::run_cli("flows --stressor value_added --groups world10-north-south --format csv");
  ASSERT_EQ(f.rc, 0) << f.err;
  EXPECT_TRUE(f.out.starts_with("origin,destination,stressor,unit,value\nNorth,North,value_added,M USD,")) << f.out;
  const auto j = test::run_cli("footprint --format json --by sector");
  ASSERT_EQ(j.rc, 0) << j.err;
  EXPECT_NE(j.out.find("\"sector_name\": \"AGRI\""), std::string::npos);
}

TEST(Cli, UnknownStressorSaysWhatExists) {
  const auto r = test::run_cli("footprint --stressor co2");
  EXPECT_EQ(r.rc, 2);
  EXPECT_EQ(r.err, "worldsys: error: unknown stressor 'co2'; this table has: value_added, labour_hours, employment, "
            "labour_compensation, value_added_other\n");
}

TEST(Cli, CommandLineMisuseExitsTwo) {
  for (const char* args : {"drain --row nowhere", "footprint --no-such-option", "", "footprint --format xml"}) {
    const auto r = test::run_cli(args);
    EXPECT_EQ(r.rc, 2) << args << ": " << r.err;
    EXPECT_FALSE(r.err.empty()) << args;
  }
  EXPECT_EQ(test::run_cli("footprint --help").rc, 0);
}

TEST(Cli, BadImportLeavesNoStoreAndNamesThePlace) {
  test::TempDir tmp;
  test::write_wiod_fixture(test::tiny_mrio(), tmp / "src", 2011);
  test::write_file(tmp / "src" / "Y_2011.csv", "region,sector,N:hh\nN,agri,oops\n");
  const auto r = test::run_cli("import wiod2013 " + (tmp / "src").string() + " --year 2011 --out " + (tmp / "store").string());
  EXPECT_EQ(r.rc, 2);
  EXPECT_TRUE(std::regex_search(r.err, std::regex(R"(^worldsys: error: .*Y_2011\.csv:1:\d+: expected 6 fields)"))) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  EXPECT_FALSE(fs::exists(tmp / "store"));
  EXPECT_EQ(std::distance(fs::directory_iterator(tmp.path), fs::directory_iterator()), 1);  // only src/
}

TEST(Cli, ImportAggregateFootprintRoundTrip) {
  test::TempDir tmp;
  test::write_wiod_fixture(test::tiny_mrio(), tmp / "src", 2011);
  auto r = test::run_cli("import wiod2013 " + (tmp / "src").string() + " --year 2011 --out " + (tmp / "s").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  r = test::run_cli("import wiod2013 " + (tmp / "src").string() + " --year 2011 --out " + (tmp / "s").string());
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("already exists; pass --force"), std::string::npos) << r.err;
  test::write_file(tmp / "g.csv", "region,group\n*,World\n");
  r = test::run_cli("aggregate " + (tmp / "s").string() + " --regions " + (tmp / "g.csv").string() + " --out " +
                    (tmp / "w").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  r = test::run_cli("info " + (tmp / "w").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("1 regions x 2 sectors"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("from:      worldsys import wiod2013"), std::string::npos) << r.out;
  r = test::run_cli("footprint " + (tmp / "w").string() + " --format csv --out " + (tmp / "f.csv").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(fs::exists(tmp / "f.csv"));
}

// --float32 on import and aggregate: the dtype is recorded and shown, and the footprint verbs read the store.
TEST(Cli, Float32StoreThroughImportAggregateFootprint) {
  test::TempDir tmp;
  test::write_wiod_fixture(test::tiny_mrio(), tmp / "src", 2011);
  auto r = test::run_cli("import wiod2013 " + (tmp / "src").string() + " --year 2011 --float32 --out " + (tmp / "s").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  r = test::run_cli("info " + (tmp / "s").string());
  EXPECT_NE(r.out.find("stored as:   float32"), std::string::npos) << r.out;
  test::write_file(tmp / "g.csv", "region,group\n*,World\n");
  const std::string groups = " --regions " + (tmp / "g.csv").string();
  r = test::run_cli("aggregate " + (tmp / "s").string() + groups + " --out " + (tmp / "w").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(test::run_cli("info " + (tmp / "w").string()).out.find("stored as:   float64"), std::string::npos);
  r = test::run_cli("aggregate " + (tmp / "s").string() + groups + " --float32 --out " + (tmp / "w32").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(test::run_cli("info " + (tmp / "w32").string()).out.find("stored as:   float32"), std::string::npos);
  r = test::run_cli("footprint " + (tmp / "w32").string() + " --format csv");
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.out.find("cba"), std::string::npos) << r.out;
  r = test::run_cli("import pip2011 " + tmp.path.string() + " --float32 --out " + (tmp / "p").string());
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("--float32 is for tables"), std::string::npos) << r.err;
}

TEST(Cli, PanelImport) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  test::TempDir tmp;
  const auto r = test::run_cli("import wiod2013 " + (test::shared_data() / "mrio/wiod2013").string() +
                               " --years 2009-2011 --out " + (tmp / "panel").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  for (const char* y : {"2009", "2010", "2011"}) EXPECT_TRUE(fs::exists(tmp / "panel" / y / "Z.npy")) << y;
  const auto info = test::run_cli("info " + (tmp / "panel").string());
  EXPECT_NE(info.out.find("3 years, 2009-2011"), std::string::npos) << info.out;
  const auto bad = test::run_cli("import wiod2013 " + (test::shared_data() / "mrio/wiod2013").string() +
                                 " --years 2010-2012 --out " + (tmp / "p2").string());
  EXPECT_EQ(bad.rc, 2);
  EXPECT_NE(bad.err.find("Z_2012"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(tmp / "p2"));
}

TEST(Cli, NonProductiveStoreExitsWithNumericCode) {
  test::TempDir tmp;
  Mrio m = test::tiny_mrio();
  m.x[1] = 1;
  add_value_added(m);
  test::write_wiod_fixture(m, tmp / "src", 2011);
  auto r = test::run_cli("import wiod2013 " + (tmp / "src").string() + " --year 2011 --out " + (tmp / "s").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  r = test::run_cli("footprint " + (tmp / "s").string());
  EXPECT_EQ(r.rc, 4);
  EXPECT_NE(r.err.find("not productive"), std::string::npos) << r.err;
}

// Year-aware classifications work wherever groups are taken; for 2011 the World Bank's high-income list is the
// built-in static North/South split.
TEST(Cli, YearAwareGroupsInFootprint) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  test::TempDir tmp;
  auto r = test::run_cli("import wiod2013 " + (test::shared_data() / "mrio/wiod2013").string() + " --year 2011 --out " +
                         (tmp / "s").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  const auto yearly = test::run_cli("footprint " + (tmp / "s").string() + " --groups wb-high-income --format csv");
  const auto fixed = test::run_cli("footprint " + (tmp / "s").string() + " --groups wiod-north-south --format csv");
  ASSERT_EQ(yearly.rc, 0) << yearly.err;
  EXPECT_EQ(yearly.out, fixed.out);
}

// A 2017 PPP line on 2011 PPP data is refused unless the documented conversion is asked for; then it is the
// 2011 extreme line, with PIP's own estimates.
TEST(Cli, PovertyLineOfAnotherVintage) {
  WORLDSYS_REQUIRE_DATA("poverty/pip_2011ppp");
  test::TempDir tmp;
  auto r = test::run_cli("import pip2011 " + (test::shared_data() / "poverty/pip_2011ppp").string() + " --out " +
                         (tmp / "pip").string());
  ASSERT_EQ(r.rc, 0) << r.err;
  const std::string base = "poverty " + (tmp / "pip").string() + " --year 2017 --format csv --line ";
  r = test::run_cli(base + "2.15 --ppp 2017");
  EXPECT_EQ(r.rc, 2);
  EXPECT_NE(r.err.find("--convert-line"), std::string::npos) << r.err;
  const auto converted = test::run_cli(base + "2.15 --ppp 2017 --convert-line");
  const auto native = test::run_cli(base + "1.90");
  ASSERT_EQ(converted.rc, 0) << converted.err;
  EXPECT_EQ(converted.out, native.out);
}

// --device gpu: the same output as the CPU where a GPU can be used; elsewhere exit 2 with the fix in the message.
TEST(Cli, DeviceGpuRunsOrSaysHowToFix) {
  const auto cpu = test::run_cli("footprint --format csv --device cpu");
  ASSERT_EQ(cpu.rc, 0) << cpu.err;
  const auto gpu = test::run_cli("footprint --format csv --device gpu");
  if (gpu_unavailable_reason().empty()) {
    ASSERT_EQ(gpu.rc, 0) << gpu.err;
    // Numbers agree to ~1e-15 (tests/linalg/test_gpu.cpp); printed, a last digit may differ: compare the shape.
    EXPECT_EQ(std::count(gpu.out.begin(), gpu.out.end(), '\n'), std::count(cpu.out.begin(), cpu.out.end(), '\n'));
    EXPECT_EQ(gpu.out.substr(0, gpu.out.find('\n')), cpu.out.substr(0, cpu.out.find('\n')));
    return;
  }
  EXPECT_EQ(gpu.rc, 2) << gpu.err;
  EXPECT_TRUE(gpu.out.empty());
  EXPECT_NE(gpu.err.find("--device cpu"), std::string::npos) << gpu.err;
  if (!gpu_built()) {
    EXPECT_NE(gpu.err.find("-DWORLDSYS_CUDA=ON"), std::string::npos) << gpu.err;
  }
  EXPECT_EQ(test::run_cli("flows --device gpu --stressor value_added").rc, 2);
  EXPECT_NE(test::run_cli("footprint --device tpu").rc, 0);  // CLI11 refuses it before the library sees it
}
