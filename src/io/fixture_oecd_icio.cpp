// OECD ICIO fixtures in the 2016, 2018, 2021, 2023 (extended) and 2023 small layouts (../shared/formats/oecd_icio.md
// sections 2-5, 8): corner cell, REG_SECTOR labels, final demand per release, factor and total rows and columns,
// China split into CHN/CN1/CN2 where the release has splits, CSV in a zip under the release's member name.
#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "io/file_sink.hpp"
#include "io/fixture_writers.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::io::detail {

namespace fs = std::filesystem;

Fixture oecd_icio_fixture(const fs::path& dir, const FixtureOptions& o) {
  const std::string v = o.variant.empty() ? "2023" : o.variant;
  if (v != "2023" && v != "2023nested" && v != "2023sml" && v != "2021" && v != "2018" && v != "2016")
    fail(ErrorKind::usage, fmt::format("OECD ICIO fixture variant '{}': expected 2023, 2023nested, 2023sml, 2021, "
                                       "2018 or 2016",
                                       v));
  auto regions = take_labels({"AUS", "CHN", "MEX", "USA", "DEU", "FRA", "JPN", "IND", "BRA"}, o.regions, "R{:02}");
  regions.back() = "ROW";
  std::vector<std::string> sectors;
  if (v.starts_with("2023")) sectors = take_labels({"A01_02", "A03", "B05_06", "B07_08", "B09", "C10T12", "C13T15", "C16"}, o.sectors, "S{}");
  else if (v == "2021") sectors = take_labels({"01T02", "03", "05T06", "07T08", "09", "10T12", "13T15", "16"}, o.sectors, "{}T{}");
  else if (v == "2018") sectors = take_labels({"01T03", "05T06", "07T08", "09", "10T12", "13T15", "16", "17T18"}, o.sectors, "S{}");
  else sectors = take_labels({"C01T05AGR", "C10T14MIN", "C15T16FOD", "C17T19TEX", "C20WOD", "C21T22PAP", "C23PET", "C24CHM"}, o.sectors, "C{}X");
  const std::vector<std::string> fd =
      v == "2016" ? std::vector<std::string>{"HFCE", "NPS", "GGFC", "GFCF", "INV", "DIRP"}
      : v == "2018" ? std::vector<std::string>{"HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "P33"}
                    : std::vector<std::string>{"HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR"};
  std::vector<Stressor> st;
  if (v.starts_with("2023")) st = {{"TLS", "M USD", ""}, {"VA", "M USD", ""}};
  else if (v == "2016") st = {{"VA+TAXSUB", "M USD", ""}};
  else {
    for (const auto& r : regions) st.push_back({r + "_TAXSUB", "M USD", ""});
    st.push_back({"VALU", "M USD", ""});
  }
  for (auto& s : st) s.note = "factor-input row of the OECD ICIO";
  Mrio m = random_mrio(regions, sectors, fd, st, o.seed);
  m.unit = "M USD";
  const size_t S = sectors.size(), K = fd.size(), n = m.n();

  // File rows/columns: (label, position in m, weight). China is split into CHN, CN1, CN2 (not in _SML).
  struct Part {
    std::string label;
    size_t at;
    double w;
  };
  const bool splits = v != "2023sml" && o.regions >= 3;
  std::vector<Part> parts;
  for (size_t i = 0; i < n; ++i) {
    const auto& r = regions[i / S];
    parts.push_back({r + "_" + sectors[i % S], i, splits && r == "CHN" ? 0.5 : 1.0});
  }
  if (splits)
    for (const char* cn : {"CN1", "CN2"})
      for (size_t s = 0; s < S; ++s) parts.push_back({std::string(cn) + "_" + sectors[s], 1 * S + s, 0.25});
  const char sep = ',';
  const bool quoted = v == "2016";
  const std::string eol = v == "2016" ? "\r\n" : "\n";
  auto label = [&](const std::string& s) { return quoted ? "\"" + s + "\"" : s; };
  std::ostringstream out;
  // Header: corner, industries, final demand, total.
  out << (v == "2016" ? "\"\"" : v == "2018" ? "" : "V1");
  for (const auto& p : parts) out << sep << label(p.label);
  std::vector<size_t> fd_order;  // column of Y per written FD column
  if (v == "2016") {
    for (size_t k = 0; k < K; ++k)
      for (size_t r = 0; r < regions.size(); ++r) fd_order.push_back(r * K + k), out << sep << label(fd[k] + "_" + regions[r]);
    out << sep << label("DISC");
  } else {
    for (size_t r = 0; r < regions.size(); ++r)
      for (size_t k = 0; k < K; ++k) fd_order.push_back(r * K + k), out << sep << regions[r] << "_" << fd[k];
  }
  const std::string total = v.starts_with("2023") ? "OUT" : v == "2016" ? "" : "TOTAL";
  if (!total.empty()) out << sep << total;
  out << eol;
  std::string line;
  auto row = [&](const std::string& l, const std::function<double(size_t)>& z, const std::function<double(size_t)>& y,
                 double tot) {
    line = label(l);
    for (const auto& p : parts) line += sep, append_number(line, z(p.at) * p.w, o.precision);
    for (size_t q : fd_order) line += sep, append_number(line, y(q), o.precision);
    if (v == "2016") line += sep, append_number(line, 0.0, o.precision);
    if (!total.empty()) line += sep, append_number(line, tot, o.precision);
    out << line << eol;
  };
  for (const auto& p : parts)
    row(p.label, [&](size_t j) { return m.Z(p.at, j) * p.w; }, [&](size_t q) { return m.Y(p.at, q) * p.w; },
        m.x[p.at] * p.w);
  for (size_t k = 0; k < st.size(); ++k)
    row(st[k].name, [&](size_t j) { return m.F(k, j); }, [&](size_t q) { return m.F_Y(k, q); }, 0.0);
  row(v == "2018" || v == "2021" ? "OUTPUT" : "OUT", [&](size_t j) { return m.x[j]; }, [](size_t) { return 0.0; }, 0.0);

  const std::string member = v == "2023" || v == "2023nested" ? fmt::format("{}.csv", o.year)
                             : v == "2023sml" ? fmt::format("{}_SML.csv", o.year)
                             : v == "2018"    ? fmt::format("ICIO2018_{}.CSV", o.year)
                                              : fmt::format("ICIO{}_{}.csv", v, o.year);
  Fixture fx;
  const int lo = o.year - (o.year - 1) % 5;  // bundles of five years in 2021/2023
  const std::string archive = v.starts_with("2023") ? fmt::format("{}-{}{}.zip", lo, lo + 4, v == "2023sml" ? "_SML" : "")
                              : v == "2021"         ? fmt::format("ICIO_{}-{}.zip", lo, lo + 4)
                                                    : fmt::format("ICIO{}_{}.zip", v, o.year);
  fx.path = o.unpacked ? dir / member : dir / archive;
  if (v == "2023nested") {  // November 2023: ICIO-1995-2000-extended.zip holding 1995.zip ... each with YYYY.csv
    fx.path = dir / fmt::format("ICIO-{}-{}-extended.zip", lo, lo + 4);
    const fs::path inner = dir / fmt::format(".inner-{}.zip", o.year);
    {
      auto z = FileSink::create(inner);
      z->write_text(member, out.str());
      z->finish();
    }
    std::ifstream in(inner, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    fs::remove(inner);
    auto sink = FileSink::create(fx.path);
    sink->write_text(fmt::format("{}.zip", o.year), bytes);
    sink->finish();
  } else if (o.unpacked) {
    auto sink = FileSink::create(dir);
    sink->write_text(member, out.str());
    sink->finish();
  } else {
    auto sink = FileSink::create(fx.path);
    sink->write_text(member, out.str());
    sink->finish();
  }
  m.provenance.year = o.year;
  fx.expected = std::move(m);
  fx.tolerance = splits ? 1e-13 : 0;  // the split blocks are summed back
  return fx;
}

}  // namespace worldsys::io::detail
