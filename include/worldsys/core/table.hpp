#pragma once
// A tidy (long-format) result table: named columns of text or numbers, one row per observation. The CLI,
// the report and Python all consume results in this form.
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

// Appends the rows of `b` to `a` (same columns): panels.
void append(Table& a, const Table& b);
// `t` with a column `name` holding `value` in every row inserted before column `pos`.
Table with_column(const Table& t, size_t pos, const std::string& name, const Table::Cell& value);

}  // namespace worldsys
