#pragma once
// Factor concordances: the built-in one of a release family (data/factors/FORMAT.csv, compiled in) and a user's
// file. CSV with the header `factor,rows,row_unit,weight,unit`; `#` starts a comment line. core/factors.hpp.
#include <string>
#include <vector>

#include "worldsys/core/factors.hpp"

namespace worldsys::io {

// The built-in rules for an import format (none for formats whose readers name factors already), then the rules
// of `user_file` when not empty (each required to match; they add factors or replace those of the same name).
std::vector<FactorRule> factor_rules(const std::string& format, const std::string& user_file = "");
// Parses one concordance; `builtin` rules are not required to match.
std::vector<FactorRule> parse_factor_rules(const std::string& text, const std::string& source, bool builtin);

}  // namespace worldsys::io
