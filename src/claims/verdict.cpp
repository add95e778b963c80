// Comparisons, verdicts and the tidy table of claim checks.
#include <fmt/format.h>

#include <cmath>
#include <regex>

#include "worldsys/claims/claims.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::claims {

Comparison parse_comparison(const std::string& text) {
  Comparison c;
  c.text = text;
  if (text == "increases") return c.op = Comparison::Op::increases, c;
  if (text == "decreases") return c.op = Comparison::Op::decreases, c;
  std::smatch m;
  static const std::regex re(R"(\s*(>=|<=|>|<)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*)");
  if (!std::regex_match(text, m, re))
    fail(ErrorKind::input, fmt::format("malformed comparison '{}'; expected '> X', '>= X', '< X', '<= X', increases "
                                       "or decreases", text));
  const std::string op = m[1];
  c.op = op == ">" ? Comparison::Op::gt : op == ">=" ? Comparison::Op::ge : op == "<" ? Comparison::Op::lt : Comparison::Op::le;
  c.threshold = std::stod(m[2]);
  return c;
}

bool Comparison::satisfied(double v) const {
  if (!std::isfinite(v)) return false;
  switch (op) {
    case Op::gt: return v > threshold;
    case Op::ge: return v >= threshold;
    case Op::lt: return v < threshold;
    case Op::le: return v <= threshold;
    case Op::increases: return v > 0;
    case Op::decreases: return v < 0;
  }
  return false;
}

std::string to_string(Verdict v) {
  switch (v) {
    case Verdict::holds: return "holds";
    case Verdict::does_not_hold: return "does not hold";
    case Verdict::depends: return "depends on method";
    case Verdict::undetermined: return "undetermined";
  }
  return "";
}

Verdict verdict(const std::vector<Measurement>& ms) {
  size_t yes = 0, counted = 0;
  for (const auto& m : ms)
    if (m.counted) ++counted, yes += m.satisfied;
  if (counted == 0) return Verdict::undetermined;
  if (yes == counted) return Verdict::holds;
  if (yes == 0) return Verdict::does_not_hold;
  return Verdict::depends;
}

namespace {
// A measurement's value as people read it: shares in percent, changes of a share in points, never nan.
std::string value_text(const Measurement& m) {
  if (!std::isfinite(m.value)) return "no figure";
  if (m.unit == "share of population") return fmt::format("{:.1f}%", 100 * m.value);
  if (m.unit == "change in share of population") return fmt::format("{:+.1f} points", 100 * m.value);
  return fmt::format("{:.4g}{}", m.value, m.unit.empty() ? "" : " " + m.unit);
}

std::string label(const Measurement& m) {
  return fmt::format("{}{}{}: {}", m.source, m.ppp.empty() ? "" : " (" + m.ppp + " PPP)",
                     m.method.empty() ? "" : ", " + m.method, value_text(m));
}
}  // namespace

std::string summary(const Claim& c, const std::vector<Measurement>& ms, Verdict v) {
  std::vector<std::string> yes, no, left_out;
  for (const auto& m : ms) (!m.counted ? left_out : m.satisfied ? yes : no).push_back(label(m));
  const size_t n = yes.size() + no.size();
  const std::string plural = n == 1 ? "" : "s";
  const std::string not_counted =
      left_out.empty() ? "" : fmt::format(". Not counted (no figure the source stands behind, see detail): {}",
                                          fmt::join(left_out, "; "));
  switch (v) {
    case Verdict::holds:
      return fmt::format("Holds on all {} counted measurement{} ({}): {}{}", n, plural, c.compare.text,
                         fmt::join(yes, "; "), not_counted);
    case Verdict::does_not_hold:
      return fmt::format("Does not hold on any of {} counted measurement{} ({}): {}{}", n, plural, c.compare.text,
                         fmt::join(no, "; "), not_counted);
    case Verdict::depends:
      return fmt::format("Depends on method ({}): holds for {}; does not hold for {}{}", c.compare.text,
                         fmt::join(yes, "; "), fmt::join(no, "; "), not_counted);
    case Verdict::undetermined:
      return fmt::format("Undetermined: no measurement can be counted{}", not_counted);
  }
  return "";
}

Table claims_table(const std::vector<ClaimResult>& results) {
  Table t({"id", "claim", "metric", "compare", "verdict", "source", "ppp", "method", "value", "unit", "satisfied",
           "counted", "flip_line", "detail", "command"},
          {false, false, false, false, false, false, false, false, true, false, false, false, true, false, false});
  for (const auto& r : results)
    for (const auto& m : r.measurements)
      t.add_row({r.claim.id, r.claim.text, r.claim.metric, r.claim.compare.text, to_string(r.verdict), m.source, m.ppp,
                 m.method, m.value, m.unit, std::string(m.satisfied ? "true" : "false"),
                 std::string(m.counted ? "true" : "false"), m.flip_line, m.detail, m.command});
  return t;
}

}  // namespace worldsys::claims
