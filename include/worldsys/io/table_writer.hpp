#pragma once
// Tidy tables out: CSV (shortest round-trip numbers), JSON (array of records) or an aligned text table for
// people (numbers rounded to 6 significant digits). Files are written atomically.
#include <filesystem>
#include <ostream>
#include <string>

#include "worldsys/core/table.hpp"

namespace worldsys::io {

enum class TableFormat { csv, json, table };

TableFormat parse_table_format(const std::string& name);
void write_table(std::ostream& out, const Table& t, TableFormat f);
// Writes to a temporary file beside `path`, then renames it into place.
void write_table_file(const std::filesystem::path& path, const Table& t, TableFormat f);

}  // namespace worldsys::io
