#pragma once
// Map projection for the report: Equal Earth (Šavrič, Patterson & Jenny 2018), an equal-area pseudocylindrical
// projection, so a country's area on the map is proportional to its area on the globe.
#include <array>
#include <map>
#include <string>
#include <vector>

#include "worldsys/core/geo.hpp"
#include "worldsys/report/svg.hpp"

namespace worldsys::report {

// lon, lat in degrees -> x, y on the unit sphere's map (x in [-2.7066, 2.7066], y in [-1.3174, 1.3174], north up).
std::array<double, 2> equal_earth(double lon, double lat);

// A ring that crosses the antimeridian (consecutive longitudes more than 180 degrees apart, as Russia's and
// Fiji's in Natural Earth) cut into pieces that each stay within [-180, 180]; any other ring unchanged.
std::vector<GeoRing> split_antimeridian(const GeoRing& ring);

// Projects every feature into a width x height box (SVG y grows downwards), one path per feature keyed by ISO
// alpha-3 through `iso_numeric` (numeric id -> alpha-3); features without a code keep their name as key.
// Antarctica is left out (no data, a fifth of the height).
std::vector<MapShape> project_world(const GeoCollection& world, const std::map<std::string, std::string>& iso_numeric,
                                    double width, double height);

}  // namespace worldsys::report
