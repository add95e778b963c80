// FIGARO (Eurostat EU inter-country tables), editions 2022, 23ed-26ed: the matrix CSV files
// matrix_eu-ic-io_{ind-by-ind,prod-by-prod}_{ED}_{YYYY}.csv. A header row starting "rowLabels", labels AREA_CODE
// (FIGW1 = rest of the world; product codes CPA_*), six W2_* value-added rows attributed to the column's own
// country, five final-demand columns per area, no totals. Layout notes: ../shared/formats/figaro.md.
#include <fmt/format.h>

#include <regex>

#include "io/wide.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/formats.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

Mrio read_figaro(const fs::path& source, const ImportOptions& options) {
  const std::string system = options.system.empty() ? "ind-by-ind" : options.system;
  if (system != "ind-by-ind" && system != "prod-by-prod")
    fail(ErrorKind::usage, fmt::format("FIGARO system '{}': expected ind-by-ind or prod-by-prod", system));
  auto bundle = Bundle::open(source);
  const std::string file = bundle->select(
      fmt::format(R"(matrix_eu-ic-io_{}(_\d\ded)?_\d{{4}}(_v\d+)?\.csv(\.gz)?)", system), options.year,
      fmt::format("FIGARO matrix file (matrix_eu-ic-io_{}_ED_YYYY.csv)", system));
  TableSpec spec;
  spec.sep = ',';
  spec.header_lines = 1;
  spec.index_cols = 1;
  spec.index_name_line = false;
  spec.threads = options.threads;
  const TextTable t = read_table(*bundle, file, spec);
  if (t.header[0][0] != "rowLabels")
    fail_at(t.header_position(0, 0), fmt::format("expected 'rowLabels' in the first header cell of a FIGARO matrix "
                                                 "file, found '{}'",
                                                 t.header[0][0]));
  detail::WideRules rules;
  rules.is_total = [](const std::string&) { return false; };
  rules.is_output_column = [](const std::string&) { return false; };
  rules.is_factor = [](const std::string& l) { return l.starts_with("W2_"); };
  rules.final_demand = {"P3_S13", "P3_S14", "P3_S15", "P51G", "P5M"};
  rules.unit = "M EUR";
  rules.factor_note = "FIGARO value-added row (W2: the column's own country)";
  Mrio m = detail::wide_to_mrio(t, rules);
  std::smatch mm;
  const std::string base = fs::path(file).filename().string();
  if (std::regex_search(base, mm, std::regex(R"(_(\d{4})(_v\d+)?\.csv)"))) m.provenance.year = std::stoi(mm[1]);
  m.provenance.source = fmt::format("FIGARO {} matrix, {}", system, bundle->display(file));
  m.provenance.licence = "Eurostat re-use policy (attribution); cite Remond-Tiedrez & Rueda-Cantuche (eds.), FIGARO";
  validate(m, bundle->display(file));
  return m;
}

}  // namespace worldsys::io
