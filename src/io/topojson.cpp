#include "worldsys/io/topojson.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>

#include "worldsys/core/error.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::io {

namespace {

using nlohmann::json;
using Arc = std::vector<std::array<double, 2>>;

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  fail(ErrorKind::input, fmt::format("{}: not a TopoJSON topology: {}", where, what));
}

// Arcs in lon/lat: quantized arcs are delta-encoded integers, x_i = x_{i-1} + dx_i, then scaled and translated.
std::vector<Arc> decode_arcs(const json& topo, const std::string& where) {
  double sx = 1, sy = 1, tx = 0, ty = 0;
  const bool quantized = topo.contains("transform");
  if (quantized) {
    const auto& t = topo["transform"];
    if (!t.contains("scale") || !t.contains("translate") || t["scale"].size() != 2 || t["translate"].size() != 2)
      bad(where, "transform needs scale [sx, sy] and translate [tx, ty]");
    sx = t["scale"][0].get<double>(), sy = t["scale"][1].get<double>();
    tx = t["translate"][0].get<double>(), ty = t["translate"][1].get<double>();
  }
  if (!topo.contains("arcs") || !topo["arcs"].is_array()) bad(where, "no \"arcs\" array");
  std::vector<Arc> arcs;
  arcs.reserve(topo["arcs"].size());
  for (const auto& a : topo["arcs"]) {
    Arc arc;
    arc.reserve(a.size());
    double x = 0, y = 0;
    for (const auto& p : a) {
      if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number())
        bad(where, fmt::format("arc {} has a position that is not [x, y]", arcs.size()));
      if (quantized) {
        x += p[0].get<double>(), y += p[1].get<double>();
        arc.push_back({x * sx + tx, y * sy + ty});
      } else {
        arc.push_back({p[0].get<double>(), p[1].get<double>()});
      }
    }
    arcs.push_back(std::move(arc));
  }
  return arcs;
}

// A ring from arc indexes: ~i (= -i-1) is arc i reversed; each arc after the first repeats the previous end.
GeoRing stitch(const json& indexes, const std::vector<Arc>& arcs, const std::string& where) {
  GeoRing ring;
  for (const auto& v : indexes) {
    if (!v.is_number_integer()) bad(where, "an arc index is not an integer");
    const long i = v.get<long>();
    const long k = i >= 0 ? i : ~i;
    if (k >= long(arcs.size())) bad(where, fmt::format("arc index {} out of range ({} arcs)", i, arcs.size()));
    const Arc& a = arcs[size_t(k)];
    Arc part(a);
    if (i < 0) std::reverse(part.begin(), part.end());
    ring.insert(ring.end(), ring.empty() ? part.begin() : part.begin() + std::min<size_t>(1, part.size()), part.end());
  }
  return ring;
}

GeoPolygon polygon(const json& rings, const std::vector<Arc>& arcs, const std::string& where) {
  GeoPolygon p;
  for (const auto& r : rings) p.push_back(stitch(r, arcs, where));
  return p;
}

}  // namespace

namespace {
std::string type_of(const json& g) { return g.contains("type") && g["type"].is_string() ? g["type"].get<std::string>() : ""; }

GeoCollection decode(std::string_view text, const std::string& object, const std::string& where) {
  json topo;
  try {
    topo = json::parse(text);
  } catch (const json::parse_error& e) {
    fail(ErrorKind::input, fmt::format("{}: invalid JSON at byte {}: {}", where, e.byte, e.what()));
  }
  if (!topo.is_object() || type_of(topo) != "Topology") bad(where, "\"type\" is not \"Topology\"");
  const std::vector<Arc> arcs = decode_arcs(topo, where);
  if (!topo.contains("objects") || !topo["objects"].contains(object))
    bad(where, fmt::format("no object \"{}\" in \"objects\"", object));
  const json& obj = topo["objects"][object];
  const json& geoms = type_of(obj) == "GeometryCollection" ? obj["geometries"] : json::array({obj});
  GeoCollection c;
  c.source = where;
  for (const auto& g : geoms) {
    GeoFeature f;
    if (g.contains("id")) f.id = g["id"].is_string() ? g["id"].get<std::string>() : g["id"].dump();
    if (g.contains("properties") && g["properties"].contains("name")) f.name = g["properties"]["name"];
    const std::string type = type_of(g);
    if (type == "Polygon") {
      f.polygons.push_back(polygon(g.at("arcs"), arcs, where));
    } else if (type == "MultiPolygon") {
      for (const auto& p : g.at("arcs")) f.polygons.push_back(polygon(p, arcs, where));
    } else if (!type.empty()) {
      bad(where, fmt::format("geometry type \"{}\" (expected Polygon or MultiPolygon)", type));
    }
    c.features.push_back(std::move(f));
  }
  return c;
}
}  // namespace

