// Verb arguments as JSON, for Python and the distributed runner: field names are the C++ ones.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"

// std::optional as a value or null (nlohmann 3.11 has no serializer of its own).
namespace nlohmann {
template <class T>
struct adl_serializer<std::optional<T>> {
  static void to_json(json& j, const std::optional<T>& v) { j = v ? json(*v) : json(nullptr); }
  static void from_json(const json& j, std::optional<T>& v) { v = j.is_null() ? std::nullopt : std::optional<T>(j.get<T>()); }
};
}  // namespace nlohmann

namespace worldsys::api {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FootprintArgs, stressors, by, groups, precision, device, multipliers,
                                                pba)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FlowsArgs, stressors, groups, precision, device)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(DrainArgs, groups, factor, definition, north, south, row, by, pwt,
                                                erdi_variable, erdi_reference, value, wage, attribution, valuations,
                                                final_demand, constant_prices, wage_by_sector, erdi_all_exports,
                                                erdi_clamp, lost_growth, skill, combine)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(GvcArgs, measure, by, factor, value_added, groups, origin_sector,
                                                final_sectors, origin_groups, ddc_inverse)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PovertyArgs, lines, year, by, ppp, method, estimates, coverage,
                                                no_survey, countries, share, convert_line, impute, names, calibrate)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(InequalityArgs, year, by, units, decompose, source_gini,
                                                calibrate)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(GapArgs, from, to, share, weights, trend, fixed, balanced)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ScenarioArgs, stressors, groups, prices, final_demand, by_sector)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PricesArgs, raise, per, by, groups, in, to_level_of, final_demand,
                                                scale, no_cut, by_sector)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(UncertaintyArgs, groups, north, south, factor, stressors, valuations,
                                                sigma, sigma_z, sigma_y, sigma_f, draws, seed, threads, drain,
                                                cell_sd, rebalance, solver)

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
    const bool number = value.is_number() && (known[key].is_number() || known[key].is_null());  // null: optional
    if (value.type() != want && !number && !(known[key].is_array() && value.is_array()))
      fail(ErrorKind::usage, fmt::format("{}: argument '{}' should be {} like {}, got {}", verb, key,
                                         known[key].type_name(), known[key].dump(), value.dump()));
    // An integer field takes only an integer: json's conversion of 2.5 truncates, of 1e30 is undefined behaviour,
    // and of -1 to an unsigned count wraps.
    if (known[key].is_number_integer() &&
        (!value.is_number_integer() || (known[key].is_number_unsigned() && !value.is_number_unsigned())))
      fail(ErrorKind::usage, fmt::format("{}: argument '{}' should be a{} integer like {}, got {}", verb, key,
                                         known[key].is_number_unsigned() ? " non-negative" : "n", known[key].dump(),
                                         value.dump()));
  }
  for (auto it = j.begin(); it != j.end();)
    it = it->is_null() ? j.erase(it) : std::next(it);
  Args args;
  try {
    args = j.get<Args>();
  } catch (const nlohmann::json::exception& e) {
    fail(ErrorKind::usage, fmt::format("{} arguments: {}", verb, e.what()));
  }
  const nlohmann::json back = args;  // an integer too large for its field comes back changed
  for (const auto& [key, value] : j.items())
    if (value.is_number_integer() && back[key] != value)
      fail(ErrorKind::usage, fmt::format("{}: argument '{}' = {} is out of range", verb, key, value.dump()));
  return args;
}
}  // namespace

std::string to_json(const FootprintArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const FlowsArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const GvcArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const DrainArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const PovertyArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const InequalityArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const GapArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const ScenarioArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const PricesArgs& a) { return nlohmann::json(a).dump(); }
std::string to_json(const UncertaintyArgs& a) { return nlohmann::json(a).dump(); }

FootprintArgs footprint_args(const std::string& json) { return parse<FootprintArgs>(json, "footprint"); }
FlowsArgs flows_args(const std::string& json) { return parse<FlowsArgs>(json, "flows"); }
GvcArgs gvc_args(const std::string& json) { return parse<GvcArgs>(json, "gvc"); }
DrainArgs drain_args(const std::string& json) { return parse<DrainArgs>(json, "drain"); }
PovertyArgs poverty_args(const std::string& json) { return parse<PovertyArgs>(json, "poverty"); }
InequalityArgs inequality_args(const std::string& json) { return parse<InequalityArgs>(json, "inequality"); }
GapArgs gap_args(const std::string& json) { return parse<GapArgs>(json, "gap"); }
ScenarioArgs scenario_args(const std::string& json) { return parse<ScenarioArgs>(json, "scenario"); }
PricesArgs prices_args(const std::string& json) { return parse<PricesArgs>(json, "prices"); }
UncertaintyArgs uncertainty_args(const std::string& json) { return parse<UncertaintyArgs>(json, "uncertainty"); }

}  // namespace worldsys::api
