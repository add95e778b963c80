#pragma once
// Trade in value added and the decompositions of gross exports (docs/methods/gvc.md): who captures the value of
// what a country exports, measured in value added or in any factor the table carries (hours, jobs, emissions).
//
// Conventions (each one changes the numbers; docs/methods/gvc.md says which publication uses which):
// - x = Z1 + Y1, the rows' own totals, and value added = x' - 1'Z (every primary input, net taxes included), so
//   that every unit of output is fully accounted for by value added (1'diag(v)B = 1') and the decompositions add
//   up to gross exports exactly. `value_added = "stressor"` takes the store's `value_added` row instead (e.g. at
//   basic prices): terms then add up to the value-added content of exports, not to exports.
// - Countries are groups of the table's regions (OECD ICIO's CN1 + CN2 = CHN, "NAFTA as one exporter"): trade
//   inside a country is domestic; a sector of a country is the sum of that sector over its regions.
#include <functional>
#include <string>
#include <vector>

#include "worldsys/core/concordance.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/core/table.hpp"

namespace worldsys::gvc {

enum class By { exporter, exporter_importer, exporter_sector, exporter_importer_sector };
// "exporter", "exporter-importer", "exporter-sector", "exporter-importer-sector"; a usage error otherwise.
By parse_by(const std::string& s);
inline bool has_importer(By by) { return by == By::exporter_importer || by == By::exporter_importer_sector; }
inline bool has_sector(By by) { return by == By::exporter_sector || by == By::exporter_importer_sector; }

struct Options {
  // The factor embodied: "value_added" (x - 1'Z, or the store's row as `value_added` says) or a stressor name.
  std::string factor = "value_added";
  std::string value_added = "total";  // total (x - 1'Z) | stressor (the store's value_added row)
  By by = By::exporter;
  bool origin_sector = false;  // va-origin: origin by country and sector (n solves: diag(v) B in full)
  // tiva: the inverse whose diagonal gives EXGR_DDC: local (L^ss, as exvatools) or global (B^ss; n solves).
  std::string ddc_inverse = "local";
  // Regions merged into countries; nullptr: each region is a country.
  const Concordance* countries = nullptr;
  // chains: the final products whose chains are measured (sector codes; empty: all), and groups of the countries
  // (e.g. North and South) that origins are summed into (nullptr: by country).
  std::vector<std::string> final_sectors;
  const Concordance* origin_groups = nullptr;
  // Where rows go as they are made, in chunks (then the measure returns no rows): the bilateral-sector tables of
  // an EXIOBASE-size table (8 million rows) are never held whole. Empty: returned as one table.
  std::function<void(const Table&)> sink;
  // How far a decomposition may miss its identity, relative to the exporter's gross exports (or factor content).
  double tolerance = 1e-8;

  // Value added as x' - 1'Z: every unit of output fully accounted for, the identities hold in money.
  bool value_added_total() const { return factor == "value_added" && value_added == "total"; }
};

// The measures. Each returns tidy rows: exporter, [importer], [sector], term, value, unit (va-origin adds origin
// columns; participation is by country or country and sector). Every decomposition checks its adding-up identity
// per exporter and throws a numeric error naming the exporter where it fails.
Table exports(const Mrio& m, const Options& o);        // EXGR, EXGR_INT, EXGR_FNL
Table vax(const Mrio& m, const Options& o);            // Johnson-Noguera: VAX, EXGR, VAX_ratio
Table va_origin(const Mrio& m, const Options& o);      // V B E by origin (EXGR_VA) and V B Y (FD_VA)
Table va_destination(const Mrio& m, const Options& o); // V B E split by where the exports are finally absorbed
Table va_balance(const Mrio& m, const Options& o);     // bilateral gross and value-added balances
Table tiva(const Mrio& m, const Options& o);           // OECD TiVA indicators per country
Table kww(const Mrio& m, const Options& o);            // Koopman-Wang-Wei 9 terms
Table wwz(const Mrio& m, const Options& o);            // Wang-Wei-Zhu 16 terms
Table borin_mancini(const Mrio& m, const Options& o);  // source-based, exporter perspective
Table participation(const Mrio& m, const Options& o);  // Wang-Wei-Yu-Zhu 2017 forward/backward
// Global value chains of final products (Timmer et al. 2014; Los, Timmer & de Vries 2015): the factor from each
// origin in the production of each country's final output of `final_sectors` (by country, or by country and
// final sector), the chain's final output and its foreign share.
Table chains(const Mrio& m, const Options& o);

// The measure by its CLI name (exports, vax, va-origin, va-balance, tiva, kww, wwz, borin-mancini,
// participation, chains); a usage error listing them otherwise.
Table measure(const std::string& name, const Mrio& m, const Options& o);
const std::vector<std::string>& measure_names();

}  // namespace worldsys::gvc
