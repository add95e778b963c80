#pragma once
// Unequal exchange between North and South: embodied factor flows, net appropriation, unit prices, exchange
// ratios and the money value of the net flow under each published valuation. Formulas, sources and confidence
// in docs/methods/unequal_exchange.md (from ../shared/methods/01-03).
//
// Accounting: footprint-based by default. T_k[r,s] = factor k used in r along every supply chain ending in final
// demand of s (as Accounts::flows), so intermediate trade is counted once; Attribution::eebt is the alternative
// (embodied in gross bilateral trade). With N, S the two groups:
//   E(S->N) = sum_{r in S, s in N} T_k[r,s],  E(N->S) likewise,  net = E(S->N) - E(N->S)
//   V(.)    = the same with value added: the money each side earns on those chains
//   p_N = V(N->S)/E(N->S), p_S = V(S->N)/E(S->N), p_G = (V(N->S)+V(S->N)) / (E(N->S)+E(S->N))
//   exchange ratio = p_N / p_S (factor units the South gives per unit the North gives, per dollar)
// Valuations of the net flow:
//   northern-prices  net x p_N                      (Hickel et al. 2022)
//   global-prices    net x p_G
//   wage-gap         net x w_N, w_N = Northern labour compensation per unit of factor (Hickel et al. 2024,
//                    without the skill split: WIOD has none); wage_by_sector: sum_j net_j x w_N,j, the
//                    within-sector comparison the critics ask for (composition control)
//   erdi             sum_{i in S} X(i->N) (PL_N / PL_i - 1) (Koehler 1998; Hickel et al. 2021), X = gross
//                    exports from the table, PL = PWT price level, PL_N the North's GDP-weighted level
// Drain definition (a switch; sources phrase it both ways): net-quantity = net x price, underpayment =
// E(S->N) x price - V(S->N) (for wage-gap: minus the wages actually paid on S->N chains).
#include <string>
#include <vector>

#include "worldsys/accounts/accounts.hpp"
#include "worldsys/core/concordance.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/core/table.hpp"

namespace worldsys::exchange {

enum class Side { north, south, none };

// Each region's side. Built from a region concordance whose groups include `north` and `south`; regions of any
// other group are on neither side (they stay in the world economy but out of the N<->S sums).
struct Partition {
  std::string name;  // the concordance's name
  std::vector<Side> side;
};
Partition make_partition(const Concordance& groups, const std::string& north = "North",
                         const std::string& south = "South");
// Moves one region (e.g. "RoW") to a side; a usage error for an unknown region.
void assign(Partition& p, const std::vector<std::string>& regions, const std::string& region, Side side);

enum class Valuation { northern_prices, global_prices, wage_gap, erdi };
// footprint (default): T[r,s] = f_r (L y_s)_r, intermediate trade counted once. eebt: embodied in gross bilateral
// trade, T[r,s] = m_r e_rs with m = S L the multipliers and e the exports (Z and Y) from r to s; intermediates
// that are re-exported are counted in each crossing (the Moran et al. style of accounting; needs multipliers).
enum class Attribution { footprint, eebt };
enum class Definition { net_quantity, underpayment };
Valuation parse_valuation(const std::string& s);
std::string to_string(Valuation v);

// Price levels for ERDI, one per region of the table (the io room makes them from PWT).
struct PriceLevels {
  std::string variable;           // e.g. "pl_da"
  std::string source;             // e.g. "Penn World Table 9.1"
  std::vector<double> level;      // PPP / XR (US in the base year = 1)
  std::vector<double> weight;     // output at PPP, to aggregate the North's level
  std::vector<std::string> note;  // per region, how it was made (empty = direct)
};

struct DrainOptions {
  std::string factor = "labour_hours";
  std::string value = "value_added";         // money side of the prices
  std::string wage = "labour_compensation";  // for wage-gap
  Valuation valuation = Valuation::northern_prices;
  Definition definition = Definition::net_quantity;
  Attribution attribution = Attribution::footprint;
  bool wage_by_sector = false;          // wage-gap: value each sector's net flow at the North's wage in that sector
  bool erdi_world_reference = false;    // false: PL_N (Northern prices); true: PL of all regions (global)
  bool erdi_all_exports = false;        // false: exports to the North (Koehler); true: all exports of the region
  bool erdi_clamp = false;              // true: d < 1 counts as no transfer instead of a negative one
  const PriceLevels* prices = nullptr;  // needed for erdi
};

struct RegionFlows {
  std::string region;
  Side side;
  double out = 0, in = 0;            // factor to / from the other side's final demand
  double v_out = 0, v_in = 0;        // value added likewise
  double exports = 0, transfer = 0;  // erdi, Southern regions: gross exports to the North and X (d - 1)
};

struct Drain {
  std::string factor, factor_unit, money_unit;
  double E_SN = 0, E_NS = 0, V_SN = 0, V_NS = 0;
  double p_N = 0, p_S = 0, p_G = 0;
  double w_N = 0, w_S = 0;    // wage per factor unit, territorial (wage-gap)
  double X_SN = 0, PL_N = 0;  // gross exports S->N and reference price level (erdi)
  double value = 0;           // the valuation's money figure
  std::vector<RegionFlows> regions;
  std::vector<double> net_by_sector;  // net appropriation by origin sector (factor units)
  std::vector<double> SN_by_sector;   // E(S->N) by origin sector
  std::vector<double> w_N_by_sector;  // wage-gap with wage_by_sector: Northern wage per factor unit, by sector
  double net() const { return E_SN - E_NS; }
};

// `acc` must hold the factor and value stressors (and wage for wage-gap). Errors: a factor that is zero or
// not finite for every sector of a region with output (missing data is never read as zero), an empty side.
Drain compute_drain(const Mrio& m, const Accounts& acc, const Partition& p, const DrainOptions& opt);

// The table with final demand restricted to `categories` (other Y columns zeroed; x, Z, F unchanged), for the
// switch over which final demand counts (note 01: whether the papers kept GFCF and inventories is unconfirmed).
// A usage error names an unknown category.
Mrio with_final_demand(const Mrio& m, const std::vector<std::string>& categories);

// Tidy rows: year,groups,scope,factor,valuation,measure,value,unit; scope "North<->South" (group totals) or, with
// by_region, one row set per region.
Table drain_table(const Mrio& m, const Drain& d, const Partition& p, const DrainOptions& opt, bool by_region);
// Constant prices: multiplies every money-valued row (unit `money` or "`money` per ...") by `factor` and renames
// the unit `money` to `new_money`.
void rescale_money(Table& t, const std::string& money, double factor, const std::string& new_money);
// "Lost growth" (Hickel, Sullivan & Zoomkawala 2021, as paraphrased by the authors; confidence medium): each
// year's drain compounded to the last year at the South's real growth, sum_t D_t prod_{tau > t} (1 + g_tau).
// `growth[t]` is the growth from year t-1 to t (growth[0] is not used). D_t should be in constant prices.
double lost_growth(const std::vector<double>& drain, const std::vector<double>& growth);

}  // namespace worldsys::exchange