GeoCollection parse_topojson(std::string_view text, const std::string& object, const std::string& where) {
  try {
    return decode(text, object, where);
  } catch (const json::exception& e) {  // a member of the wrong JSON type
    fail(ErrorKind::input, fmt::format("{}: not a TopoJSON topology: {}", where, e.what()));
  }
}

GeoCollection read_topojson(const std::filesystem::path& path, const std::string& object) {
  return parse_topojson(read_text(path), object, path.string());
}

std::map<std::string, std::string> read_iso_numeric(const std::filesystem::path& codes_json) {
  const std::string text = read_text(codes_json);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    fail(ErrorKind::input, fmt::format("{}: invalid JSON at byte {}: {}", codes_json.string(), e.byte, e.what()));
  }
  std::map<std::string, std::string> m;
  for (const auto& row : j) {
    if (!row.is_array() || row.size() < 3 || !row[1].is_string() || !row[2].is_string())
      fail(ErrorKind::input, fmt::format("{}: expected rows [alpha2, alpha3, numeric, ...]", codes_json.string()));
    m[row[2].get<std::string>()] = row[1].get<std::string>();
  }
  return m;
}

std::map<std::string, std::string> country_regions(const std::vector<std::string>& regions,
                                                   const std::vector<std::string>& iso3) {
  auto iso = [](std::string c) { return c == "ROM" ? std::string("ROU") : c; };  // WIOD's code for Romania
  const std::set<std::string> known(iso3.begin(), iso3.end());
  std::map<std::string, std::string> out;
  std::string rest;  // the rest-of-world region, if any
  for (const auto& r : regions)
    if (known.count(iso(r))) out[iso(r)] = r;
    else if (r == "RoW" || r == "ROW") rest = r;
  // The embedded table's regions: members through wiod-world10 (its RoW member is the rest of the world).
  if (const auto text = builtin_file("wiod-world10", "groups")) {
    std::map<std::string, std::string> member_group;
    std::istringstream lines(*text);
    std::string line;
    bool header = true;
    while (std::getline(lines, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (header) { header = false; continue; }
      const auto comma = line.find(',');
      if (comma == std::string::npos) continue;
      std::string g = line.substr(comma + 1);
      while (!g.empty() && (g.back() == '\r' || g.back() == ' ')) g.pop_back();
      member_group[line.substr(0, comma)] = g;
    }
    const std::set<std::string> have(regions.begin(), regions.end());
    for (const auto& [member, group] : member_group) {
      if (!have.count(group) || have.count(member)) continue;
      if (member == "RoW") rest = group;
      else if (known.count(iso(member))) out.emplace(iso(member), group);
    }
  }
  if (!rest.empty())
    for (const auto& c : iso3) out.emplace(c, rest);
  return out;
}

std::filesystem::path report_assets_dir() {
  const char* env = std::getenv("WORLDSYS_WEB");
  return env && *env ? std::filesystem::path(env) : std::filesystem::path(WORLDSYS_WEB_DIR);
}

}  // namespace worldsys::io
