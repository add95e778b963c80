#include "worldsys/io/classification.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/region_codes.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

// The first non-comment line.
std::string header_of(const std::string& text) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = text.find('\n', pos);
    std::string line = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty() && line[0] != '#') return line;
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return "";
}

}  // namespace

bool is_classification(const std::string& f) {
  if (builtin_file(f, "classification")) return true;
  if (!fs::is_regular_file(f) || fs::path(f).extension() != ".csv") return false;
  return header_of(read_text(f)) == "member,group,from,to";
}

Concordance load_classification(const std::string& f, const std::vector<std::string>& regions, int year) {
  const auto bi = builtin_file(f, "classification");
  const std::string text = bi ? *bi : read_text(f);
  const std::string where = bi ? "classification/" + f + ".csv (built in)" : f;
  Concordance c;
  c.name = f;
  auto group = [&](const std::string& g) {
    auto it = std::find(c.groups.begin(), c.groups.end(), g);
    if (it != c.groups.end()) return size_t(it - c.groups.begin());
    c.groups.push_back(g);
    return c.groups.size() - 1;
  };
  // A member matches a region by its code or by the country the code names (AT, AUT; ROM, ROU; CN1, CHN), so a
  // list of ISO3 codes splits every release's table. Rest-of-world regions match only by their own code.
  std::map<std::string, std::vector<size_t>> index;
  std::string not_countries;
  for (size_t i = 0; i < regions.size(); ++i) {
    index[regions[i]].push_back(i);
    const auto iso3 = country_iso3(regions[i]);
    if (iso3 && *iso3 != regions[i]) index[*iso3].push_back(i);
    if (bi && !iso3 && !is_rest_of_world(regions[i])) not_countries += (not_countries.empty() ? "" : ", ") + regions[i];
  }
  if (!not_countries.empty())
    fail(ErrorKind::usage,
         fmt::format("{} classifies countries, and the regions {} of this table are neither a country code nor a "
                     "release's rest-of-world region; give --groups a file that names their groups",
                     where, not_countries));
  std::vector<std::optional<size_t>> assigned(regions.size());
  std::vector<size_t> line_of(regions.size());
  std::optional<size_t> rest;
  CsvReader csv(text, where);
  bool header = true;
  auto year_field = [&](size_t i, int open) { return csv.field(i).empty() ? open : csv.integer(i); };
  while (csv.next()) {
    if (csv.field(0).starts_with("#")) continue;
    if (header) {
      if (csv.size() != 4 || csv.field(0) != "member" || csv.field(1) != "group" || csv.field(2) != "from" ||
          csv.field(3) != "to")
        fail_at(csv.position(0), "expected the header 'member,group,from,to'");
      header = false;
      continue;
    }
    csv.expect_fields(4, "member,group,from,to");
    const std::string member(csv.field(0)), g(csv.field(1));
    if (g.empty()) fail_at(csv.position(1), fmt::format("'{}' has an empty group name", member));
    if (year < year_field(2, -1000000) || year > year_field(3, 1000000)) {
      group(g);  // keep the group order stable across years
      continue;
    }
    if (member == "*") {
      if (rest) fail_at(csv.position(0), fmt::format("'*' appears twice for {}", year));
      rest = group(g);
      continue;
    }
    auto it = index.find(member);
    if (it == index.end()) {
      if (bi) continue;  // a world list: most members are not regions of this table
      fail_at(csv.position(0),
              fmt::format("unknown region '{}'; this table uses {}", member, describe_codes(regions)));
    }
    const size_t gi = group(g);
    for (const size_t r : it->second) {
      if (assigned[r] && *assigned[r] != gi)
        fail_at(csv.position(0), fmt::format("'{}' is already in group '{}' in {} (line {}); spells must not overlap",
                                             member, c.groups[*assigned[r]], year, line_of[r]));
      assigned[r] = gi;
      line_of[r] = csv.line();
    }
  }
  std::string missing;
  for (size_t i = 0; i < regions.size(); ++i) {
    if (!assigned[i] && rest) assigned[i] = rest;
    if (!assigned[i])
      missing += (missing.empty() ? "" : ", ") + regions[i];
    else
      c.group_of.push_back(*assigned[i]);
  }
  if (!missing.empty())
    fail(ErrorKind::input,
         fmt::format("{}: no group in {} for {} (the year may be outside the classification)", where, year, missing));
  c.name = fmt::format("{}@{}", f, year);
  return c;
}

Concordance load_groups(const std::string& f, const std::vector<std::string>& regions, std::optional<int> year) {
  if (!is_classification(f)) return load_concordance(f, regions, "region");
  if (!year) fail(ErrorKind::usage, fmt::format("'{}' changes by year, and this table has no year", f));
  return load_classification(f, regions, *year);
}

}  // namespace worldsys::io
