#pragma once
// Concordances map the labels of a table (regions or sectors) onto groups: a partition, every member in
// exactly one group. They aggregate tables and results alike.
#include <string>
#include <vector>

#include "worldsys/core/matrix.hpp"
#include "worldsys/core/mrio.hpp"

namespace worldsys {

struct Concordance {
  std::string name;                 // the file or built-in name it came from
  std::vector<std::string> groups;  // in order of first appearance
  std::vector<size_t> group_of;     // for each member label of the table, in the table's order
};

// Sums a table into groups of regions and/or sectors (nullptr keeps that dimension). Z, Y, x, F and F_Y are
// summed, so every account of the aggregated table equals the grouped account of the original up to the
// aggregation of technology (A of the groups).
Mrio aggregate(const Mrio& m, const Concordance* regions, const Concordance* sectors);

// Result aggregation: columns of a (rows x members) matrix summed into (rows x groups).
Matrix aggregate_columns(const Matrix& M, const Concordance& c);
// Both dimensions of a (members x members) matrix, e.g. bilateral flows.
Matrix aggregate_square(const Matrix& T, const Concordance& c);

}  // namespace worldsys
