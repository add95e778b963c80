// WIOD 2016 release national input-output tables in their long CSV form (WIOD_NIOT_Nov16_all43.csv[.gz], the real
// file in ../shared/data/mrio/wiod2016): one header row, label columns Country, Year, Code, Description, Origin
// (Domestic, Imports, TOT), then 56 industries, six final-demand columns (CONS_h, CONS_np, CONS_g, GFCF, INVEN,
// EXP) and GO. One country-year becomes a one-region table: Z and Y from the Domestic rows, x from the GO row,
// imported intermediates per product and the TOT rows (TXSP, EXP_adj, PURR, PURNR, VA, IntTTM) as stressors.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

Mrio read_wiod2016_niot(const fs::path& source, const ImportOptions& options) {
  if (!options.year || options.country.empty())
    fail(ErrorKind::usage, "a WIOD 2016 national table is chosen by --year and --country (e.g. --year 2014 --country DEU)");
  auto b = Bundle::open(source);
  const std::string file = b->select(R"(wiod_niot_nov16.*\.csv(\.gz)?)", std::nullopt, "WIOD 2016 NIOT long CSV");
  const TextTable t = read_table(*b, file, csv_spec(5, options.threads));
  const std::vector<std::string> want_index = {"Country", "Year", "Code", "Description", "Origin"};
  for (size_t k = 0; k < want_index.size(); ++k)
    if (t.header[0][k] != want_index[k])
      fail_at(t.header_position(0, k), fmt::format("expected column '{}', found '{}'; not the WIOD 2016 NIOT long CSV",
                                                   want_index[k], t.header[0][k]));
  const auto& cols = t.columns[0];
  const std::vector<std::string> fd = {"CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN", "EXP"};
  // Columns: industries until the first final-demand code, then the six codes, then GO.
  const auto first_fd = std::find(cols.begin(), cols.end(), "CONS_h");
  if (first_fd == cols.end() || size_t(cols.end() - first_fd) != fd.size() + 1 || cols.back() != "GO")
    fail_at(t.header_position(0, 5), fmt::format("expected industry columns, then {} and GO", fmt::join(fd, ", ")));
  for (size_t k = 0; k < fd.size(); ++k)
    if (first_fd[long(k)] != fd[k])
      fail_at(t.header_position(0, 5 + size_t(first_fd - cols.begin()) + k),
              fmt::format("expected column '{}', found '{}'", fd[k], first_fd[long(k)]));
  const size_t S = size_t(first_fd - cols.begin());

  Mrio m;
  m.regions = {options.country};
  m.sectors.assign(cols.begin(), first_fd);
  m.categories = fd;
  m.unit = "M USD";
  m.Z = Matrix(S, S);
  m.Y = Matrix(S, fd.size());
  m.x.assign(S, 0.0);
  m.sector_names.assign(S, "");
  const std::string year = std::to_string(*options.year);
  std::map<std::string, size_t> sector;
  for (size_t s = 0; s < S; ++s) sector[m.sectors[s]] = s;
  std::vector<int> seen(S, 0), seen_imp(S, 0);
  std::vector<std::pair<std::string, size_t>> tot_rows;  // (code, row)
  Matrix imports(S, S + fd.size());
  size_t rows_found = 0;
  bool go = false;
  for (size_t i = 0; i < t.rows(); ++i) {
    if (t.row_labels[0][i] != options.country || t.row_labels[1][i] != year) continue;
    ++rows_found;
    const auto& code = t.row_labels[2][i];
    const auto& origin = t.row_labels[4][i];
    if (origin == "TOT") {
      if (code == "GO") {
        for (size_t j = 0; j < S; ++j) m.x[j] = t.values(i, j);
        go = true;
      } else if (code != "II_fob") {
        tot_rows.emplace_back(code, i);
      }
      continue;
    }
    auto it = sector.find(code);
    if (it == sector.end() || (origin != "Domestic" && origin != "Imports"))
      fail_at(t.row_position(i), fmt::format("expected an industry code with origin Domestic or Imports, or a TOT row; "
                                             "found '{}' / '{}'",
                                             code, origin));
    const size_t r = it->second;
    if (origin == "Domestic") {
      if (seen[r]++) fail_at(t.row_position(i), fmt::format("second Domestic row for {}", code));
      m.sector_names[r] = t.row_labels[3][i];
      for (size_t j = 0; j < S; ++j) m.Z(r, j) = t.values(i, j);
      for (size_t k = 0; k < fd.size(); ++k) m.Y(r, k) = t.values(i, S + k);
    } else {
      if (seen_imp[r]++) fail_at(t.row_position(i), fmt::format("second Imports row for {}", code));
      for (size_t j = 0; j < S + fd.size(); ++j) imports(r, j) = t.values(i, j);
    }
  }
  if (rows_found == 0)
    fail(ErrorKind::input, fmt::format("{}: no rows for country {} in {}", b->display(file), options.country, year));
  for (size_t s = 0; s < S; ++s)
    if (!seen[s] || !seen_imp[s])
      fail(ErrorKind::input, fmt::format("{}: {} {} lacks the {} row of {}", b->display(file), options.country, year,
                                         seen[s] ? "Imports" : "Domestic", m.sectors[s]));
  if (!go) fail(ErrorKind::input, fmt::format("{}: {} {} has no GO (output) row", b->display(file), options.country, year));

  const size_t ns = S + tot_rows.size();
  m.F = Matrix(ns, S);
  m.F_Y = Matrix(ns, fd.size());
  for (size_t s = 0; s < S; ++s) {
    m.stressors.push_back({"imported " + m.sectors[s], m.unit, "imports of this product (Imports rows)"});
    for (size_t j = 0; j < S; ++j) m.F(s, j) = imports(s, j);
    for (size_t k = 0; k < fd.size(); ++k) m.F_Y(s, k) = imports(s, S + k);
  }
  for (size_t k = 0; k < tot_rows.size(); ++k) {
    const auto& [code, i] = tot_rows[k];
    m.stressors.push_back({code, m.unit, t.row_labels[3][i]});
    for (size_t j = 0; j < S; ++j) m.F(S + k, j) = t.values(i, j);
    for (size_t q = 0; q < fd.size(); ++q) m.F_Y(S + k, q) = t.values(i, S + q);
  }
  m.provenance.source = fmt::format("WIOD 2016 release national input-output table, {} {} ({})", options.country, year,
                                    b->display(file));
  m.provenance.licence = "CC BY 4.0; cite Timmer, Dietzenbacher, Los, Stehrer & de Vries (2015), Rev. Int. Econ. 23:575-605";
  m.provenance.year = *options.year;
  validate(m, b->display(file));
  return m;
}

}  // namespace worldsys::io
