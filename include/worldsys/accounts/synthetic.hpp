#pragma once
// Synthetic multi-regional tables with the structure of a real MRIO, for benchmarks and tests at any size
// (EXIOBASE pxp shape: 49 regions x 200 products, 7 final-demand categories, ~1,100 stressors).
#include <cstdint>

#include "worldsys/core/mrio.hpp"

namespace worldsys {

struct SyntheticShape {
  size_t regions = 49, sectors = 200, categories = 7, stressors = 1100;
  uint64_t seed = 1;
};

// Dense domestic blocks, sparse import blocks (each region buys from about a third of the others, a tenth of
// their products), column sums of A between 0.3 and 0.75, about 1% of sectors with zero output, lognormal
// sizes, final demand biased towards domestic products, sparse stressor rows, direct final-demand emissions
// for a few stressors. x = L y, so the table is balanced: the accounting identities hold exactly.
Mrio synthetic_mrio(const SyntheticShape& shape);

}  // namespace worldsys
