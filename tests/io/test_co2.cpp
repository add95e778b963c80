#include <cmath>

#include "support.hpp"
#include "worldsys/io/co2.hpp"
#include "worldsys/io/wiod2013.hpp"

using namespace worldsys;

// The CO2 satellite re-distributes GCP's national totals; it must neither create nor lose CO2.
TEST(Co2Satellite, NationalTotalsAndCaitSectorsArePreserved) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  WORLDSYS_REQUIRE_DATA("environment");
  const io::Co2Data d = io::read_co2(test::shared_data() / "environment");
  Mrio m = io::read_wiod2013(test::shared_data() / "mrio/wiod2013", 2011);
  io::add_co2_satellite(m, d);
  const size_t k = m.stressor_index("co2"), NS = m.sectors.size(), K = m.categories.size();
  double world = 0;
  for (size_t r = 0; r < m.regions.size(); ++r) {
    double total = 0;
    for (size_t j = 0; j < NS; ++j) total += m.F(k, r * NS + j);
    for (size_t c = 0; c < K; ++c) total += m.F_Y(k, r * K + c);
    world += total;
    if (m.regions[r] == "RoW") continue;
    const std::string iso = m.regions[r] == "ROM" ? "ROU" : m.regions[r];
    const double gcp = d.territorial.at(iso).at(2011);
    EXPECT_NEAR(total, gcp, 1e-9 * gcp) << iso;
    // Electricity & Heat has one candidate, c17: it gets exactly its CAIT share (Taiwan uses Korea's).
    const auto& s = d.cait.at(iso == "TWN" ? "KOR" : iso).at(2011);
    double sum = 0;
    for (double v : s) sum += v;
    EXPECT_NEAR(m.F(k, r * NS + 16), gcp * s[0] / sum, 1e-9 * gcp) << iso;
  }
  EXPECT_NEAR(world, d.territorial.at("WORLD").at(2011), 1e-9 * world);
  bool row = false, twn = false;
  for (const auto& i : m.stressors[k].imputed) row = row || i.cells == "RoW", twn = twn || i.cells == "TWN";
  EXPECT_TRUE(row);
  EXPECT_TRUE(twn);
}
