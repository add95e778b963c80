#include "worldsys/io/region_codes.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <utility>

#include "worldsys/io/csv.hpp"
#include "worldsys/io/groups.hpp"

namespace worldsys::io {

namespace {

struct Codes {
  std::map<std::string, std::string, std::less<>> iso3_of;  // alpha-2, alpha-3 and aliases -> alpha-3
  std::set<std::string, std::less<>> rest_of_world;
};

// Each data row of a built-in code table, its first two fields.
template <class F>
void rows(const char* name, F&& row) {
  const auto text = builtin_file(name, "codes");
  CsvReader csv(*text, fmt::format("codes/{}.csv (built in)", name));
  bool header = true;
  while (csv.next()) {
    if (csv.field(0).starts_with("#") || std::exchange(header, false)) continue;
    row(std::string(csv.field(0)), std::string(csv.field(1)));
  }
}

const Codes& codes() {
  static const Codes c = [] {
    Codes c;
    rows("iso3166", [&](const std::string& a2, const std::string& a3) { c.iso3_of[a2] = a3, c.iso3_of[a3] = a3; });
    rows("aliases", [&](const std::string& code, const std::string& a3) { c.iso3_of[code] = a3; });
    rows("rest-of-world", [&](const std::string& code, const std::string&) { c.rest_of_world.insert(code); });
    return c;
  }();
  return c;
}

}  // namespace

bool is_rest_of_world(std::string_view code) { return codes().rest_of_world.count(code) > 0; }

std::optional<std::string> country_iso3(std::string_view code) {
  if (is_rest_of_world(code)) return std::nullopt;  // before ISO: EXIOBASE's WF is not Wallis and Futuna
  const auto it = codes().iso3_of.find(code);
  if (it == codes().iso3_of.end()) return std::nullopt;
  return it->second;
}

std::string describe_codes(const std::vector<std::string>& regions) {
  size_t two = 0, three = 0;
  std::string sample;
  for (size_t i = 0; i < regions.size(); ++i) {
    two += regions[i].size() == 2, three += regions[i].size() == 3;
    if (i < 3) sample += (i ? ", " : "") + regions[i];
  }
  const char* kind = two * 10 >= regions.size() * 8 ? "ISO2 codes" : three * 10 >= regions.size() * 8 ? "ISO3 codes" : "codes";
  return fmt::format("{} such as {}", kind, sample);
}

}  // namespace worldsys::io
