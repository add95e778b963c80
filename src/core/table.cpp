#include "worldsys/core/table.hpp"

#include <stdexcept>

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

namespace {
std::vector<Table::Cell> row(const Table& t, size_t i) {
  std::vector<Table::Cell> cells;
  for (const auto& c : t.columns()) {
    if (c.numeric)
      cells.emplace_back(c.num[i]);
    else
      cells.emplace_back(c.text[i]);
  }
  return cells;
}
}  // namespace

void append(Table& a, const Table& b) {
  if (b.columns().size() != a.columns().size()) throw std::logic_error("append: tables differ in columns");
  for (size_t i = 0; i < b.rows(); ++i) a.add_row(row(b, i));
}

Table with_column(const Table& t, size_t pos, const std::string& name, const Table::Cell& value) {
  std::vector<std::string> names;
  std::vector<bool> numeric;
  for (const auto& c : t.columns()) names.push_back(c.name), numeric.push_back(c.numeric);
  names.insert(names.begin() + pos, name);
  numeric.insert(numeric.begin() + pos, std::holds_alternative<double>(value));
  Table out(names, numeric);
  for (size_t i = 0; i < t.rows(); ++i) {
    std::vector<Table::Cell> cells = row(t, i);
    cells.insert(cells.begin() + pos, value);
    out.add_row(cells);
  }
  return out;
}

}  // namespace worldsys
