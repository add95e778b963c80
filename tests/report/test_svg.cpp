// The report's drawing helpers: tick rounding, number formats, the Equal Earth projection, TopoJSON decoding,
// antimeridian cuts, and the country -> table region map.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "worldsys/core/error.hpp"
#include "worldsys/io/topojson.hpp"
#include "worldsys/report/geo.hpp"
#include "worldsys/report/svg.hpp"

namespace worldsys::report {

TEST(ReportSvg, NiceTicksAreOneTwoFiveTimesAPowerOfTen) {
  const Ticks a = nice_ticks(0, 0.83, 5);
  EXPECT_DOUBLE_EQ(a.step, 0.2);
  ASSERT_EQ(a.values.size(), 6u);  // 0 .. 1.0 covers 0.83
  EXPECT_DOUBLE_EQ(a.values.front(), 0);
  EXPECT_NEAR(a.values.back(), 1.0, 1e-12);
  const Ticks y = nice_ticks(1950, 2019, 5);  // 69/5 = 13.8 -> 20
  EXPECT_DOUBLE_EQ(y.step, 20);
  EXPECT_DOUBLE_EQ(y.values.front(), 1940);
  EXPECT_DOUBLE_EQ(y.values.back(), 2020);
  const Ticks n = nice_ticks(-3.2e6, 7.9e6, 4);  // 2.775e6 -> 5e6
  EXPECT_DOUBLE_EQ(n.step, 5e6);
  EXPECT_DOUBLE_EQ(n.values.front(), -5e6);
  EXPECT_DOUBLE_EQ(n.values.back(), 1e7);
  EXPECT_EQ(std::count(n.values.begin(), n.values.end(), 0.0), 1);  // zero is exactly zero, not 1e-10
  const Ticks flat = nice_ticks(5, 5, 5);  // a constant series still gets an axis
  EXPECT_GE(flat.values.size(), 2u);
  EXPECT_TRUE(nice_ticks(0, NAN).values.empty());
}

TEST(ReportSvg, LogTicksArePowersOfTenOrOneTwoFiveOnShortRanges) {
  EXPECT_EQ(log_ticks(0.2, 500), (std::vector<double>{1, 10, 100}));
  EXPECT_EQ(log_ticks(1, 20), (std::vector<double>{1, 2, 5, 10, 20}));
  EXPECT_TRUE(log_ticks(0, 10).empty());
}

TEST(ReportSvg, NumbersAreRoundedForReading) {
  EXPECT_EQ(format_tick(1500, 500), "1,500");
  EXPECT_EQ(format_tick(-1234567, 1000), "-1,234,567");
  EXPECT_EQ(format_tick(0.25, 0.05), "0.25");
  EXPECT_EQ(format_tick(0.5, 0.25), "0.50");
  EXPECT_EQ(format_tick(40, 20), "40");
  EXPECT_EQ(format_value(1.234e9), "1.23 billion");
  EXPECT_EQ(format_value(-5.2e6), "-5.2 million");
  EXPECT_EQ(format_value(28541423), "28.5 million");
  EXPECT_EQ(format_value(12345.6), "12,346");
  EXPECT_EQ(format_value(0.012345), "0.0123");
  EXPECT_EQ(format_value(NAN), "n/a");
  EXPECT_EQ(xml_escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
}

TEST(ReportSvg, ColourScalesHitTheirEnds) {
  EXPECT_EQ(viridis(0), "#fde725");
  EXPECT_EQ(viridis(1), "#440154");
  EXPECT_EQ(diverging(0), "#f7f7f7");
  EXPECT_EQ(diverging(-1), "#542788");
  EXPECT_EQ(diverging(5), diverging(1));  // clamped
}

TEST(ReportGeo, EqualEarthKnownPoints) {
  const auto o = equal_earth(0, 0);
  EXPECT_DOUBLE_EQ(o[0], 0);
  EXPECT_DOUBLE_EQ(o[1], 0);
  // Šavrič et al. (2018): the map is 2 x 2.7066 wide and 2 x 1.3174 high on the unit sphere.
  EXPECT_NEAR(equal_earth(180, 0)[0], 2.70663, 1e-5);
  EXPECT_NEAR(equal_earth(0, 90)[1], 1.31736, 1e-5);
  const auto p = equal_earth(-120, -40), q = equal_earth(120, 40);
  EXPECT_DOUBLE_EQ(p[0], -q[0]);
  EXPECT_DOUBLE_EQ(p[1], -q[1]);
  // Equal area: the band 0-30N holds half of the hemisphere (sin 30 = 1/2), so its projected area (the integral of
  // the map's width over y) is that of 30N-90N.
  auto band = [](double a, double b) {
    double area = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
      const double p0 = a + (b - a) * i / n, p1 = a + (b - a) * (i + 1) / n;
      const double w = equal_earth(180, (p0 + p1) / 2)[0] * 2;
      area += w * (equal_earth(0, p1)[1] - equal_earth(0, p0)[1]);
    }
    return area;
  };
  EXPECT_NEAR(band(0, 30) / band(30, 90), 1.0, 1e-3);
  // and the whole map has the sphere's area, 4 pi
  EXPECT_NEAR(2 * band(0, 90), 4 * std::numbers::pi, 1e-3);
}

TEST(ReportGeo, DecodesAQuantizedTopology) {
  // arc 0: (0,0) (2,0) (2,4) after delta decoding; arc 1: (2,4) (0,0). Scale 0.5 x 0.25, translate (10, 20).
  const std::string topo = R"({"type":"Topology","transform":{"scale":[0.5,0.25],"translate":[10,20]},
    "arcs":[[[0,0],[2,0],[0,4]],[[2,4],[-2,-4]]],
    "objects":{"countries":{"type":"GeometryCollection","geometries":[
      {"type":"Polygon","id":"004","properties":{"name":"A"},"arcs":[[0,1]]},
      {"type":"MultiPolygon","id":"008","properties":{"name":"B"},"arcs":[[[-2,-1]]]},
      {"type":null,"id":"999","properties":{"name":"C"}}]}}})";
  const GeoCollection c = io::parse_topojson(topo, "countries", "tiny.json");
  ASSERT_EQ(c.features.size(), 3u);
  EXPECT_EQ(c.features[0].id, "004");
  EXPECT_EQ(c.features[0].name, "A");
  const GeoRing& r = c.features[0].polygons.at(0).at(0);
  const GeoRing expect{{10, 20}, {11, 20}, {11, 21}, {10, 20}};  // the shared point between arcs appears once
  EXPECT_EQ(r, expect);
  // ~1 then ~0: arc 1 reversed (0,0)->(2,4), then arc 0 reversed (2,4)->(2,0)->(0,0)
  const GeoRing& b = c.features[1].polygons.at(0).at(0);
  const GeoRing expect_b{{10, 20}, {11, 21}, {11, 20}, {10, 20}};
  EXPECT_EQ(b, expect_b);
  EXPECT_TRUE(c.features[2].polygons.empty());
  // Errors name the file and what is wrong.
  try {
    io::parse_topojson(R"({"type":"Topology","arcs":[],"objects":{"countries":{"type":"Polygon","arcs":[[3]]}}})",
                       "countries", "bad.json");
    FAIL() << "an arc index out of range must be an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("out of range"), std::string::npos);
  }
  EXPECT_THROW(io::parse_topojson("{}", "countries", "x"), Error);
  EXPECT_THROW(io::parse_topojson(topo, "land", "x"), Error);
}

