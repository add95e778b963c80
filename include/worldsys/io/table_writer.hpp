#pragma once
// Tidy tables out: CSV (shortest round-trip numbers), JSON (array of records) or an aligned text table for
// people (numbers rounded to 6 significant digits). Files are written atomically.
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

#include "worldsys/core/table.hpp"

namespace worldsys::io {

enum class TableFormat { csv, json, table };

TableFormat parse_table_format(const std::string& name);
void write_table(std::ostream& out, const Table& t, TableFormat f);
// Writes to a temporary file beside `path`, then renames it into place.
void write_table_file(const std::filesystem::path& path, const Table& t, TableFormat f);

// A table written chunk by chunk, as a producer makes its rows (chunks share the first one's columns): CSV and JSON
// go out as they come, the same bytes write_table writes for the whole; the aligned text table needs every row's
// width first and is kept until finish().
class TableStream {
 public:
  TableStream(std::ostream& out, TableFormat f) : out_(out), format_(f) {}
  void write(const Table& chunk);
  void finish();

 private:
  std::ostream& out_;
  TableFormat format_;
  size_t rows_ = 0;
  bool started_ = false;
  Table kept_{{}, {}};
};
using TableSink = std::function<void(const Table&)>;
// write_table_file for a producer that hands its rows to a sink: atomic, and never the whole table in memory.
void write_table_file(const std::filesystem::path& path, TableFormat f,
                      const std::function<void(const TableSink&)>& produce);

}  // namespace worldsys::io
