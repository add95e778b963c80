#pragma once
// Scenarios: a small YAML language of changes to a table (final demand, technology, a stressor's intensity,
// wages), applied to a copy of the table, and the difference of every account from the baseline.
// Language reference and the model behind each change: docs/scenarios.md.
//
// Quantity changes keep the Leontief model: with e = x - Z1 - Y1 the table's own row imbalance (0 for a balanced
// table), every change keeps (I - A') x' = y' + e, i.e.
//   final_demand:  x' = x + L dy                         (A kept, Z' = A diag(x'))
//   technology:    x' = x + L' (A' - A) x                (Y kept; the new Leontief solution; Z' = A' diag(x'))
// and every stressor keeps its intensity S = F diag(x)^-1 (F' = S diag(x')); F_Y is kept.
//   intensity:     F'[k, j] = f F[k, j] for the chosen cells (x, Z, Y kept)
//   wage:          the wage stressor scaled, or set to w_ref H[j] (a reference group's wage per hour of the same
//                  sector, or of the whole economy, times the cell's hours); x, Z, Y kept (prices: prices.hpp)
// A change that changes nothing (scale 1, add 0) is skipped, so a zero scenario is the baseline bit for bit.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "worldsys/core/concordance.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/core/table.hpp"
#include "worldsys/linalg/lu.hpp"

namespace worldsys::scenario {

// A set of regions, sectors or final-demand categories. Each item is "*" (all), a label of the table, or the name
// of a group of the scenario's `groups` (regions) / `sector_groups` (sectors) concordance. Empty = all.
// Items keep their position in the YAML, so an unknown name is reported at its line and column.
struct Selector {
  std::vector<std::string> items;
  std::vector<Position> where;
  bool all() const { return items.empty(); }
};

enum class ChangeKind { final_demand, technology, intensity, wage };
const char* to_string(ChangeKind k);

struct Change {
  ChangeKind kind = ChangeKind::final_demand;
  Position where;  // of the change in the YAML
  // final_demand: regions = regions of demand (Y columns), origin_* = rows of Y, categories = Y categories.
  // technology: origin_* = input rows i, regions/sectors = using columns j of a_ij.
  // intensity, wage: regions/sectors = the cells (columns of F).
  Selector regions, sectors, origin_regions, origin_sectors, categories;
  std::vector<std::string> stressors;  // intensity: one or more; wage: the wage stressor (one)
  double scale = 1.0;                  // multiply the chosen cells
  double add = 0.0;                    // final_demand only: added to each chosen cell of Y (table's money unit)
  // wage, instead of scale: set the wage per `per` unit of the chosen cells to the level of these regions.
  Selector to_level_of;
  std::string per = "labour_hours";  // the quantity of work (a stressor)
  bool by_sector = true;             // the reference level per sector ("equal work"), or economy-wide
  bool no_cut = false;               // to_level_of: never lower a wage that is above the reference level
  // True when applying this change cannot alter the table (scale 1, add 0, no to_level_of).
  bool is_noop() const;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string groups;         // region concordance for group names (file or built-in; empty: North/South default)
  std::string sector_groups;  // sector concordance for group names (file or built-in; empty: none)
  std::vector<Change> changes;
  std::string origin;  // the file it came from (or what the caller named it)
};

// Reads and parses a scenario file. Errors (input): "file:line:col: what was expected, what was found".
Scenario load_scenario(const std::filesystem::path& yaml);
Scenario parse_scenario(std::string_view yaml, std::string_view origin);

// The scenario's table: a new table, `base` untouched. Names that the table lacks are input errors at their
// position in the YAML; a technology change that makes the system non-productive is a numeric error.
Mrio apply_scenario(const Mrio& base, const Scenario& s);

// Resolves a selector against labels: one flag per label. `groups` may be null (then group names are errors).
std::vector<bool> resolve(const Selector& sel, const std::vector<std::string>& labels, const Concordance* groups,
                          const std::string& kind);

struct DiffOptions {
  std::vector<std::string> stressors;  // empty: all
  const Concordance* groups = nullptr;  // rows per group of regions instead of per region
  Precision precision = Precision::float64;
};

// region,stressor,unit,account,baseline,scenario,diff,pct_change with account in cba, pba, imp, exp;
// pct_change = 100 diff / baseline (empty where the baseline is 0 and the diff is not).
Table scenario_diff(const Mrio& base, const Scenario& s, const DiffOptions& o = {});
// The same from two tables already at hand (the scenario table from apply_scenario).
Table accounts_diff(const Mrio& base, const Mrio& scenario, const DiffOptions& o = {});

}  // namespace worldsys::scenario
