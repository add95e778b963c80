// FIGARO matrix-file fixtures (../shared/formats/figaro.md sections 3, 5, 7): "rowLabels" header, AREA_CODE labels
// sorted alphabetically with FIGW1 among them, CPA_ product codes for prod-by-prod, 5 final-demand columns per area,
// 6 W2_* value-added rows, no totals.
#include <fmt/format.h>

#include <sstream>

#include "io/file_sink.hpp"
#include "io/fixture_writers.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::io::detail {

namespace fs = std::filesystem;

Fixture figaro_fixture(const fs::path& dir, const FixtureOptions& o) {
  const std::string v = o.variant.empty() ? "ind-by-ind" : o.variant;
  if (v != "ind-by-ind" && v != "prod-by-prod")
    fail(ErrorKind::usage, fmt::format("FIGARO fixture variant '{}': expected ind-by-ind or prod-by-prod", v));
  const auto regions = take_labels({"AR", "AT", "FI", "FIGW1", "FR", "US"}, o.regions, "X{}");
  auto sectors = take_labels({"A01", "C10T12", "C31_32", "L68", "M69_70", "N80T82"}, o.sectors, "S{}");
  if (v == "prod-by-prod")
    for (auto& s : sectors) s = "CPA_" + s;
  const std::vector<std::string> fd = {"P3_S13", "P3_S14", "P3_S15", "P51G", "P5M"};
  std::vector<Stressor> st;
  for (const char* c : {"D21X31", "OP_RES", "OP_NRES", "D1", "D29X39", "B2A3G"})
    st.push_back({std::string("W2_") + c, "M EUR", "FIGARO value-added row (W2: the column's own country)"});
  Mrio m = random_mrio(regions, sectors, fd, st, o.seed);
  m.unit = "M EUR";
  const size_t n = m.n(), S = sectors.size();
  std::ostringstream out;
  std::string line = "rowLabels";
  for (size_t j = 0; j < n; ++j) line += "," + regions[j / S] + "_" + sectors[j % S];
  for (size_t q = 0; q < m.Y.cols(); ++q) line += "," + regions[q / fd.size()] + "_" + fd[q % fd.size()];
  out << line << '\n';
  for (size_t i = 0; i < n; ++i) {
    line = regions[i / S] + "_" + sectors[i % S];
    for (size_t j = 0; j < n; ++j) line += ',', append_number(line, m.Z(i, j), o.precision);
    for (size_t q = 0; q < m.Y.cols(); ++q) line += ',', append_number(line, m.Y(i, q), o.precision);
    out << line << '\n';
  }
  for (size_t k = 0; k < st.size(); ++k) {
    line = st[k].name;
    for (size_t j = 0; j < n; ++j) line += ',', append_number(line, m.F(k, j), o.precision);
    for (size_t q = 0; q < m.Y.cols(); ++q) line += ',', append_number(line, m.F_Y(k, q), o.precision);
    out << line << '\n';
  }
  // FIGARO has no output row: x is Z 1 + Y 1, which the random table satisfies up to rounding; make it exact.
  m.x = m.Z.row_sums();
  const auto y = m.Y.row_sums();
  for (size_t i = 0; i < n; ++i) m.x[i] += y[i];
  Fixture fx;
  const std::string name = fmt::format("matrix_eu-ic-io_{}_25ed_{}.csv", v, o.year);
  fx.path = dir / name;
  auto sink = FileSink::create(dir);
  sink->write_text(name, out.str());
  sink->finish();
  m.provenance.year = o.year;
  fx.expected = std::move(m);
  return fx;
}

}  // namespace worldsys::io::detail
