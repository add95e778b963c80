// GLORIA fixtures (../shared/formats/gloria.md sections 1-4, 8): GLORIA_MRIOs_59_YYYY.zip with header-less T, Y, V
// (Markup001, a build-date prefix), the satellite zip with TQ and YQ, and GLORIA_ReadMe_059.xlsx. Industries then
// products per region; make entries on the industry x product diagonal (= x), use in product x industry blocks,
// final demand in product rows, value added block-diagonal in industry columns; one all-zero region like DYE.
#include <fmt/format.h>

#include <cmath>
#include <functional>

#include "io/file_sink.hpp"
#include "io/fixture_writers.hpp"
#include "io/xlsx.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::io::detail {

namespace fs = std::filesystem;

Fixture gloria_fixture(const fs::path& dir, const FixtureOptions& o) {
  auto regions = take_labels({"XAM", "XEU", "AFG", "AGO", "ALB"}, o.regions, "R{:02}");
  if (o.regions >= 3) regions[o.regions - 1] = "DYE";  // an empty region, as in recent releases
  const auto sectors = take_labels({"Growing wheat", "Growing maize", "Growing cereals n.e.c", "Other services"},
                                   o.sectors, "Sector {}");
  const std::vector<std::string> fd = {"Household final consumption P.3h", "Non-profit institutions serving households P.3n",
                                       "Government final consumption P.3g", "Gross fixed capital formation P.51",
                                       "Changes in inventories P.52", "Acquisitions less disposals of valuables P.53"};
  const std::vector<std::string> va = {"Compensation of employees D.1", "Taxes on production D.29",
                                       "Subsidies on production D.39", "Net operating surplus B.2n",
                                       "Net mixed income B.3n", "Consumption of fixed capital K.1"};
  std::vector<Stressor> st;
  for (const auto& v : va) st.push_back({v, "k USD", "GLORIA value added (V-Results)"});
  st.push_back({"Emissions (EDGAR) - 'GHG_total_EDGAR_consistent'", "kilotonnes CO2-equivalent", ""});
  st.push_back({"Material - Wheat", "kilotonnes", ""});
  Mrio m = random_mrio(regions, sectors, fd, st, o.seed);
  m.unit = "k USD";
  const size_t R = regions.size(), S = sectors.size(), K = fd.size(), n = m.n();
  if (o.regions >= 3) {  // DYE: nothing at all
    const size_t r = R - 1;
    for (size_t a = 0; a < n; ++a)
      for (size_t s = 0; s < S; ++s) m.Z(r * S + s, a) = 0, m.Z(a, r * S + s) = 0;
    for (size_t c = 0; c < R * K; ++c)
      for (size_t s = 0; s < S; ++s) m.Y(r * S + s, c) = 0;
    for (size_t k = 0; k < st.size(); ++k)
      for (size_t s = 0; s < S; ++s) m.F(k, r * S + s) = 0;
    m.x = m.Z.row_sums();
    const auto y = m.Y.row_sums();
    for (size_t i = 0; i < n; ++i) m.x[i] += y[i];
  }
  for (size_t k = 0; k < va.size(); ++k)
    for (size_t c = 0; c < R * K; ++c) m.F_Y(k, c) = 0;
  // Files are written row by row into the sink (never a whole T in memory: R·2S squared cells), zeros outside the
  // make and use blocks as in the published files.
  using Cell = std::function<double(size_t, size_t)>;
  auto csv = [&](size_t rows, size_t cols, Cell at) {
    return [&o, rows, cols, at = std::move(at)](std::ostream& out) {
      std::string line;
      for (size_t i = 0; i < rows; ++i) {
        line.clear();
        for (size_t j = 0; j < cols; ++j) {
          if (j) line += ',';
          const double v = at(i, j);
          if (v == 0 && !std::signbit(v)) {
            line += "0.0";  // GLORIA writes 0.0
            continue;
          }
          const size_t from = line.size();
          append_number(line, v, o.precision);
          if (line.find_first_of(".eE", from) == std::string::npos) line += ".0";
        }
        line += '\n';
        out.write(line.data(), std::streamsize(line.size()));
      }
    };
  };
  // T: make entries on the industry x product diagonal (= x), use in the product x industry blocks.
  auto T = csv(2 * n, 2 * n, [&](size_t i, size_t j) {
    const size_t ki = i % (2 * S), kj = j % (2 * S);
    const size_t a = (i / (2 * S)) * S + ki % S, b = (j / (2 * S)) * S + kj % S;
    if (ki < S && kj >= S) return a == b ? m.x[a] : 0.0;
    if (ki >= S && kj < S) return m.Z(a, b);
    return 0.0;
  });
  auto Y = csv(2 * n, R * K, [&](size_t i, size_t c) {
    const size_t r = i / (2 * S), k = i % (2 * S);
    return k < S ? 0.0 : m.Y(r * S + k - S, c);
  });
  // V: region r's VA rows only in r's industry columns; the region's share of each VA row is the whole column.
  auto V = csv(R * va.size(), 2 * n, [&](size_t row, size_t j) {
    const size_t r = row / va.size(), w = row % va.size(), jr = j / (2 * S), k = j % (2 * S);
    return jr == r && k < S ? m.F(w, r * S + k) : 0.0;
  });
  const size_t Q = st.size() - va.size();
  auto TQ = csv(Q, 2 * n, [&](size_t q, size_t j) {
    const size_t k = j % (2 * S);
    return k < S ? m.F(va.size() + q, (j / (2 * S)) * S + k) : 0.0;
  });
  auto YQ = csv(Q, R * K, [&](size_t q, size_t c) { return m.F_Y(va.size() + q, c); });

  const std::string y = std::to_string(o.year);
  auto name = [&](const char* date, const char* what) {
    return fmt::format("{}_120secMother_AllCountries_002_{}-Results_{}_059_Markup001(full).csv", date, what, y);
  };
  const std::string ext = o.unpacked ? "" : ".zip";  // unpacked: folders of the same names
  {
    auto z = FileSink::create(dir / ("GLORIA_MRIOs_59_" + y + ext));
    z->write(name("20240111", "T"), T);
    z->write(name("20240111", "Y"), Y);
    z->write(name("20240419", "V"), V);
    z->finish();
    auto s = FileSink::create(dir / ("GLORIA_SatelliteAccounts_059_" + y + ext));
    s->write(name("20240417", "TQ"), TQ);
    s->write(name("20240417", "YQ"), YQ);
    s->finish();
  }
  std::vector<XlsxSheet> sheets(4);
  sheets[0] = {"Regions", {{"Lfd_Nr", "Region_acronyms", "Region_names"}}};
  for (size_t r = 0; r < R; ++r) sheets[0].cells.push_back({std::to_string(r + 1), regions[r], "Region " + regions[r]});
  sheets[1] = {"Sectors", {{"Lfd_Nr", "Sector_names"}}};
  for (size_t s = 0; s < S; ++s) sheets[1].cells.push_back({std::to_string(s + 1), sectors[s]});
  sheets[2] = {"Value added and final demand", {{"Lfd_Nr", "Value_added_names", "Final_demand_names"}}};
  for (size_t k = 0; k < va.size(); ++k) sheets[2].cells.push_back({std::to_string(k + 1), va[k], fd[k]});
  sheets[3] = {"Satellites", {{"Lfd_Nr", "Sat_head_indicator", "Sat_indicator", "Sat_unit"}}};
  sheets[3].cells.push_back({"1", "Emissions (EDGAR)", "'GHG_total_EDGAR_consistent'", "kilotonnes CO2-equivalent"});
  sheets[3].cells.push_back({"2", "Material", "Wheat", "kilotonnes"});
  write_xlsx(dir / "GLORIA_ReadMe_059.xlsx", sheets);
  Fixture fx;
  fx.path = dir;
  m.provenance.year = o.year;
  fx.expected = std::move(m);
  return fx;
}

}  // namespace worldsys::io::detail
