#include "worldsys/io/groups.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <utility>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/region_codes.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::detail {
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_files();
}

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

// Collects (member, group, position) assignments, then checks them against the table's labels.
struct Builder {
  std::string source, kind;
  const std::vector<std::string>& members;
  std::map<std::string, size_t> index;
  Concordance c;
  std::vector<std::optional<size_t>> assigned;
  std::optional<size_t> rest;  // group of "*"
  size_t listed = 0, unknown = 0;
  std::optional<std::pair<std::string, Position>> first_unknown;

  Builder(std::string src, std::string k, const std::vector<std::string>& m)
      : source(std::move(src)), kind(std::move(k)), members(m), assigned(m.size()) {
    // By the exact code: a file's '*' line is meant for the regions it does not list, so reading its ISO3 codes
    // into another release's codes would put that release's extra countries (EXIOBASE's CH, NO on WIOD's list)
    // into '*' without a word. Classifications, which list the whole world, match by country instead.
    for (size_t i = 0; i < m.size(); ++i) index[m[i]] = i;
    c.name = source;
  }
  size_t group(const std::string& g) {
    for (size_t i = 0; i < c.groups.size(); ++i)
      if (c.groups[i] == g) return i;
    c.groups.push_back(g);
    return c.groups.size() - 1;
  }
  void add(const std::string& member, const std::string& g, const Position& where) {
    if (g.empty()) fail_at(where, fmt::format("{} '{}' has an empty group name", kind, member));
    if (member == "*") {
      if (rest) fail_at(where, "'*' (every other " + kind + ") appears twice");
      rest = group(g);
      return;
    }
    ++listed;
    auto it = index.find(member);
    if (it == index.end()) {  // reported in finish(), with how many of the file's codes matched
      ++unknown;
      if (!first_unknown) first_unknown = {member, where};
      return;
    }
    const size_t gi = group(g);
    if (assigned[it->second] && *assigned[it->second] != gi)
      fail_at(where, fmt::format("{} '{}' is already in group '{}'; groups must not overlap", kind, member,
                                 c.groups[*assigned[it->second]]));
    assigned[it->second] = gi;
  }
  Concordance finish() {
    if (first_unknown) {
      const auto& [member, where] = *first_unknown;
      if (kind == "region")
        fail_at(where, fmt::format("unknown region '{}': {} of the {} codes in this file matched; this table uses {}",
                                   member, listed - unknown, listed, describe_codes(members)));
      std::string known;
      for (size_t i = 0; i < std::min<size_t>(members.size(), 12); ++i) known += (i ? ", " : "") + members[i];
      fail_at(where, fmt::format("unknown {} '{}'; the table's {}s are {}{}", kind, member, kind, known,
                                 members.size() > 12 ? ", ..." : ""));
    }
    std::string missing;
    for (size_t i = 0; i < members.size(); ++i) {
      if (!assigned[i]) {
        if (rest)
          assigned[i] = *rest;
        else
          missing += (missing.empty() ? "" : ", ") + members[i];
      }
    }
    if (!missing.empty())
      fail(ErrorKind::input, fmt::format("{}: no group for {} {}; add them, or a '*' line for all the rest", source,
                                         kind, missing));
    for (auto& a : assigned) c.group_of.push_back(*a);
    return c;
  }
};

Concordance parse_csv(std::string text, const std::string& source, const std::vector<std::string>& members,
                      const std::string& kind) {
  Builder b(source, kind, members);
  CsvReader csv(std::move(text), source);
  bool header = true;
  while (csv.next()) {
    if (csv.field(0).starts_with("#")) continue;
    if (header) {
      header = false;
      continue;
    }
    if (csv.size() < 2) csv.expect_fields(2, kind + ",group");
    b.add(std::string(csv.field(0)), std::string(csv.field(1)), csv.position(0));
  }
  return b.finish();
}

Concordance parse_yaml(const std::string& text, const std::string& source, const std::vector<std::string>& members,
                       const std::string& kind) {
  Builder b(source, kind, members);
  auto pos = [&](const YAML::Mark& m) { return Position{source, size_t(m.line + 1), size_t(m.column + 1)}; };
  try {
    YAML::Node root = YAML::Load(text);
    if (root.IsMap() && root["groups"]) root = root["groups"];
    if (!root.IsMap()) fail_at(pos(root.Mark()), "expected a mapping from group name to a list of " + kind + "s");
    for (const auto& g : root) {
      if (!g.first.IsScalar()) fail_at(pos(g.first.Mark()), "expected a group name");
      const std::string name = g.first.as<std::string>();
      if (!g.second.IsSequence())
        fail_at(pos(g.second.Mark()), fmt::format("group '{}': expected a list of {}s", name, kind));
      for (const auto& member : g.second) {
        if (!member.IsScalar()) fail_at(pos(member.Mark()), fmt::format("group '{}': expected a {} code", name, kind));
        b.add(member.as<std::string>(), name, pos(member.Mark()));
      }
    }
  } catch (const YAML::Exception& e) {
    fail_at(pos(e.mark), e.msg);
  }
  return b.finish();
}

}  // namespace

Concordance load_concordance(const std::string& file_or_name, const std::vector<std::string>& members,
                             const std::string& kind) {
  const fs::path p(file_or_name);
  if (!fs::exists(p)) {
    if (auto text = builtin_file(file_or_name)) return parse_csv(*text, file_or_name, members, kind);
    std::string names;
    for (const auto& [n, d] : builtin_concordances()) names += (names.empty() ? "" : ", ") + n;
    fail(ErrorKind::usage, fmt::format("'{}' is neither a file nor a built-in concordance ({})", file_or_name, names));
  }
  const std::string ext = p.extension().string();
  if (ext == ".yaml" || ext == ".yml") return parse_yaml(read_text(p), p.string(), members, kind);
  return parse_csv(read_text(p), p.string(), members, kind);
}

std::string default_north_south(const std::vector<std::string>& regions, std::optional<int> year) {
  std::vector<std::string> world10;  // the groups of wiod-world10: the sample world's regions
  CsvReader csv(*builtin_file("wiod-world10"), "wiod-world10");
  bool header = true;
  while (csv.next()) {
    if (csv.field(0).starts_with("#") || std::exchange(header, false)) continue;
    const std::string g(csv.field(1));
    if (std::find(world10.begin(), world10.end(), g) == world10.end()) world10.push_back(g);
  }
  std::vector<std::string> have = regions;
  std::sort(have.begin(), have.end());
  std::sort(world10.begin(), world10.end());
  if (have == world10) return "world10-north-south";
  return year ? "imf-advanced" : "wiod-north-south";
}

// codes/ and factors/ hold code tables and factor concordances, never a region or sector concordance: they are
// found only by name and folder.
static bool tables_only(const fs::path& p) { return p.parent_path() == "codes" || p.parent_path() == "factors"; }

std::optional<std::string> builtin_file(const std::string& name, const std::string& folder) {
  for (const auto& [path, text] : detail::embedded_files()) {
    const fs::path p(path);
    if (p.stem() == name && (folder.empty() ? !tables_only(p) : p.parent_path() == folder))
      return std::string(text);
  }
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> builtin_concordances() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [path, text] : detail::embedded_files()) {
    if (tables_only(path)) continue;
    std::string first(text.substr(0, text.find('\n')));
    if (first.starts_with("# ")) first = first.substr(2);
    out.emplace_back(fs::path(path).stem().string(), first);
  }
  return out;
}

}  // namespace worldsys::io
