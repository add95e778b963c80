#pragma once
// The HTML report behind `worldsys report`: figures assembled from the library's own results (accounts, flows,
// drain, poverty, gap), drawn as SVG (report/svg.hpp), each with the numbers it draws as a tidy table and notes
// saying source, release, licence, year, PPP vintage, grouping, method, coverage and the `worldsys` command that
// reproduces them. Computation only: the CLI loads the inputs and writes the files.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "worldsys/core/concordance.hpp"
#include "worldsys/core/distributions.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/core/table.hpp"
#include "worldsys/exchange/drain.hpp"
#include "worldsys/report/summary.hpp"
#include "worldsys/report/svg.hpp"

namespace worldsys::claims {
struct ClaimResult;
}

namespace worldsys::report {

struct Notes {
  std::string source, release, licence, year, ppp, grouping, method, coverage, command;
};

struct Figure {
  std::string id;      // the <svg> id and the file name under --figures
  std::string tabset;  // figures of one tabset are shown one at a time ("" = always shown)
  std::string tab;     // its tab's label
  std::string svg;
  Table data{{}, {}};  // the numbers drawn, tidy
  Notes notes;
};

struct Section {
  std::string id, title, intro;
  std::vector<Figure> figures;
  std::string missing;  // why the section has no figures, when it has none
};

// A claim check as the report shows it (the claims engine's result, already formatted by its adapter).
struct ClaimMeasurement {
  std::string source, ppp, method, value, command;
};
struct ClaimRow {
  std::string id, claim;
  std::string verdict;  // "holds", "does not hold", "depends on method"
  std::string summary;  // the numbers in one sentence
  std::vector<ClaimMeasurement> measurements;
};

// The claims engine's results as the page shows them (values formatted with their units and details).
std::vector<ClaimRow> claim_rows(const std::vector<claims::ClaimResult>& results);

// A distribution store and how the user named it (for the commands in the notes).
struct NamedStore {
  const DistributionStore* store = nullptr;
  std::string arg;  // path or default name, as `worldsys poverty ARG` takes it
};

struct ReportInputs {
  const Mrio* mrio = nullptr;
  std::string mrio_arg;   // "" for the embedded default table
  const Concordance* groups = nullptr;  // the North/South split of mrio's regions
  std::string groups_arg;               // as given ("" = the default)
  const exchange::PriceLevels* prices = nullptr;  // PWT price levels for erdi; nullptr leaves erdi out
  NamedStore poverty, gap;
  const std::vector<MapShape>* shapes = nullptr;  // projected countries; nullptr: maps replaced by a note
  std::string shapes_note;                        // why there are no maps, or the shapes' source
  std::map<std::string, std::string> country_region;  // ISO alpha-3 -> mrio region, for maps of table results
  // For a report on a panel's latest year: `worldsys drain --panel` rows (exchange::drain_panel, net quantity,
  // by groups) over its years and the command that prints them; nullptr leaves the drain-over-time figures out.
  const Table* drain_years = nullptr;
  std::string drain_years_command;
  // `worldsys gvc --panel --measure va-origin --factor value_added,labour_hours` rows over a panel's years;
  // nullptr: the section measures the table itself (one year).
  const Table* value_years = nullptr;
  std::string value_years_command;
  std::optional<std::vector<ClaimRow>> claims;        // nullopt: no claims file, the section says so
  std::string claims_arg;
  double width = 720;  // of every chart's viewBox
};

struct Report {
  std::string title, subtitle;
  Summary summary;  // the terminal summary (same numbers as the Footprints section)
  std::vector<std::string> key_figures;  // sentences under the summary (e.g. labour_statement)
  std::vector<Section> sections;
  std::optional<std::vector<ClaimRow>> claims;
};

Report build_report(const ReportInputs& in);
// One self-contained page: inline CSS, SVG and a few lines of JavaScript for the tabs; no external fetch.
std::string render_html(const Report& r);
// Every figure's id and SVG text, for --figures DIR.
std::vector<const Figure*> figures(const Report& r);

// The international lines of the store's PPP vintage, extreme line first: the poverty section's tabs.
std::vector<double> poverty_lines(const DistributionStore& s);

}  // namespace worldsys::report
