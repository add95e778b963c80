#pragma once
// A tidy (long-format) result table: named columns of text or numbers, one row per observation. The CLI,
// the report and Python all consume results in this form.
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace worldsys {

struct Column {
  std::string name;
  bool numeric = false;
  std::vector<std::string> text;
  std::vector<double> num;
  size_t size() const { return numeric ? num.size() : text.size(); }
};

class Table {
 public:
  // Declares the columns, in order; `numeric[i]` says whether column i holds numbers.
  Table(std::vector<std::string> names, std::vector<bool> numeric);
  // From whole columns (of equal length): how large tables are built, column by column.
  explicit Table(std::vector<Column> columns);
  using Cell = std::variant<std::string, double>;
  void add_row(const std::vector<Cell>& cells);

  size_t rows() const { return rows_; }
  const std::vector<Column>& columns() const { return columns_; }
  const Column& column(const std::string& name) const;
  Column& column(const std::string& name);  // to relabel cells in place; the column keeps its kind and length
  std::vector<Column> release() && { rows_ = 0; return std::move(columns_); }

 private:
  std::vector<Column> columns_;
  size_t rows_ = 0;
};

// A table made row by row straight into its columns (millions of rows: no cell variants). With a sink, the rows
// are handed to it every `chunk` rows and at finish() (always at least once, so a consumer sees the columns), and
// finish() returns no rows: a large result is never held whole.
class TableBuilder {
 public:
  using Sink = std::function<void(const Table&)>;
  TableBuilder(std::vector<std::string> names, std::vector<bool> numeric, Sink sink = {}, size_t chunk = 1 << 16);
  void text(size_t c, const std::string& v) { columns_[c].text.push_back(v); }
  void num(size_t c, double v) { columns_[c].num.push_back(v); }
  void end_row() {
    if (++rows_ == chunk_ && sink_) flush();
  }
  Table finish();

 private:
  void flush();
  std::vector<Column> fresh() const;
  std::vector<std::string> names_;
  std::vector<bool> numeric_;
  Sink sink_;
  size_t chunk_, rows_ = 0;
  bool sent_ = false;
  std::vector<Column> columns_;
};

// Appends the rows of `b` to `a` (same columns): panels.
void append(Table& a, const Table& b);
// `t` with a column `name` holding `value` in every row inserted before column `pos`.
Table with_column(const Table& t, size_t pos, const std::string& name, const Table::Cell& value);

}  // namespace worldsys
