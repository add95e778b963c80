// The scenario language: YAML in, Scenario out, every error at its line and column.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "worldsys/scenario/scenario.hpp"
#include "worldsys/io/atomic.hpp"

namespace worldsys::scenario {

const char* to_string(ChangeKind k) {
  switch (k) {
    case ChangeKind::final_demand: return "final_demand";
    case ChangeKind::technology: return "technology";
    case ChangeKind::intensity: return "intensity";
    case ChangeKind::wage: return "wage";
  }
  return "?";
}

bool Change::is_noop() const {
  if (kind == ChangeKind::wage && !to_level_of.all()) return false;
  return scale == 1.0 && add == 0.0;
}

namespace {

struct Parser {
  std::string origin;
  Position pos(const YAML::Node& n) const {
    const auto m = n.Mark();
    return Position{origin, size_t(m.line + 1), size_t(m.column + 1)};
  }
  std::string scalar(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail_at(pos(n), fmt::format("expected {} (a single value)", what));
    return n.Scalar();
  }
  double number(const YAML::Node& n, const std::string& key) const {
    const std::string s = scalar(n, fmt::format("a number for '{}'", key));
    double v;
    size_t used = 0;
    try {
      v = std::stod(s, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != s.size() || s.empty() || !std::isfinite(v))
      fail_at(pos(n), fmt::format("expected a finite number for '{}', found '{}'", key, s));
    return v;
  }
  bool boolean(const YAML::Node& n, const std::string& key) const {
    const std::string s = scalar(n, fmt::format("true or false for '{}'", key));
    if (s == "true" || s == "yes") return true;
    if (s == "false" || s == "no") return false;
    fail_at(pos(n), fmt::format("expected true or false for '{}', found '{}'", key, s));
  }
  Selector selector(const YAML::Node& n, const std::string& key) const {
    Selector s;
    auto add = [&](const YAML::Node& item) {
      const std::string v = scalar(item, fmt::format("a name or \"*\" in '{}'", key));
      if (v.empty()) fail_at(pos(item), fmt::format("empty name in '{}'", key));
      if (v == "*") return;  // all: nothing to restrict
      s.items.push_back(v);
      s.where.push_back(pos(item));
    };
    if (n.IsSequence()) {
      if (n.size() == 0) fail_at(pos(n), fmt::format("'{}' is an empty list; write \"*\" for all", key));
      bool star = false;
      for (const auto& item : n) {
        add(item);
        star = star || (item.IsScalar() && item.Scalar() == "*");
      }
      if (star) s = Selector{};  // "*" anywhere in the list means all
    } else if (n.IsScalar()) {
      add(n);
    } else {
      fail_at(pos(n), fmt::format("expected a name, \"*\" or a list of names for '{}'", key));
    }
    return s;
  }

  Change change(const YAML::Node& n) const {
    if (!n.IsMap())
      fail_at(pos(n), "expected a change: a mapping with 'kind' (final_demand, technology, intensity or wage)");
    Change c;
    c.where = pos(n);
    const YAML::Node kind = n["kind"];
    if (!kind) fail_at(pos(n), "change without 'kind'; expected one of final_demand, technology, intensity, wage");
    const std::string k = scalar(kind, "a change kind");
    static const std::map<std::string, ChangeKind> kinds{{"final_demand", ChangeKind::final_demand},
                                                         {"technology", ChangeKind::technology},
                                                         {"intensity", ChangeKind::intensity},
                                                         {"wage", ChangeKind::wage}};
    const auto it = kinds.find(k);
    if (it == kinds.end())
      fail_at(pos(kind), fmt::format("unknown change kind '{}'; expected final_demand, technology, intensity or wage", k));
    c.kind = it->second;
    static const std::map<ChangeKind, std::set<std::string>> allowed{
        {ChangeKind::final_demand, {"regions", "categories", "origin_regions", "origin_sectors", "scale", "add"}},
        {ChangeKind::technology, {"input_regions", "input_sectors", "regions", "sectors", "scale"}},
        {ChangeKind::intensity, {"stressor", "regions", "sectors", "scale"}},
        {ChangeKind::wage, {"stressor", "regions", "sectors", "scale", "to_level_of", "per", "by", "no_cut"}}};
    const auto& keys = allowed.at(c.kind);
    bool has_scale = false, has_add = false;
    for (const auto& kv : n) {
      const std::string key = scalar(kv.first, "a key");
      if (key == "kind") continue;
      if (!keys.count(key)) {
        std::string list;
        for (const auto& a : keys) list += (list.empty() ? "" : ", ") + a;
        fail_at(pos(kv.first), fmt::format("unknown key '{}' for a {} change; expected one of: kind, {}", key, k, list));
      }
      const YAML::Node& v = kv.second;
      if (key == "regions") c.regions = selector(v, key);
      else if (key == "sectors") c.sectors = selector(v, key);
      else if (key == "origin_regions" || key == "input_regions") c.origin_regions = selector(v, key);
      else if (key == "origin_sectors" || key == "input_sectors") c.origin_sectors = selector(v, key);
      else if (key == "categories") c.categories = selector(v, key);
      else if (key == "to_level_of") {
        c.to_level_of = selector(v, key);
        if (c.to_level_of.all()) fail_at(pos(v), "'to_level_of' needs regions or a group, not \"*\"");
      } else if (key == "scale") {
        c.scale = number(v, key);
        if (c.scale < 0) fail_at(pos(v), fmt::format("expected a non-negative factor for 'scale', found {}", c.scale));
        has_scale = true;
      } else if (key == "add") {
        c.add = number(v, key);
        has_add = true;
      } else if (key == "per") {
        c.per = scalar(v, "a stressor name for 'per'");
      } else if (key == "no_cut") {
        c.no_cut = boolean(v, key);
      } else if (key == "by") {
        const std::string b = scalar(v, "sector or economy for 'by'");
        if (b != "sector" && b != "economy")
          fail_at(pos(v), fmt::format("expected sector or economy for 'by', found '{}'", b));
        c.by_sector = b == "sector";
      } else if (key == "stressor") {
        if (v.IsSequence() && c.kind == ChangeKind::intensity) {
          for (const auto& s : v) c.stressors.push_back(scalar(s, "a stressor name"));
        } else {
          c.stressors.push_back(scalar(v, "a stressor name"));
        }
      }
    }
    const bool level = !c.to_level_of.items.empty();
    if (c.kind == ChangeKind::wage) {
      if (has_scale == level)
        fail_at(pos(n), "a wage change needs exactly one of 'scale' (a factor) or 'to_level_of' (reference regions)");
      if (c.stressors.empty()) c.stressors.push_back("labour_compensation");
    } else if (c.kind == ChangeKind::final_demand) {
      if (has_scale == has_add) fail_at(pos(n), "a final_demand change needs exactly one of 'scale' or 'add'");
    } else {
      if (!has_scale) fail_at(pos(n), fmt::format("a {} change needs 'scale' (a factor)", k));
      if (c.kind == ChangeKind::intensity && c.stressors.empty())
        fail_at(pos(n), "an intensity change needs 'stressor' (a name or a list of names)");
    }
    return c;
  }

  Scenario scenario(const YAML::Node& root) const {
    Scenario s;
    s.origin = origin;
    if (!root.IsMap()) fail_at(pos(root), "expected a scenario: a mapping with 'name' and 'changes'");
    for (const auto& kv : root) {
      const std::string key = scalar(kv.first, "a key");
      if (key == "name") s.name = scalar(kv.second, "a name");
      else if (key == "description") s.description = scalar(kv.second, "a description");
      else if (key == "groups") s.groups = scalar(kv.second, "a region concordance (file or built-in name)");
      else if (key == "sector_groups") s.sector_groups = scalar(kv.second, "a sector concordance (file or built-in name)");
      else if (key == "changes") {
        if (kv.second.IsNull()) continue;  // `changes:` with nothing: the baseline
        if (!kv.second.IsSequence()) fail_at(pos(kv.second), "expected a list of changes under 'changes'");
        for (const auto& c : kv.second) s.changes.push_back(change(c));
      } else {
        fail_at(pos(kv.first),
                fmt::format("unknown key '{}'; expected name, description, groups, sector_groups or changes", key));
      }
    }
    if (!root["changes"]) fail_at(pos(root), "a scenario needs 'changes' (a list; empty for the baseline)");
    if (s.name.empty()) s.name = "scenario";
    return s;
  }
};

}  // namespace

Scenario parse_scenario(std::string_view yaml, std::string_view origin) {
  Parser p{std::string(origin)};
  try {
    return p.scenario(YAML::Load(std::string(yaml)));
  } catch (const YAML::Exception& e) {
    fail_at(Position{p.origin, size_t(e.mark.line + 1), size_t(e.mark.column + 1)}, e.msg);
  }
}

Scenario load_scenario(const std::filesystem::path& yaml) {
  io::accept_input(yaml);
  std::ifstream in(yaml, std::ios::binary);
  if (!in) fail(ErrorKind::io, fmt::format("cannot open scenario file {}", yaml.string()));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_scenario(ss.str(), yaml.string());
}

}  // namespace worldsys::scenario
