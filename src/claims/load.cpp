// The claim file (docs/claims.md): a YAML list of claims, read with yaml-cpp; every error names the file, line,
// column and the claim's id.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>

#include "worldsys/claims/claims.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::claims {

namespace fs = std::filesystem;

namespace {

struct Metric {
  const char* name;
  std::vector<const char*> required;
  std::vector<const char*> optional;
};

const std::vector<Metric>& metrics() {
  static const std::vector<Metric> m = {
      {"poverty.headcount", {"line", "year"}, {"ppp", "region", "sources"}},
      {"poverty.change", {"line", "from", "to"}, {"ppp", "region", "sources"}},
      {"gap.ratio", {"year"}, {"weights", "share", "sources"}},
      {"gap.trend", {"from", "to"}, {"measure", "weights", "share", "fixed", "balanced", "sources"}},
      {"drain.net", {}, {"factor", "groups", "attribution"}},
      {"drain.value", {}, {"factor", "groups", "attribution", "valuation"}},
  };
  return m;
}

std::string metric_names() {
  std::string s;
  for (const auto& m : metrics()) s += (s.empty() ? "" : ", ") + std::string(m.name);
  return s;
}

class Reader {
 public:
  Reader(std::string file, const YAML::Node& node) : file_(std::move(file)), node_(node) {}

  Position pos(const YAML::Node& n) const {
    return {file_, size_t(n.Mark().line + 1), size_t(n.Mark().column + 1)};
  }
  [[noreturn]] void error(const YAML::Node& n, const std::string& what) const {
    fail_at(pos(n), id_.empty() ? what : fmt::format("claim '{}': {}", id_, what));
  }
  void set_id(std::string id) { id_ = std::move(id); }

  bool has(const char* key) const { return bool(node_[key]); }
  YAML::Node at(const char* key) const { return node_[key]; }

  std::string text(const char* key) const {
    const YAML::Node n = node_[key];
    if (!n.IsScalar()) error(n.IsDefined() ? n : node_, fmt::format("'{}' must be a text", key));
    return n.as<std::string>();
  }
  double number(const char* key) const {
    const YAML::Node n = node_[key];
    try {
      if (n.IsScalar())
        if (const double v = n.as<double>(); std::isfinite(v)) return v;  // .inf would make any line "hold"
    } catch (const YAML::Exception&) {
    }
    error(n, fmt::format("'{}' must be a finite number, found '{}'", key, n.IsScalar() ? n.Scalar() : "a list or map"));
  }
  int year(const char* key) const {
    const double y = number(key);
    // Range first: converting a double beyond int's range (1e300) is undefined (found by fuzz_readers).
    if (!(y >= 1000 && y <= 9999) || y != std::floor(y))
      error(node_[key], fmt::format("'{}' must be a year, e.g. 2019", key));
    return int(y);
  }
  bool flag(const YAML::Node& n, const char* key) const {
    try {
      if (n.IsScalar()) return n.as<bool>();
    } catch (const YAML::Exception&) {
    }
    error(n, fmt::format("'{}' must be true or false", key));
  }
  // A scalar or a list of scalars, each one of `allowed` (when given).
  std::vector<std::string> list(const char* key, const std::vector<std::string>& allowed = {}) const {
    const YAML::Node n = node_[key];
    std::vector<YAML::Node> items;
    if (n.IsScalar()) items.push_back(n);
    else if (n.IsSequence() && n.size() > 0)
      for (const auto& i : n) items.push_back(i);
    else error(n, fmt::format("'{}' must be a value or a non-empty list", key));
    std::vector<std::string> out;
    for (const auto& i : items) {
      if (!i.IsScalar()) error(i, fmt::format("'{}': expected a value", key));
      const std::string v = i.as<std::string>();
      if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), v) == allowed.end())
        error(i, fmt::format("'{}': unknown value '{}'; expected {}", key, v, fmt::join(allowed, ", ")));
      out.push_back(v);
    }
    return out;
  }

 private:
  std::string file_, id_;
  YAML::Node node_;
};

