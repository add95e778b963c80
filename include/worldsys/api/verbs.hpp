#pragma once
// One call per result verb: the arguments as the user gives them (names, strings, flags: the same for the CLI, Python
// and a Dask task), the result as a tidy Table. The CLI parses its command line into these structs and prints what
// they return; the Python module passes its keyword arguments; so both give the same rows by construction.
// Arguments travel as JSON (Python, the distributed runner): `to_json`/`*_from_json` below, unknown keys refused.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "worldsys/core/arrays.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/core/table.hpp"
#include "worldsys/scenario/scenario.hpp"
#include "worldsys/scenario/uncertainty.hpp"

namespace worldsys::api {

using ProgressFn = std::function<void(size_t done, size_t total)>;
// A result handed over in chunks as it is made (the CLI writes them out; nothing held whole).
using TableSink = std::function<void(const Table&)>;

struct FootprintArgs {
  std::vector<std::string> stressors;  // empty: all
  std::string by = "region";           // region or sector
  std::string groups;                  // concordance file or built-in name; empty: regions as they are
  std::string precision = "float64";   // float64, mixed, float32
  std::string device = "cpu";          // cpu, or gpu (a build with -DWORLDSYS_CUDA=ON)
  bool multipliers = false;            // M = S L instead of the accounts
  std::string pba = "observed";        // observed (as published) or model (S diag(L y), as pymrio)
};
// footprint_table (or multipliers_table) of one table: whole, or to a sink in chunks.
Table footprint(const Mrio& m, const FootprintArgs& a);
void footprint(const Mrio& m, const FootprintArgs& a, const TableSink& sink);
// The same numbers as labelled matrices (--format npy; accounts/tables.hpp says the layout).
LabelledArrays footprint_arrays(const Mrio& m, const FootprintArgs& a);

struct FlowsArgs {
  std::vector<std::string> stressors;
  std::string groups;
  std::string precision = "float64";
  std::string device = "cpu";
};
Table flows(const Mrio& m, const FlowsArgs& a);
void flows(const Mrio& m, const FlowsArgs& a, const TableSink& sink);
LabelledArrays flows_arrays(const Mrio& m, const FlowsArgs& a);

// Store paths of a panel directory's years within [from, to], oldest first; a usage error when there are none.
std::vector<std::string> panel_stores(const std::string& panel, int from, int to);
// The name of a store as the CLI takes it: empty is the embedded sample world.
Mrio open_store(const std::string& store);

// footprint() of each store, rows prefixed by the table's `year` (empty when the store has none). Panels (here and
// in drain) run BLAS single-threaded, as a Dask worker's task does, so distributed and serial runs agree exactly.
Table footprint_panel(const std::vector<std::string>& stores, const FootprintArgs& a, const ProgressFn& progress = {});

struct DrainArgs {
  std::string groups, factor = "labour_hours", definition = "net-quantity";
  std::string north = "North", south = "South", row, by = "groups", pwt, erdi_variable = "pl_da";
  std::string erdi_reference = "north", value = "value_added", wage = "labour_compensation";
  std::string attribution = "footprint";
  std::vector<std::string> valuations{"northern-prices"}, final_demand;  // valuations may hold "all"
  int constant_prices = 0;
  bool wage_by_sector = false, erdi_all_exports = false, erdi_clamp = false, lost_growth = false, skill = false;
  std::string combine = "none";  // several factors: none, sum or equal-shares
};
// exchange::drain_panel over `stores` (one store, or a panel's years), groups and PWT read as the arguments say.
Table drain(const std::vector<std::string>& stores, const DrainArgs& a, const ProgressFn& progress = {});
// The same for a table in memory (e.g. a scenario or an uncertainty draw).
Table drain(const Mrio& m, const DrainArgs& a);

struct GvcArgs {
  std::string measure = "vax";   // gvc::measure_names(): exports, vax, va-origin, ... participation
  std::string by = "exporter";   // exporter, exporter-importer, exporter-sector, exporter-importer-sector
  // value_added or a stressor (the hours, jobs, emissions embodied instead); several, comma-separated, side by
  // side with a `factor` column: "value_added,labour_hours"
  std::string factor = "value_added";
  std::string value_added = "total";   // total (x - 1'Z, the identities hold in money) | stressor (the store's row)
  std::string groups;                  // regions merged into countries (domestic blocks): file or built-in name
  bool origin_sector = false;          // va-origin by origin country and sector
  std::vector<std::string> final_sectors;  // chains: final products measured (sector codes; empty: all)
  std::string origin_groups;               // chains: origins summed into these groups of countries (North/South)
  std::string ddc_inverse = "local";       // tiva: EXGR_DDC from the diagonal of L^ss (local) or B^ss (global)
};
// gvc::measure of one table.
Table gvc(const Mrio& m, const GvcArgs& a);
// gvc() of each store, rows prefixed by the table's year (serial BLAS, as footprint_panel).
Table gvc_panel(const std::vector<std::string>& stores, const GvcArgs& a, const ProgressFn& progress = {});
// The same rows handed to `sink` in chunks as they are made.
void gvc(const Mrio& m, const GvcArgs& a, const TableSink& sink);
void gvc_panel(const std::vector<std::string>& stores, const GvcArgs& a, const TableSink& sink,
               const ProgressFn& progress = {});

struct SensitivityArgs {
  std::vector<std::string> groups{"wiod-north-south", "wb-high-income", "imf-advanced", "oecd"};
  std::vector<std::string> rows{"south", "none"};
  std::vector<std::string> attributions{"footprint"};
  std::string factor = "labour_hours", pwt, erdi_variable = "pl_da";
};
// exchange::sensitivity_table over `stores`.
Table sensitivity(const std::vector<std::string>& stores, const SensitivityArgs& a);

struct PovertyArgs {
  std::vector<double> lines;  // one table per line, appended
  std::string year;           // "2017" or "1990-2019"; empty: every year of the store
  std::string by = "world", ppp, method = "auto", coverage = "survey-3y";
  std::string estimates = "model";  // model | source (the source's own at its lines); lorenz = model, auto = source
  std::string no_survey = "model";  // economies without a survey: model (the source's prediction) | region (its rate)
  std::vector<std::string> countries;  // --by country: only these
  double share = 0;                    // > 0: the line below which this share of each group lives, instead
  bool convert_line = false, impute = true, calibrate = true;
  // Column names: pip (PIP's API and pipr: country_code/region_code, reporting_year, poverty_line, poverty_gap,
  // poverty_severity, pop_in_poverty) or worldsys (group, year, line, gap, severity, poor: the names before 2027).
  std::string names = "pip";
};
// World, regional, income-group or country poverty from a distribution store (columns named as `a.names` says).
Table poverty(const std::string& store, const PovertyArgs& a, const ProgressFn& progress = {});
// One distribution from cumulative shares (`columns` "P,L" or empty for the first two) and its mean.
Table poverty_grouped(const std::string& file, const std::string& columns, double mean, double line,
                      const std::string& method);
// One WID-style tabulation through generalized Pareto interpolation; mean 0 takes the file's.
Table poverty_tabulation(const std::string& file, double mean, double line);

struct InequalityArgs {
  std::string year, by = "world";
  std::string units = "model";  // model (each country's fitted distribution) | groups (its quantile groups)
  bool decompose = false, source_gini = false, calibrate = true;
};
Table inequality(const std::string& store, const InequalityArgs& a);
// A WID-style tabulation through generalized Pareto interpolation, read at `fractiles` (0 <= p < 1, ascending; empty:
// the file's own): rows p,threshold,top_share,bottom_share,bracket_average,top_average,inverted_pareto (gpinter's
// generate_tabulation), the bracket of p running to the next fractile (the last to 1). mean 0 takes the file's.
Table inequality_tabulation(const std::string& file, double mean, const std::vector<double>& fractiles);

struct GapArgs {
  int from = 0, to = 0;
  double share = 0.1;
  std::string weights = "population";
  bool trend = false, fixed = false, balanced = false;
};
Table gap(const std::string& store, const GapArgs& a);

// scenario, prices, uncertainty: the scenario engine (scenario/*.hpp) with the CLI's arguments.
struct ScenarioArgs {
  std::vector<std::string> stressors;     // empty: all
  std::string groups;                     // rows per group of regions (file or built-in name)
  bool prices = false;                    // the price effects of the scenario's wage changes instead of accounts
  std::vector<std::string> final_demand;  // prices: categories that weight consumer prices (empty: all)
  bool by_sector = false;                 // prices: also each sector's producer price change
};
// scenario_diff (or price_effects of price_shock) of `s` against `m`.
Table scenario(const Mrio& m, const scenario::Scenario& s, const ScenarioArgs& a);

struct PricesArgs {
  std::string raise = "labour_compensation", per = "labour_hours", by = "sector", groups;
  std::vector<std::string> in, to_level_of, final_demand;  // regions or groups; "*" in `in` is every region
  double scale = 0;                                        // multiply the wage bill (instead of to_level_of)
  bool no_cut = false, by_sector = false;
};
// The wage change of PricesArgs as a scenario of one change; a usage error unless exactly one of to_level_of
// and scale is given.
scenario::Scenario prices_scenario(const PricesArgs& a);
// price_effects of that change; rows per group of `groups` (default with to_level_of: the table's North/South
// split, left out when it does not fit the table).
Table prices(const Mrio& m, const PricesArgs& a);
Table prices(const std::string& store, const PricesArgs& a);

struct UncertaintyArgs {
  std::string groups, north = "North", south = "South", factor = "labour_hours";
  std::vector<std::string> stressors, valuations{"northern-prices"};
  double sigma = 0.1;
  std::optional<double> sigma_z, sigma_y, sigma_f;  // default: sigma
  std::size_t draws = 200;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  bool drain = false, cell_sd = false, rebalance = true;
  std::string solver = "refine";  // scenario::DrawSolver
};
// The error model of the arguments; with cell_sd the per-cell sd matrices stored beside `store` (empty: the
// embedded sample world), a usage error when it holds none.
scenario::ErrorModel error_model(const std::string& store, const UncertaintyArgs& a);
// scenario::uncertainty of `m` under `e`, groups and drain partition as the arguments say.
scenario::MonteCarlo uncertainty(const Mrio& m, const scenario::ErrorModel& e, const UncertaintyArgs& a);
// The same for a store by name.
scenario::MonteCarlo uncertainty(const std::string& store, const UncertaintyArgs& a);

// "2011" or "1995-2011" into a list of years; a usage error otherwise.
std::vector<int> parse_years(const std::string& spec);

std::string to_json(const FootprintArgs& a);
std::string to_json(const FlowsArgs& a);
std::string to_json(const DrainArgs& a);
std::string to_json(const GvcArgs& a);
std::string to_json(const PovertyArgs& a);
std::string to_json(const InequalityArgs& a);
std::string to_json(const GapArgs& a);
std::string to_json(const ScenarioArgs& a);
std::string to_json(const PricesArgs& a);
std::string to_json(const UncertaintyArgs& a);
// A usage error names an unknown key or a value of the wrong type.
FootprintArgs footprint_args(const std::string& json);
FlowsArgs flows_args(const std::string& json);
DrainArgs drain_args(const std::string& json);
GvcArgs gvc_args(const std::string& json);
PovertyArgs poverty_args(const std::string& json);
InequalityArgs inequality_args(const std::string& json);
GapArgs gap_args(const std::string& json);
ScenarioArgs scenario_args(const std::string& json);
PricesArgs prices_args(const std::string& json);
UncertaintyArgs uncertainty_args(const std::string& json);

}  // namespace worldsys::api
