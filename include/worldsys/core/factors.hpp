#pragma once
// Canonical factors: one name per quantity on every release (labour_hours, value_added, co2 ...), each the
// weighted sum of the release's own satellite rows, as a versioned concordance per release family says
// (data/factors/FORMAT.csv, compiled in) or a user's file (`import --factors FILE`). docs/methods/factors.md.
#include <string>
#include <vector>

#include "worldsys/core/error.hpp"
#include "worldsys/core/mrio.hpp"

namespace worldsys {

// One line of a factor concordance: the rows whose name matches `rows` (`*` stands for any text) and whose unit
// is `row_unit` count `weight` times into `factor`, measured in `unit`.
struct FactorRule {
  std::string factor, rows, row_unit, unit;
  double weight = 1;
  Position where;         // file:line, for messages
  bool required = false;  // a user's line: matching nothing is an error; a built-in's: the release lacks it
};

// Appends (or, for a user's rule, replaces) each factor as a stressor of `m`, in F and F_Y, with a note naming
// its rows. Errors (at the rule's file:line): a required rule that matches nothing; a row counted twice in one
// factor; one factor given in two units; a required factor whose rows are in a unit no line of it names. A
// built-in factor that cannot be made (its rows absent or in another unit) is left out and said in
// m.provenance.history. Returns the factors added.
std::vector<std::string> add_factors(Mrio& m, const std::vector<FactorRule>& rules);

// `*`-pattern match of a whole name.
bool matches_pattern(std::string_view pattern, std::string_view name);

}  // namespace worldsys
