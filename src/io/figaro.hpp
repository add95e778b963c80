#pragma once
// FIGARO tables read by label (room-private): the flat (long) files, one cell per line, and the matrix files whose
// rows and columns hold different codes (supply, use); io/figaro.cpp turns them into an Mrio.
// Layout notes: ../shared/formats/figaro.md.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "worldsys/core/error.hpp"
#include "worldsys/core/matrix.hpp"
#include "worldsys/io/bundle.hpp"

namespace worldsys::io::detail {

// A FIGARO table system by its full name, from the short ones users also type (ixi, pxp); others unchanged.
std::string figaro_system(const std::string& name);

// The six value-added rows (area W2) and five final-demand columns per area, in file order.
const std::vector<std::string>& figaro_value_added();
const std::vector<std::string>& figaro_final_demand();

// One table by label: body rows area x row code, columns area x column code, value-added rows W2 x code,
// final-demand columns area x code. Orders are those of first appearance (rows for areas and row codes).
struct FigaroTable {
  std::string name;  // file, for messages
  std::vector<std::string> areas, row_codes, col_codes, va, fd;
  Matrix body;     // (areas x row codes) x (areas x col codes)
  Matrix fd_cols;  // (areas x row codes) x (areas x fd)
  Matrix va_body;  // va x (areas x col codes)
  Matrix va_fd;    // va x (areas x fd)
  // Where each code was first seen (row and column role), for errors found when tables are compared.
  std::map<std::string, Position> row_code_at, col_code_at;
};

// The header fields of a flat file when they are one of the published variants (7 columns icXXXRow, icXXXCol,
// refArea, rowIi|rowPi|rowPp, counterpartArea, colIi|colPi|colPp, obsValue; or the 5 without the joined labels).
bool is_figaro_flat_header(std::string_view first_line);
// Streams a flat file: every cell placed by label, at most once, all cells present; unknown or misplaced labels
// are input errors at file:line:column. `check` sees the labels (no values yet) before the cells are placed.
FigaroTable read_figaro_flat(const Bundle& b, const std::string& rel,
                             const std::function<void(const FigaroTable&)>& check = {});

// Reads a matrix (wide) file, "rowLabels" header, by label into the same table: every row and column label once,
// in any order; unknown, duplicate or missing labels are input errors naming the label and where it stands. `check`
// as for read_figaro_flat.
FigaroTable read_figaro_matrix(const Bundle& b, const std::string& rel, unsigned threads,
                               const std::function<void(const FigaroTable&)>& check = {});

// Fails at the first-seen position of a code of `t` that `want` lacks (or names what `t` lacks), when the two
// code lists differ as sets; `role` says which (e.g. "industry code").
void expect_same_codes(const FigaroTable& t, bool rows, const std::vector<std::string>& want, const std::string& role);

}  // namespace worldsys::io::detail
