#pragma once
// Accounts as tidy tables: the shape the CLI prints, the report reads and Python returns.
#include "worldsys/accounts/accounts.hpp"
#include "worldsys/core/arrays.hpp"
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

// Each table is returned whole, or with a sink handed over in chunks as it is made (none returned then).
//
// region,stressor,unit,cba,pba,imp,exp,imbalance (by region, or grouped by `groups` when given), imbalance =
// cba - (pba + imp - exp), so that the identity reads true on every row; by sector adds sector,sector_name after
// region, and a sector "final_demand" row for direct final-demand stressors (F_Y).
Table footprint_table(const Mrio& m, const Accounts& a, bool by_sector, const Concordance* groups = nullptr,
                      Pba pba = Pba::observed, const TableBuilder::Sink& sink = {});
// origin,destination,stressor,unit,value: stressor embodied in destination's final demand, produced in origin.
Table flows_table(const Mrio& m, const Accounts& a, const Concordance* groups = nullptr,
                  const TableBuilder::Sink& sink = {});
// region,sector,stressor,unit,multiplier: stressor per unit of final demand for each product (rows of M).
Table multipliers_table(const Mrio& m, const Accounts& a, const TableBuilder::Sink& sink = {});

// The same numbers as matrices for --format npy, rows = stressors (stressor, unit):
//   footprint: cba, pba, imp, exp, imbalance; columns region (or group), or with by_sector region, sector,
//              sector_name and a column "final_demand" per region after its sectors (F_Y; 0 where none);
//   multipliers: multipliers; columns region, sector;
//   flows: value; rows stressor, unit, origin; columns destination.
LabelledArrays footprint_arrays(const Mrio& m, const Accounts& a, bool by_sector, const Concordance* groups = nullptr,
                                Pba pba = Pba::observed);
LabelledArrays multipliers_arrays(const Mrio& m, const Accounts& a);
LabelledArrays flows_arrays(const Mrio& m, const Accounts& a, const Concordance* groups = nullptr);

}  // namespace worldsys
