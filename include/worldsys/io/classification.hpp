#pragma once
// Year-aware region groups: classifications whose membership changes over time (World Bank income groups by
// fiscal year, IMF advanced economies, OECD membership). CSV with a header `member,group,from,to`; `from`/`to` are
// inclusive years, empty = open; `#` starts a comment line; the member `*` stands for every region not matched in
// that year. Built-ins live in data/classification/ (compiled in): wb-high-income, imf-advanced, oecd.
//
// Built-in classifications list the whole world, so members that are not regions of the table are skipped; in a
// user's file such a member is an input error, as in a concordance. A region matched twice in one year
// (overlapping spells) or not at all is an input error naming the file and line. Members are ISO3 codes; a table
// region matches by its own code or by the country it names (io/region_codes.hpp: EXIOBASE's AT, WIOD's ROM,
// OECD's CN1), and a built-in applied to a region that is neither a country nor a rest-of-world region is a
// usage error (the sample world's OTHER_ADV cannot be classified).
#include <optional>
#include <string>
#include <vector>

#include "worldsys/core/concordance.hpp"

namespace worldsys::io {

// True for a built-in classification name or a file whose header is member,group,from,to.
bool is_classification(const std::string& file_or_name);
Concordance load_classification(const std::string& file_or_name, const std::vector<std::string>& regions, int year);
// A classification for `year` when `file_or_name` is one, else a plain concordance (the same every year).
Concordance load_groups(const std::string& file_or_name, const std::vector<std::string>& regions,
                        std::optional<int> year);

}  // namespace worldsys::io
