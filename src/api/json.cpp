// Verb arguments as JSON, for Python and the distributed runner: field names are the C++ ones.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::api {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FootprintArgs, stressors, by, groups, precision, multipliers)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FlowsArgs, stressors, groups, precision)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DrainArgs, groups, factor, definition, north, south, row, by, pwt,
                                                erdi_variable, erdi_reference, value, wage, attribution, valuations,
                                                final_demand, constant_prices, wage_by_sector, erdi_all_exports,
                                                erdi_clamp, lost_growth)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PovertyArgs, line, year, by, ppp, method, estimates, coverage,
                                                convert_line)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InequalityArgs, year, by, decompose)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(GapArgs, from, to, share, weights, trend, fixed, balanced)

namespace {
template <class Args>
Args parse(const std::string& text, const char* verb) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    fail(ErrorKind::usage, fmt::format("{} arguments are not JSON: {}", verb, e.what()));
  }
  if (!j.is_object()) fail(ErrorKind::usage, fmt::format("{} arguments must be a JSON object", verb));
  const nlohmann::json known = Args{};
  for (const auto& [key, value] : j.items()) {
    if (!known.contains(key)) {
      std::string names;
      for (const auto& [k, v] : known.items()) names += (names.empty() ? "" : ", ") + k;
      fail(ErrorKind::usage, fmt::format("{}: unknown argument '{}'; known: {}", verb, key, names));
    }
    if (value.is_null()) continue;
    const auto want = known[key].type();
    const bool number = value.is_number() && known[key].is_number();
    if (value.type() != want && !number && !(known[key].is_array() && value.is_array()))
      fail(ErrorKind::usage, fmt::format("{}: argument '{}' should be {} like {}, got {}", verb, key,
                                         known[key].type_name(), known[key].dump(), value.dump()));
  }
  for (auto it = j.begin(); it != j.end();)
    it = it->is_null() ? j.erase(it) : std::next(it);
  try {
    return j.get<Args>();
  } catch (const nlohmann::json::exception& e) {
    fail(ErrorKind::usage, fmt::format("{} arguments: {}", verb, e.what()));
  }
}
}  // namespace

std::string to_json(const FootprintArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const FlowsArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const DrainArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const PovertyArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const InequalityArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const GapArgs& a) { return nlohmann::json(a).dump(); }

FootprintArgs footprint_args(const std::string& json) { return parse<FootprintArgs>(json, "footprint"); }
FlowsArgs flows_args(const std::string& json) { return parse<FlowsArgs>(json, "flows"); }
DrainArgs drain_args(const std::string& json) { return parse<DrainArgs>(json, "drain"); }
PovertyArgs poverty_args(const std::string& json) { return parse<PovertyArgs>(json, "poverty"); }
InequalityArgs inequality_args(const std::string& json) { return parse<InequalityArgs>(json, "inequality"); }
GapArgs gap_args(const std::string& json) { return parse<GapArgs>(json, "gap"); }

}  // namespace worldsys::api
