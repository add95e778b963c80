#pragma once
// The terminal summary behind `worldsys report`: headline footprints and the net embodied flows between two
// groups of regions (by default North and South). Computation only; the CLI prints it.
#include <string>

#include "worldsys/accounts/accounts.hpp"
#include "worldsys/core/concordance.hpp"
#include "worldsys/core/table.hpp"

namespace worldsys {

struct Summary {
  std::string title;        // source and year
  std::string dimensions;   // "10 regions x 8 sectors, ..."
  std::string stressor, unit;
  Table regions{{}, {}};    // region,cba,pba,imp,exp,net_exp (= pba - cba), sorted by cba, largest first
  Table groups{{}, {}};     // group,cba,pba,imp,exp,net_exp
  Table group_flows{{}, {}};  // origin,destination,value between groups (off-diagonal)
  std::string net_statement;  // "Net flow South -> North: ..." in words
  double residual = 0, rcond = 0, max_imbalance = 0, world_pba = 0;
};

// `stressor` must be in `a`; `groups` partitions the table's regions (typically exactly two groups).
Summary summarize(const Mrio& m, const Accounts& a, const std::string& stressor, const Concordance& groups);

// One paragraph on labour in North-South trade: net hours embodied South -> North and the drain valued at
// Northern prices (as `worldsys drain`). Empty unless the table has labour_hours and value_added and `groups`
// has a North and a South group.
std::string labour_statement(const Mrio& m, const Concordance& groups);

}  // namespace worldsys
