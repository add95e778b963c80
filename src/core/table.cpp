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

const Column& Table::column(const std::string& name) const {
  for (const auto& c : columns_)
    if (c.name == name) return c;
  throw std::logic_error("Table: no column " + name);
}

}  // namespace worldsys
