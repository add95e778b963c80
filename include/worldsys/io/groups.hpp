#pragma once
// Concordance files, and the built-in ones compiled into worldsys (data/groups, data/concordances).
//
// CSV: a header line, then `member,group` rows; `#` starts a comment line; the member `*` stands for every
// member not listed. YAML: a mapping from group name to a list of members (`"*"` allowed likewise).
// A member listed twice (overlapping groups), a label the table does not have, or a member left without a
// group is an input error naming the file and line.
#include <optional>
#include <string>
#include <vector>

#include "worldsys/core/concordance.hpp"

namespace worldsys::io {

// `file_or_name` is a path to a .csv/.yaml/.yml file, or the name of a built-in concordance.
// `members` are the table's labels; `kind` ("region" or "sector") is used in messages.
Concordance load_concordance(const std::string& file_or_name, const std::vector<std::string>& members,
                             const std::string& kind);
// The text of a data file compiled into worldsys (data/groups, data/concordances, data/classification), by its
// name without extension; with `folder`, only files of that folder. nullopt when there is none.
std::optional<std::string> builtin_file(const std::string& name, const std::string& folder = "");

// Names of the built-in concordances, with the first comment line of each as its description.
std::vector<std::pair<std::string, std::string>> builtin_concordances();
// The North/South split used when none is given: world10-north-south for a table whose regions are the ten of
// wiod-world10 (the embedded sample world); otherwise imf-advanced, the IMF's advanced economies in the table's
// year, on any release's codes (Hickel et al. 2022, 2024); wiod-north-south for a table without a year.
std::string default_north_south(const std::vector<std::string>& regions, std::optional<int> year);

}  // namespace worldsys::io
