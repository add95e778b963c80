#pragma once
// Country shapes in longitude/latitude (degrees), as the io room decodes them from TopoJSON (Natural Earth via
// the npm package world-atlas). The report room projects and draws them.
#include <array>
#include <string>
#include <vector>

namespace worldsys {

using GeoRing = std::vector<std::array<double, 2>>;  // lon, lat; closed (first point == last)
using GeoPolygon = std::vector<GeoRing>;             // outer ring, then holes

struct GeoFeature {
  std::string id;    // the source's id: ISO 3166-1 numeric for world-atlas ("004"), empty when it has none
  std::string name;  // properties.name
  std::vector<GeoPolygon> polygons;
};

struct GeoCollection {
  std::string source;  // where it came from, for notes
  std::vector<GeoFeature> features;
};

}  // namespace worldsys
