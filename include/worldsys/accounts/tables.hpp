#pragma once
// Accounts as tidy tables: the shape the CLI prints, the report reads and Python returns.
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/core/concordance.hpp"
#include "worldsys/core/table.hpp"

namespace worldsys {

// Stressor k's accounts summed into groups of regions. cba and pba are sums over members; imp and exp count only
// flows that cross the group's border, so they come from the grouped flow matrix (origin x consumer group).
struct GroupedAccounts {
  Matrix flows;
  std::vector<double> cba, pba, imp, exp;
};
GroupedAccounts group_accounts(const Accounts& a, size_t k, const Concordance& groups);

// Which production-based account: `observed`, the stressor as published (F of the region's sectors + F_Y); `model`,
// S diag(L y) + F_Y as pymrio's D_pba, the stressor the model's output would carry. With model, cba = pba + imp - exp
// holds exactly; with observed, up to the table's own imbalance.
enum class Pba { observed, model };
Pba parse_pba(const std::string& s);

// region,stressor,unit,cba,pba,imp,exp,imbalance (by region, or grouped by `groups` when given), imbalance =
// cba - (pba + imp - exp), so that the identity reads true on every row; by sector adds sector,sector_name after
// region, and a sector "final_demand" row for direct final-demand stressors (F_Y).
Table footprint_table(const Mrio& m, const Accounts& a, bool by_sector, const Concordance* groups = nullptr,
                      Pba pba = Pba::observed);
// origin,destination,stressor,unit,value: stressor embodied in destination's final demand, produced in origin.
Table flows_table(const Mrio& m, const Accounts& a, const Concordance* groups = nullptr);
// region,sector,stressor,unit,multiplier: stressor per unit of final demand for each product (rows of M).
Table multipliers_table(const Mrio& m, const Accounts& a);

}  // namespace worldsys
