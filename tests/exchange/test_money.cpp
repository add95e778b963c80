// Money across releases: a table in euros put into constant US dollars at the year's market rate (or refused),
// and ERDI's price levels found for ISO2 regions.
#include <fmt/format.h>

#include <sstream>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/pwt.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

bool have_pwt() { return fs::exists(fs::path(io::kPwt91DebianDir) / "data" / "Rdata.rdx"); }

// The value of the row whose measure is `measure` (last such row), and its unit.
std::pair<double, std::string> row(const std::string& csv, const std::string& measure) {
  std::istringstream in(csv);
  std::string line;
  std::pair<double, std::string> found{NAN, ""};
  while (std::getline(in, line)) {
    const size_t m = line.find("," + measure + ",");
    if (m == std::string::npos) continue;
    const size_t v = m + measure.size() + 2, comma = line.find(',', v);
    found = {std::stod(line.substr(v, comma - v)), line.substr(comma + 1)};
  }
  return found;
}

}  // namespace

TEST(Money, EurosBecomeConstantDollarsAtTheYearsMarketRate) {
  if (!have_pwt()) GTEST_SKIP() << "PWT 9.1 not installed (apt-get install r-cran-pwt9)";
  test::TempDir t;
  ASSERT_EQ(test::run_cli(fmt::format("fixture exiobase3 --regions 6 --sectors 4 --year 2011 --out {}", (t / "fx").string())).rc, 0);
  const auto imp = test::run_cli(fmt::format("import exiobase3 {} --out {}", (t / "fx" / "IOT_2011_pxp.zip").string(),
                                             (t / "st").string()));
  ASSERT_EQ(imp.rc, 0) << imp.err;
  const auto cur = test::run_cli("drain " + (t / "st").string() + " --format csv");
  const auto con = test::run_cli("drain " + (t / "st").string() + " --constant-prices 2011 --format csv");
  ASSERT_EQ(con.rc, 0) << con.err;
  const io::Pwt pwt = io::read_pwt(io::kPwt91DebianDir);
  const double xr = *pwt.get("DEU", 2011, "xr");  // euro per US dollar
  EXPECT_NEAR(xr, 0.72, 0.01);
  const auto [eur, eur_unit] = row(cur.out, "drain");
  const auto [usd, usd_unit] = row(con.out, "drain");
  EXPECT_EQ(eur_unit, "M.EUR");
  EXPECT_EQ(usd_unit, "M USD (2011 prices)");
  EXPECT_NEAR(usd, eur / xr, 1e-9 * std::abs(eur / xr));
  // 2005 prices: the US GDP deflator on top.
  const auto con05 = test::run_cli("drain " + (t / "st").string() + " --constant-prices 2005 --format csv");
  EXPECT_NEAR(row(con05.out, "drain").first,
              eur / xr * io::us_gdp_deflator(pwt, 2005) / io::us_gdp_deflator(pwt, 2011), 1e-9 * std::abs(eur / xr));
  // ERDI finds each ISO2 region's price level (AT as AUT), WM the rest of the world's.
  const auto erdi = test::run_cli("drain " + (t / "st").string() + " --valuation erdi --format csv");
  EXPECT_EQ(erdi.rc, 0) << erdi.err;
}

TEST(Money, NoRateNoCurrencyNoConversion) {
  if (!have_pwt()) GTEST_SKIP() << "PWT 9.1 not installed (apt-get install r-cran-pwt9)";
  const io::Pwt pwt = io::read_pwt(io::kPwt91DebianDir);
  std::string usd;
  EXPECT_DOUBLE_EQ(io::usd_per_unit(pwt, "M USD", 2011, usd), 1.0);
  EXPECT_EQ(usd, "M USD");
  EXPECT_NEAR(io::usd_per_unit(pwt, "k EUR", 2011, usd), 1 / *pwt.get("DEU", 2011, "xr"), 1e-12);
  EXPECT_EQ(usd, "k USD");
  auto message = [&](const std::string& unit, int year) {
    try {
      io::usd_per_unit(pwt, unit, year, usd);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(converted)");
  };
  EXPECT_NE(message("M.EUR", 2022).find("no EUR/USD market rate for 2022"), std::string::npos);
  EXPECT_NE(message("M.EUR", 1995).find("no EUR/USD market rate for 1995"), std::string::npos);
  EXPECT_NE(message("M JPY", 2011).find("not in a currency worldsys converts"), std::string::npos);
  EXPECT_NE(message("millions", 2011).find("not in a currency"), std::string::npos);
}
