#pragma once
// TopoJSON (https://github.com/topojson/topojson-specification): shared arcs, optionally quantized and
// delta-encoded, referenced by index from each geometry (~i = arc i reversed). Decoded into lon/lat rings, and
// the build-time report assets (npm world-atlas and i18n-iso-countries, see web/package.json).
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "worldsys/core/geo.hpp"

namespace worldsys::io {

// The features of one named object (a GeometryCollection of Polygon/MultiPolygon; null geometries are kept with
// no polygons). `where` names the text in errors. An input error for malformed topology.
GeoCollection parse_topojson(std::string_view text, const std::string& object, const std::string& where);
GeoCollection read_topojson(const std::filesystem::path& path, const std::string& object = "countries");

// ISO 3166-1 numeric ("004") -> alpha-3 ("AFG") from i18n-iso-countries' codes.json ([alpha2, alpha3, numeric, ...]).
std::map<std::string, std::string> read_iso_numeric(const std::filesystem::path& codes_json);

// ISO alpha-3 country -> the table region it belongs to, for drawing a table's results on a country map: a
// region that is a country code stands for itself (WIOD's ROM = ROU), the ten regions of the embedded table map
// their members through the built-in wiod-world10 groups, and a rest-of-world region ("RoW", "ROW") takes every
// other country of `iso3`. Regions that are none of these (e.g. "EU27") are left off the map.
std::map<std::string, std::string> country_regions(const std::vector<std::string>& regions,
                                                   const std::vector<std::string>& iso3);

// Where the build put the npm assets (node_modules of web/package.json): $WORLDSYS_WEB when set, else the build
// tree's web/node_modules. The folder may be missing (built without network): callers check.
std::filesystem::path report_assets_dir();

}  // namespace worldsys::io