TEST(ReportGeo, RingsAcrossTheAntimeridianAreCut) {
  const GeoRing fiji{{170, 0}, {-170, 0}, {-170, 10}, {170, 10}, {170, 0}};
  const auto parts = split_antimeridian(fiji);
  ASSERT_EQ(parts.size(), 2u);
  for (const auto& part : parts) {
    double lo = 1e9, hi = -1e9;
    for (const auto& p : part) lo = std::min(lo, p[0]), hi = std::max(hi, p[0]);
    EXPECT_TRUE((lo == 170 && hi == 180) || (lo == -180 && hi == -170)) << lo << " " << hi;
  }
  const GeoRing plain{{0, 0}, {10, 0}, {10, 10}, {0, 0}};
  EXPECT_EQ(split_antimeridian(plain), std::vector<GeoRing>{plain});
}

TEST(ReportGeo, CountriesFindTheirTableRegion) {
  const std::vector<std::string> iso3{"USA", "DEU", "ROU", "NGA", "CHN", "TWN"};
  const auto world10 = io::country_regions(
      {"USA", "EU15", "EU_NEW_HI", "OTHER_ADV", "CHN", "IND", "BRA", "RUS", "OTHER_EM", "ROW"}, iso3);
  EXPECT_EQ(world10.at("USA"), "USA");
  EXPECT_EQ(world10.at("DEU"), "EU15");
  EXPECT_EQ(world10.at("ROU"), "OTHER_EM");  // WIOD's ROM
  EXPECT_EQ(world10.at("TWN"), "OTHER_ADV");
  EXPECT_EQ(world10.at("NGA"), "ROW");
  const auto wiod = io::country_regions({"DEU", "ROM", "USA", "RoW"}, iso3);
  EXPECT_EQ(wiod.at("ROU"), "ROM");
  EXPECT_EQ(wiod.at("CHN"), "RoW");
  const auto eu = io::country_regions({"EU27", "USA"}, iso3);  // no rest of world: others stay off the map
  EXPECT_EQ(eu.count("CHN"), 0u);
}


TEST(ReportSvg, ReadableScaleFoldsTheSourcesMillionIntoAWord) {
  const auto a = readable_scale(28541423, "M USD");  // WIOD's drain, million USD
  EXPECT_EQ(a.unit, "trillion USD");
  EXPECT_DOUBLE_EQ(28541423 / a.divisor, 28.541423);
  const auto b = readable_scale(524866, "M h");
  EXPECT_EQ(b.unit, "billion h");
  EXPECT_DOUBLE_EQ(524866 / b.divisor, 524.866);
  const auto c = readable_scale(0.5, "M USD");  // small: plain units
  EXPECT_EQ(c.unit, "USD");
  EXPECT_DOUBLE_EQ(0.5 / c.divisor, 500000);
  const auto d = readable_scale(950, "t");  // no prefix, small: unchanged
  EXPECT_EQ(d.unit, "t");
  EXPECT_EQ(d.divisor, 1);
}

}  // namespace worldsys::report
