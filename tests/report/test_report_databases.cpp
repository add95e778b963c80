// The report on another release than WIOD: an EXIOBASE 2022 table (euros, ISO2 codes, a year PWT 9.1 does not
// reach) gives the whole page; erdi is left out and said, the claims are measured under the other valuations.
#include <fmt/format.h>

#include "support.hpp"

namespace fs = std::filesystem;
using namespace worldsys;

TEST(ReportDatabases, AnExiobaseTableOfAYearWithoutPwtGivesTheWholePage) {
  test::TempDir tmp;
  ASSERT_EQ(test::run_cli(fmt::format("fixture exiobase3 --regions 6 --sectors 4 --out {}", (tmp / "fx").string())).rc, 0);
  const auto imp = test::run_cli(fmt::format("import exiobase3 {} --out {}", (tmp / "fx" / "IOT_2022_pxp.zip").string(),
                                             (tmp / "st").string()));
  ASSERT_EQ(imp.rc, 0) << imp.err;
  const auto r = test::run_cli(fmt::format("report --store {} --out {}", (tmp / "st").string(), (tmp / "r.html").string()));
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(fs::is_regular_file(tmp / "r.html"));
  EXPECT_NE(r.out.find("imf-advanced@2022"), std::string::npos) << r.out.substr(0, 2000);
}
