#pragma once
// Region codes across releases: EXIOBASE and FIGARO write ISO 3166-1 alpha-2 (with Eurostat's EL, UK), the others
// alpha-3 (WIOD's ROM, OECD's CN1/CN2/MX1/MX2, GLORIA's SDS and DYE), each with its own mixed rest-of-world
// regions. Built in from data/codes/ (iso3166.csv, aliases.csv, rest-of-world.csv), so one classification of
// countries (IMF, World Bank, OECD) splits every release's table.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace worldsys::io {

// The ISO alpha-3 code of the country a table's region code names; nullopt for a rest-of-world region or a code
// that names no country.
std::optional<std::string> country_iso3(std::string_view code);
// A mixed rest-of-world region of some release (EXIOBASE WA..WM, WIOD RoW, OECD/Eora ROW, FIGARO FIGW1, GLORIA's
// XAM, XEU, XAF, XAS).
bool is_rest_of_world(std::string_view code);
// What a table's codes look like, for messages: "ISO2 codes such as AT, BE, BG".
std::string describe_codes(const std::vector<std::string>& regions);

}  // namespace worldsys::io
