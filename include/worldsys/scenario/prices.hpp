#pragma once
// The Leontief (cost-push) price model. Prices per unit of output satisfy p' = p'A + v', v = value added per unit
// of output; at the table's own prices p = 1 and v' = 1'(I - A). A shock dv to value added per unit (e.g. higher
// wages: dv_j = dW_j / x_j) moves prices by
//   dp' = dv' (I - A)^-1,  solved as (I - A)^T dp = dv  (one transposed solve, no inverse)
// and the consumer price level of region r (final-demand weighted, basic prices) by
//   dP_r = sum_i dp_i y_ir / sum_i y_ir        (total: through every supply chain)
//   dP_r(direct) = sum_i dv_i y_ir / sum_i y_ir   (only the producers whose own costs rose)
// Quantities are held fixed (no substitution, no demand response): a first-order cost-push effect.
#include <string>
#include <vector>

#include "worldsys/core/concordance.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/core/table.hpp"
#include "worldsys/linalg/lu.hpp"
#include "worldsys/scenario/scenario.hpp"

namespace worldsys::scenario {

struct PriceShock {
  std::string name;        // what it is, for the output (e.g. the scenario's name)
  std::vector<double> dv;  // change in value added per unit of output, one per sector of the table (n)
};

// The shock from a scenario's wage changes: dv_j = (W'_j - W_j) / x_j with W the wage stressor before and after
// the scenario's changes (0 where x_j = 0). A usage error when the scenario has no wage change.
PriceShock price_shock(const Mrio& base, const Scenario& s);

struct PriceOptions {
  std::vector<std::string> categories;  // final-demand categories that weight the consumer price (empty: all)
  const Concordance* groups = nullptr;  // also one row per group of regions
  bool by_sector = false;               // also one row per region and sector (the producer price change dp_i)
  Precision precision = Precision::float64;
};

struct PriceEffects {
  std::vector<double> dp;                      // producer price change per sector (n), relative to p = 1
  std::vector<double> direct, total;           // consumer price change per region (relative)
  std::vector<double> group_direct, group_total;  // per group when PriceOptions::groups is given
};
PriceEffects compute_price_effects(const Mrio& m, const PriceShock& shock, const PriceOptions& o = {});

// level,region,sector,direct_pct,total_pct: level "region" (consumer prices), "group" (consumer prices of a group,
// its final demand pooled) and with by_sector "sector" (producer price of that region's sector; direct = dv).
Table price_effects(const Mrio& m, const PriceShock& shock, const PriceOptions& o = {});

}  // namespace worldsys::scenario
