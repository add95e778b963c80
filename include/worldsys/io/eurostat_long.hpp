#pragma once
// Eurostat-style long tables of symmetric input-output data (one row per cell: row code, column code, value,
// indicator), as in ../shared/data/mrio/national/eurostat_iotables/uk_2010_data.csv.gz (ONS 2010 analytical
// tables: use, domestic use, coefficients, Leontief inverse).
#include <filesystem>
#include <string>
#include <vector>

#include "worldsys/core/matrix.hpp"

namespace worldsys::io {

struct LabelledMatrix {
  std::vector<std::string> rows, cols;  // codes, in order of first appearance
  std::vector<std::string> row_names;   // descriptive labels, same length as rows
  Matrix values;                        // cells absent from the file are 0
  size_t row_index(const std::string& code) const;  // an input error when absent
  size_t col_index(const std::string& code) const;
};

// The cells of one indicator (matched exactly against the `indicator` column). Column names are read from the
// header: row code `uk_row`/`row`, column code `uk_col`/`col`, `values`, `indicator`, and `uk_row_lab` if present.
LabelledMatrix read_eurostat_long(const std::filesystem::path& path, const std::string& indicator);

}  // namespace worldsys::io
