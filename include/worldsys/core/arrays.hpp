#pragma once
// Large numeric results as labelled matrices of one shape (a stressor x sector footprint, the multipliers M):
// what `--format npy` writes, one .npy per array beside the labels of its rows and columns (io/arrays.hpp).
#include <string>
#include <utility>
#include <vector>

#include "worldsys/core/matrix.hpp"
#include "worldsys/core/table.hpp"

namespace worldsys {

struct LabelledArrays {
  Table rows;     // one row per matrix row: its labels (e.g. stressor, unit)
  Table columns;  // one row per matrix column (e.g. region, sector)
  std::vector<std::pair<std::string, Matrix>> arrays;  // name, rows x columns
};

}  // namespace worldsys
