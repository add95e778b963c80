// The embedded default distribution stores (data/default-distributions): each equals a fresh import of the same
// period from ../shared/data, and `poverty`, `inequality` and `gap` run on them by name.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "support.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/text.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

struct Embedded {
  const char* name;
  const char* source;  // under ../shared/data
  int from, to;        // as in scripts/make-default-distributions.sh
  std::function<DistributionStore(const fs::path&)> read;
};

const Embedded kEmbedded[] = {
    {"pip2021", "poverty", 1990, 2026, [](const fs::path& d) { return io::read_pip2021(d); }},
    {"pip2011", "poverty/pip_2011ppp", 1990, 2019, [](const fs::path& d) { return io::read_pip2011(d); }},
    {"owid-pip2017", "poverty/owid_pip/pip_2017ppp_2022-10", 1990, 2021,
     [](const fs::path& d) { return io::read_owid_pip(d, "2017"); }},
    {"wdi", "poverty/wdi_2021ppp", 1990, 2024, [](const fs::path& d) { return io::read_wdi(d); }},
    {"maddison", "gdp/maddison_2020_owid", 1950, 2018, [](const fs::path& d) { return io::read_maddison(d); }},
};

}  // namespace

TEST(DefaultDistributions, AllShippedAndResolvedByName) {
  std::vector<std::string> names;
  for (const auto& e : kEmbedded) names.push_back(e.name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(io::default_distribution_stores(), names);
  for (const auto& e : kEmbedded) {
    EXPECT_EQ(io::resolve_distribution_store(e.name), io::default_data_path(std::string("default-distributions/") + e.name));
    const auto s = io::read_distribution_store(io::resolve_distribution_store(e.name));
    EXPECT_FALSE(s.economies.empty()) << e.name;
    for (const auto& d : s.distributions) {
      ASSERT_GE(d.year, e.from) << e.name;
      ASSERT_LE(d.year, e.to) << e.name;
    }
  }
  // A path (or an existing directory) is never replaced by a default.
  EXPECT_EQ(io::resolve_distribution_store("./pip2011"), fs::path("./pip2011"));
  EXPECT_EQ(io::resolve_distribution_store("no-such-store"), fs::path("no-such-store"));
}

TEST(DefaultDistributions, EqualAFreshImportOfTheSamePeriod) {
  for (const auto& e : kEmbedded) {
    if (!fs::exists(test::shared_data() / e.source)) {
      GTEST_SKIP() << "real data not found at " << (test::shared_data() / e.source).string();
    }
    DistributionStore fresh = e.read(test::shared_data() / e.source);
    io::keep_years(fresh, e.from, e.to);
    test::TempDir t;
    io::write_distribution_store(fresh, t / "s", false);
    const fs::path shipped = io::default_data_path(std::string("default-distributions/") + e.name);
    EXPECT_EQ(io::read_distribution_store(shipped).survey_years_only, fresh.survey_years_only) << e.name;
    // Table by table, byte for byte (the shipped tables are gzip-compressed; read_text inflates them).
    for (const char* table : {"economies", "distributions", "published", "surveys"})
      EXPECT_EQ(io::read_text(shipped / (std::string(table) + ".csv.gz")),
                io::read_text(t / "s" / (std::string(table) + ".csv")))
          << e.name << " " << table << ": regenerate with scripts/make-default-distributions.sh";
  }
}

TEST(DefaultDistributions, CompressedStoreReadsAsThePlainOne) {
  const auto s = io::read_distribution_store(io::resolve_distribution_store("wdi"));
  test::TempDir t;
  io::write_distribution_store(s, t / "plain", false);
  io::write_distribution_store(s, t / "gz", false, true);
  EXPECT_TRUE(fs::exists(t / "gz" / "published.csv.gz"));
  EXPECT_FALSE(fs::exists(t / "gz" / "published.csv"));
  const auto a = io::read_distribution_store(t / "plain"), b = io::read_distribution_store(t / "gz");
  ASSERT_EQ(a.published.size(), b.published.size());
  for (size_t i = 0; i < a.published.size(); ++i) EXPECT_EQ(a.published[i].headcount, b.published[i].headcount);
  EXPECT_EQ(a.economies.size(), b.economies.size());
}

TEST(DefaultDistributions, VerbsRunOnTheEmbeddedStoresByName) {
  // Tests run in the build tree, where no directory has these names.
  auto p = test::run_cli("poverty pip2011 --line 1.90 --year 1990 --format csv");
  ASSERT_EQ(p.rc, 0) << p.err;
  EXPECT_NE(p.out.find("World,1990,1.9,2011,"), std::string::npos) << p.out;
  p = test::run_cli("poverty pip2021 --line 3 --year 2024 --format csv");
  ASSERT_EQ(p.rc, 0) << p.err;
  EXPECT_NE(p.out.find("World,2024,3,2021,0.10"), std::string::npos) << p.out;
  p = test::run_cli("poverty owid-pip2017 --line 2.15 --year 2019 --format csv");
  EXPECT_EQ(p.rc, 0) << p.err;
  EXPECT_NE(p.out.find("World,2019,2.15,2017,0.0843503490063956,"), std::string::npos) << p.out;  // PIP's own
  EXPECT_NE(p.out.find(",published,,true"), std::string::npos) << p.out;
  const auto g = test::run_cli("gap maddison --from 1950 --to 2018 --trend --format csv");
  ASSERT_EQ(g.rc, 0) << g.err;
  EXPECT_NE(g.out.find("top_bottom,1950,2018,population,"), std::string::npos) << g.out;
  const auto i = test::run_cli("inequality pip2011 --year 2010 --format csv");
  EXPECT_EQ(i.rc, 0) << i.err;
  // An unknown name is still an error naming it.
  const auto bad = test::run_cli("poverty no-such-store --line 1.90");
  EXPECT_EQ(bad.rc, 2);
  EXPECT_NE(bad.err.find("no-such-store"), std::string::npos) << bad.err;
}
