#pragma once
// The one parser behind every text reader: a table of numbers with optional column-label lines on top and
// label columns on the left, separated by TAB or comma. Streamed in chunks (a 1.5 GB EXIOBASE A.txt never
// sits in memory as text), rows of each chunk parsed on all cores with fast_float, values written straight
// into a column-major Matrix when the row count is known. Accepts a UTF-8 BOM, CRLF, quoted labels, an
// optional pandas index-name line, and a missing final newline.
#include <functional>
#include <string>
#include <vector>

#include "worldsys/core/error.hpp"
#include "worldsys/core/matrix.hpp"
#include "worldsys/io/bundle.hpp"

namespace worldsys::io {

struct TableSpec {
  char sep = '\t';
  size_t header_lines = 0;       // column-label lines (pandas: column levels)
  size_t index_cols = 0;         // label columns (pandas: index levels)
  bool index_name_line = true;   // after the headers, a line whose value fields are all empty is skipped
  size_t rows = 0;               // expected data rows when known (0 = any): fewer or more is an error
  bool square = false;           // expect as many rows as value columns (Z, A)
  size_t cols = 0;               // expected value columns for headerless tables (0 = from the first row)
  bool empty_is_zero = true;     // empty cells become 0 (counted), else an error
  unsigned threads = 0;          // 0 = all cores
  // Streaming: when set, parsed rows are handed over here instead of being kept (TextTable::values stays 0 x cols),
  // in blocks of consecutive rows: rows first_row .. first_row + count - 1, row-major, `cols` values each. Called
  // concurrently from several threads for disjoint row ranges, so a callback may write rows of its own to shared
  // storage without locks. For tables too big to hold whole when only some of their cells are wanted (GLORIA's T).
  std::function<void(size_t first_row, size_t count, const double* block, size_t cols)> on_rows;
};

struct TextTable {
  std::string name;                                  // file name for messages
  std::vector<std::vector<std::string>> header;      // [header line][field], all fields incl. the corner
  std::vector<std::string> header_text;              // the header lines as written (for column numbers)
  char sep = '\t';
  std::vector<std::vector<std::string>> columns;     // [header line][value column] labels
  std::vector<std::vector<std::string>> row_labels;  // [label column][row]
  Matrix values;                                     // rows x value columns
  size_t first_data_line = 1;                        // 1-based line of row 0 (rows follow without gaps)
  size_t empty_cells = 0;

  size_t rows() const { return values.rows(); }
  size_t cols() const { return values.cols(); }
  // Position of row i's label column k / value column j, for messages.
  Position row_position(size_t i, size_t k = 0) const;
  Position header_position(size_t line, size_t field) const;
};

TextTable read_table(ByteSource& src, const TableSpec& spec);
TextTable read_table(const Bundle& b, const std::string& rel, const TableSpec& spec);

// The published CSV matrices (OECD ICIO, FIGARO, WIOD 2016 long CSV): comma-separated, one header line,
// `index_cols` label columns, no pandas index-name line.
inline TableSpec csv_spec(size_t index_cols, unsigned threads) {
  TableSpec s;
  s.sep = ',';
  s.header_lines = 1;
  s.index_cols = index_cols;
  s.index_name_line = false;
  s.threads = threads;
  return s;
}

// Splits one line (no line terminator) at `sep`, honouring "quoted" fields with doubled quotes.
std::vector<std::string> split_line(std::string_view line, char sep);

}  // namespace worldsys::io
