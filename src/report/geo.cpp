#include "worldsys/report/geo.hpp"

#include <fmt/format.h>

#include <climits>
#include <cmath>
#include <numbers>

namespace worldsys::report {

std::array<double, 2> equal_earth(double lon, double lat) {
  // Šavrič, Patterson & Jenny (2018), eq. 1-2: sin(theta) = (sqrt 3 / 2) sin(phi)
  constexpr double A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796;
  const double M = std::sqrt(3.0) / 2;
  const double lam = lon * std::numbers::pi / 180, phi = lat * std::numbers::pi / 180;
  const double th = std::asin(M * std::sin(phi)), t2 = th * th, t6 = t2 * t2 * t2;
  const double x = lam * std::cos(th) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
  const double y = th * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
  return {x, y};
}

namespace {

// Sutherland-Hodgman against one vertical line: the part of `ring` with sign * (lon - at) <= 0.
GeoRing clip(const GeoRing& ring, double at, double sign) {
  GeoRing out;
  for (size_t i = 0; i < ring.size(); ++i) {
    const auto& a = ring[i];
    const auto& b = ring[(i + 1) % ring.size()];
    const bool ina = sign * (a[0] - at) <= 0, inb = sign * (b[0] - at) <= 0;
    if (ina) out.push_back(a);
    if (ina != inb) {
      const double t = (at - a[0]) / (b[0] - a[0]);
      out.push_back({at, a[1] + t * (b[1] - a[1])});
    }
  }
  return out;
}

}  // namespace

std::vector<GeoRing> split_antimeridian(const GeoRing& ring) {
  bool crosses = false;
  for (size_t i = 1; i < ring.size(); ++i) crosses |= std::abs(ring[i][0] - ring[i - 1][0]) > 180;
  if (!crosses) return {ring};
  // Unwrap so that consecutive points are less than 180 degrees apart, then cut at +-180 and shift back.
  GeoRing u = ring;
  for (size_t i = 1; i < u.size(); ++i) {
    while (u[i][0] - u[i - 1][0] > 180) u[i][0] -= 360;
    while (u[i][0] - u[i - 1][0] < -180) u[i][0] += 360;
  }
  std::vector<GeoRing> out;
  for (double shift : {-360.0, 0.0, 360.0}) {  // the pieces in [-540,-180], [-180,180], [180,540]
    GeoRing piece = clip(clip(u, 180 + shift, 1), -180 + shift, -1);
    if (piece.size() < 3) continue;
    for (auto& p : piece) p[0] -= shift;
    piece.push_back(piece.front());
    out.push_back(std::move(piece));
  }
  return out;
}

std::vector<MapShape> project_world(const GeoCollection& world, const std::map<std::string, std::string>& iso_numeric,
                                    double width, double height) {
  // The projection's extent: x at lon 180 on the equator, y at the pole.
  const double X = equal_earth(180, 0)[0], Y = equal_earth(0, 90)[1];
  // Antarctica is dropped, so the map spans 90N to about 56S (Tierra del Fuego): fit that band.
  const double y_south = equal_earth(0, -56)[1];
  const double k = std::min(width / (2 * X), height / (Y - y_south));
  const double ox = width / 2, oy = (height - k * (Y - y_south)) / 2 + k * Y;
  std::vector<MapShape> out;
  for (const auto& f : world.features) {
    if (f.id == "010" || f.polygons.empty()) continue;  // Antarctica; features without shape
    MapShape s;
    const auto it = iso_numeric.find(f.id);
    s.key = it != iso_numeric.end() ? it->second : f.name;
    s.name = f.name;
    for (const auto& poly : f.polygons)
      for (const auto& ring : poly)
        for (const auto& part : split_antimeridian(ring)) {
          // Rounded to 0.1 unit; consecutive duplicates (after rounding) are dropped to keep the page small.
          long px = LONG_MIN, py = LONG_MIN;
          for (const auto& p : part) {
            const auto xy = equal_earth(p[0], p[1]);
            const long ix = std::lround(10 * (ox + k * xy[0])), iy = std::lround(10 * (oy - k * xy[1]));
            if (ix == px && iy == py) continue;
            s.path += fmt::format("{}{:.1f},{:.1f}", px == LONG_MIN ? "M" : "L", ix / 10.0, iy / 10.0);
            px = ix, py = iy;
          }
          s.path += "Z";
        }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace worldsys::report