Claim read_claim(const std::string& file, const YAML::Node& node) {
  Reader r(file, node);
  if (!node.IsMap()) r.error(node, "expected a claim: a mapping with id, text, metric, compare and its query");
  Claim c;
  const auto p = r.pos(node);
  c.origin = fmt::format("{}:{}", p.path, p.line);
  if (!r.has("id")) r.error(node, "a claim needs an 'id'");
  c.id = r.text("id");
  r.set_id(c.id);
  for (const char* key : {"text", "metric", "compare"})
    if (!r.has(key)) r.error(node, fmt::format("missing field '{}'", key));
  c.text = r.text("text");
  c.metric = r.text("metric");
  const auto m = std::find_if(metrics().begin(), metrics().end(), [&](const auto& x) { return c.metric == x.name; });
  if (m == metrics().end())
    r.error(r.at("metric"), fmt::format("unknown metric '{}'; expected one of {}", c.metric, metric_names()));
  for (const char* key : m->required)
    if (!r.has(key)) r.error(node, fmt::format("missing field '{}' (metric {} needs {})", key, c.metric,
                                               fmt::join(m->required, ", ")));
  std::set<std::string> known{"id", "text", "metric", "compare"};
  for (const char* k : m->required) known.insert(k);
  for (const char* k : m->optional) known.insert(k);
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (!known.count(key))
      r.error(kv.first, fmt::format("unknown field '{}' for metric {}; expected {}", key, c.metric,
                                    fmt::join(known, ", ")));
  }
  try {
    c.compare = parse_comparison(r.text("compare"));
  } catch (const Error& e) {
    r.error(r.at("compare"), e.what());
  }
  const bool change = c.metric == "poverty.change" || c.metric == "gap.trend";
  const bool trend_op =
      c.compare.op == Comparison::Op::increases || c.compare.op == Comparison::Op::decreases;
  if (trend_op && !change)
    r.error(r.at("compare"), fmt::format("'{}' compares a change: use it with poverty.change or gap.trend, or write "
                                         "a threshold such as '> 0.5'", c.compare.text));
  Query& q = c.query;
  if (r.has("line")) {
    q.line = r.number("line");
    if (!(q.line > 0)) r.error(r.at("line"), "'line' must be a positive $ a day");
  }
  if (r.has("ppp")) q.ppp = r.text("ppp");
  if (r.has("year")) q.year = r.year("year");
  if (r.has("from")) q.from = r.year("from");
  if (r.has("to")) q.to = r.year("to");
  if (r.has("from") && r.has("to") && q.from >= q.to)
    r.error(r.at("to"), fmt::format("'to' ({}) must be after 'from' ({})", q.to, q.from));
  if (r.has("region")) q.region = r.text("region");
  if (r.has("measure")) q.measures = r.list("measure", {"top_bottom", "theil", "mld", "gini", "sigma"});
  if (r.has("weights")) q.weights = r.list("weights", {"population", "none"});
  if (r.has("fixed")) {
    q.fixed.clear();
    for (const auto& v : r.list("fixed", {"true", "false"})) q.fixed.push_back(v == "true");
  }
  if (r.has("share")) {
    q.share = r.number("share");
    if (!(q.share > 0 && q.share <= 0.5)) r.error(r.at("share"), "'share' must be in (0, 0.5]");
  }
  if (r.has("balanced")) q.balanced = r.flag(r.at("balanced"), "balanced");
  if (r.has("factor")) q.factor = r.text("factor");
  if (r.has("groups")) q.groups = r.text("groups");
  if (r.has("attribution")) q.attributions = r.list("attribution", {"footprint", "eebt"});
  if (r.has("valuation"))
    q.valuations = r.list("valuation", {"northern-prices", "global-prices", "wage-gap", "erdi"});
  if (r.has("sources")) c.sources = r.list("sources");
  return c;
}

}  // namespace

std::vector<Claim> load_claims(const fs::path& yaml) {
  const std::string file = yaml.string();
  const std::string text = io::read_text(yaml);
  std::vector<Claim> claims;
  try {
    YAML::Node root = YAML::Load(text);
    if (root.IsMap() && root["claims"]) root = root["claims"];
    if (!root.IsSequence())
      fail_at({file, size_t(root.Mark().line + 1), size_t(root.Mark().column + 1)},
              "expected a list of claims (or a mapping with 'claims:' holding the list)");
    std::set<std::string> ids;
    for (const auto& node : root) {
      Claim c = read_claim(file, node);
      if (!ids.insert(c.id).second)
        fail_at({file, size_t(node.Mark().line + 1), size_t(node.Mark().column + 1)},
                fmt::format("claim '{}': the id is used twice", c.id));
      claims.push_back(std::move(c));
    }
  } catch (const YAML::Exception& e) {
    fail_at({file, size_t(e.mark.line + 1), size_t(e.mark.column + 1)}, e.msg);
  }
  if (claims.empty()) fail(ErrorKind::input, fmt::format("{}: holds no claims", file));
  return claims;
}

fs::path default_claims_path() { return io::default_data_path("claims/default.yaml"); }

std::vector<Claim> default_claims() { return load_claims(default_claims_path()); }

}  // namespace worldsys::claims
