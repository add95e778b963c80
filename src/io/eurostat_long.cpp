#include "worldsys/io/eurostat_long.hpp"

#include <fmt/format.h>

#include <unordered_map>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::io {

namespace {
size_t index_in(const std::vector<std::string>& v, const std::string& code, const char* what) {
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i] == code) return i;
  fail(ErrorKind::usage, fmt::format("no {} '{}' in the table", what, code));
}
}  // namespace

size_t LabelledMatrix::row_index(const std::string& code) const { return index_in(rows, code, "row"); }
size_t LabelledMatrix::col_index(const std::string& code) const { return index_in(cols, code, "column"); }

LabelledMatrix read_eurostat_long(const std::filesystem::path& path, const std::string& indicator) {
  CsvReader csv(read_text(path), path.string());
  if (!csv.next()) fail(ErrorKind::input, fmt::format("{}: empty file", path.string()));
  auto column = [&](std::initializer_list<const char*> names, bool required) -> size_t {
    for (size_t i = 0; i < csv.size(); ++i)
      for (const char* n : names)
        if (csv.field(i) == n) return i;
    if (required)
      fail_at(csv.position(0), fmt::format("expected a header column named '{}'", *names.begin()));
    return SIZE_MAX;
  };
  const size_t c_row = column({"uk_row", "row"}, true), c_col = column({"uk_col", "col"}, true),
               c_val = column({"values", "value"}, true), c_ind = column({"indicator"}, true),
               c_lab = column({"uk_row_lab", "row_lab"}, false);
  const size_t width = csv.size();

  struct Cell {
    size_t r, c;
    double v;
  };
  LabelledMatrix out;
  std::unordered_map<std::string, size_t> ri, ci;
  std::vector<Cell> cells;
  while (csv.next()) {
    csv.expect_fields(width, "as many as the header");
    if (csv.field(c_ind) != indicator) continue;
    const std::string r(csv.field(c_row)), c(csv.field(c_col));
    auto [rit, rnew] = ri.try_emplace(r, out.rows.size());
    if (rnew) {
      out.rows.push_back(r);
      out.row_names.push_back(c_lab == SIZE_MAX ? r : std::string(csv.field(c_lab)));
    }
    auto [cit, cnew] = ci.try_emplace(c, out.cols.size());
    if (cnew) out.cols.push_back(c);
    cells.push_back({rit->second, cit->second, csv.number(c_val)});
  }
  if (cells.empty())
    fail(ErrorKind::input, fmt::format("{}: no cells with indicator '{}'", path.string(), indicator));
  out.values = Matrix(out.rows.size(), out.cols.size());
  for (const auto& cell : cells) out.values(cell.r, cell.c) = cell.v;
  return out;
}

}  // namespace worldsys::io
