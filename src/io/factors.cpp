#include "worldsys/io/factors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "worldsys/io/csv.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::io {

std::vector<FactorRule> parse_factor_rules(const std::string& text, const std::string& source, bool builtin) {
  std::vector<FactorRule> rules;
  CsvReader csv(text, source);
  bool header = true;
  while (csv.next()) {
    if (csv.field(0).starts_with("#")) continue;
    if (std::exchange(header, false)) {
      if (csv.size() != 5 || csv.field(0) != "factor" || csv.field(1) != "rows" || csv.field(2) != "row_unit" ||
          csv.field(3) != "weight" || csv.field(4) != "unit")
        fail_at(csv.position(0), "expected the header 'factor,rows,row_unit,weight,unit'");
      continue;
    }
    csv.expect_fields(5, "factor,rows,row_unit,weight,unit");
    FactorRule r{std::string(csv.field(0)), std::string(csv.field(1)), std::string(csv.field(2)),
                 std::string(csv.field(4)), csv.number(3), csv.position(0), !builtin};
    if (r.factor.empty()) fail_at(csv.position(0), "empty factor name");
    if (r.rows.empty()) fail_at(csv.position(1), "empty row name or pattern");
    if (r.unit.empty()) fail_at(csv.position(4), fmt::format("factor '{}' needs a unit", r.factor));
    if (!std::isfinite(r.weight) || r.weight == 0)
      fail_at(csv.position(3), "the weight must be a finite number other than 0");
    rules.push_back(std::move(r));
  }
  return rules;
}

std::vector<FactorRule> factor_rules(const std::string& format, const std::string& user_file) {
  std::vector<FactorRule> rules;
  if (const auto text = builtin_file(format, "factors"))
    rules = parse_factor_rules(*text, fmt::format("factors/{}.csv (built in)", format), true);
  if (!user_file.empty()) {
    auto user = parse_factor_rules(read_text(user_file), user_file, false);
    // A user's factor replaces the built-in one of the same name rather than adding rows to it.
    std::erase_if(rules, [&](const FactorRule& b) {
      return std::any_of(user.begin(), user.end(), [&](const FactorRule& u) { return u.factor == b.factor; });
    });
    rules.insert(rules.end(), std::make_move_iterator(user.begin()), std::make_move_iterator(user.end()));
  }
  return rules;
}

}  // namespace worldsys::io
