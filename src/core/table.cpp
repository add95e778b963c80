#include "worldsys/core/table.hpp"

#include <stdexcept>
#include <utility>

namespace worldsys {

Table::Table(std::vector<std::string> names, std::vector<bool> numeric) {
  if (names.size() != numeric.size()) throw std::logic_error("Table: names and kinds differ in length");
  for (size_t i = 0; i < names.size(); ++i) columns_.push_back({names[i], bool(numeric[i]), {}, {}});
}

void Table::add_row(const std::vector<Cell>& cells) {
  if (cells.size() != columns_.size()) throw std::logic_error("Table::add_row: wrong number of cells");
  for (size_t i = 0; i < cells.size(); ++i) {
    if (columns_[i].numeric)
      columns_[i].num.push_back(std::get<double>(cells[i]));
    else
      columns_[i].text.push_back(std::get<std::string>(cells[i]));
  }
  ++rows_;
}

Column& Table::column(const std::string& name) {
  return const_cast<Column&>(static_cast<const Table&>(*this).column(name));
}

const Column& Table::column(const std::string& name) const {
  for (const auto& c : columns_)
    if (c.name == name) return c;
  throw std::logic_error("Table: no column " + name);
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {
  rows_ = columns_.empty() ? 0 : columns_[0].size();
  for (const auto& c : columns_)
    if (c.size() != rows_) throw std::logic_error("Table: column " + c.name + " differs in length");
}

TableBuilder::TableBuilder(std::vector<std::string> names, std::vector<bool> numeric, Sink sink, size_t chunk)
    : names_(std::move(names)), numeric_(std::move(numeric)), sink_(std::move(sink)), chunk_(chunk) {
  if (names_.size() != numeric_.size()) throw std::logic_error("TableBuilder: names and kinds differ in length");
  columns_ = fresh();
}

std::vector<Column> TableBuilder::fresh() const {
  std::vector<Column> cols;
  for (size_t i = 0; i < names_.size(); ++i) {
    cols.push_back({names_[i], bool(numeric_[i]), {}, {}});
    if (sink_) cols.back().numeric ? cols.back().num.reserve(chunk_) : cols.back().text.reserve(chunk_);
  }
  return cols;
}

void TableBuilder::flush() {
  sink_(Table(std::exchange(columns_, fresh())));
  rows_ = 0;
  sent_ = true;
}

Table TableBuilder::finish() {
  if (sink_ && (rows_ || !sent_)) flush();
  return Table(std::exchange(columns_, fresh()));
}

void append(Table& a, const Table& b) {
  if (b.columns().size() != a.columns().size()) throw std::logic_error("append: tables differ in columns");
  std::vector<Column> cols = std::move(a).release();
  for (size_t c = 0; c < cols.size(); ++c) {
    const Column& from = b.columns()[c];
    if (from.numeric != cols[c].numeric) throw std::logic_error("append: column " + from.name + " differs in kind");
    if (from.numeric)
      cols[c].num.insert(cols[c].num.end(), from.num.begin(), from.num.end());
    else
      cols[c].text.insert(cols[c].text.end(), from.text.begin(), from.text.end());
  }
  a = Table(std::move(cols));
}

Table with_column(const Table& t, size_t pos, const std::string& name, const Table::Cell& value) {
  std::vector<Column> cols = t.columns();
  Column c{name, std::holds_alternative<double>(value), {}, {}};
  if (c.numeric)
    c.num.assign(t.rows(), std::get<double>(value));
  else
    c.text.assign(t.rows(), std::get<std::string>(value));
  cols.insert(cols.begin() + std::ptrdiff_t(pos), std::move(c));
  return Table(std::move(cols));
}

}  // namespace worldsys
