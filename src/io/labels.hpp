#pragma once
// Helpers shared by the format readers and fixture writers (room-private).
#include <fmt/format.h>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "worldsys/core/error.hpp"
#include "worldsys/core/matrix.hpp"

namespace worldsys::io::detail {

// A region-major grid of (outer, inner) labels, e.g. (region, sector) or (region, category).
struct Grid {
  std::vector<std::string> outer, inner;
};

// Reads the grid from parallel label lists and checks that every position holds (outer[j / I], inner[j % I]).
// `at(j, level)` gives the position of label j (level 0 outer, 1 inner) for messages; `what` names the labels.
Grid grid_of(const std::vector<std::string>& outer, const std::vector<std::string>& inner,
             const std::function<Position(size_t, int)>& at, const std::string& what);
// Checks that the parallel label lists (outer[j], inner[j]) are exactly the grid g, in region-major order.
void expect_grid(const std::vector<std::string>& outer, const std::vector<std::string>& inner, const Grid& g,
                 const std::function<Position(size_t, int)>& at, const std::string& what);
// Splits "AUS_A01_02" at the first underscore: {"AUS", "A01_02"}; second empty if there is none.
std::pair<std::string, std::string> split_first(const std::string& s, char c = '_');

// Formats a number the way a writer of the published files would: `precision` 0 = shortest exact
// representation (fixtures round-trip bit for bit), else printf %.{precision}g (pymrio uses 12).
void append_number(std::string& out, double v, int precision = 0);
// Quotes a label for a separated file when it holds the separator, a quote or a line break (pandas' rule).
std::string quote_label(const std::string& s, char sep);

}  // namespace worldsys::io::detail
