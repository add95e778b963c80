// Generic-format fixtures: table.yaml plus CSV (joined REGION_SECTOR labels) or TSV (split labels) matrices.
#include <fmt/format.h>

#include <sstream>

#include "io/file_sink.hpp"
#include "io/fixture_writers.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::io::detail {

namespace fs = std::filesystem;

Fixture generic_fixture(const fs::path& dir, const FixtureOptions& o) {
  const std::string v = o.variant.empty() ? "joined" : o.variant;
  if (v != "joined" && v != "split") fail(ErrorKind::usage, fmt::format("generic fixture variant '{}': joined or split", v));
  const bool joined = v == "joined";
  Mrio m = random_mrio(take_labels({}, o.regions, "R{}"), take_labels({"agri", "manu", "serv"}, o.sectors, "s{}"),
                       {"hh", "gov", "gfcf"}, {{"co2", "kt", ""}, {"water, blue", "Mm3", ""}}, o.seed);
  m.unit = "M EUR";
  const char sep = joined ? ',' : '\t';
  const std::string ext = joined ? ".csv" : ".tsv";
  const size_t n = m.n(), S = m.sectors.size(), K = m.categories.size();
  auto row_label = [&](size_t i) {
    return joined ? quote_label(m.regions[i / S] + "_" + m.sectors[i % S], sep)
                  : m.regions[i / S] + sep + m.sectors[i % S];
  };
  // Header lines for columns (n sector columns or fd category columns) after `k` label cells.
  auto header = [&](bool fd, size_t k) {
    const size_t C = fd ? m.Y.cols() : n, I = fd ? K : S;
    const auto& inner = fd ? m.categories : m.sectors;
    std::string lines;
    for (int level = 0; level < (joined ? 1 : 2); ++level) {
      std::string l(k > 0 ? k - 1 : 0, sep);
      l = (joined ? "label" : level == 0 ? "region" : "sector") + l;
      for (size_t j = 0; j < C; ++j)
        l += sep + (joined ? m.regions[j / I] + "_" + inner[j % I] : level == 0 ? m.regions[j / I] : inner[j % I]);
      lines += l + '\n';
    }
    return lines;
  };
  auto body = [&](size_t rows, const std::function<std::string(size_t)>& label, size_t cols,
                  const std::function<double(size_t, size_t)>& at) {
    std::string s;
    for (size_t i = 0; i < rows; ++i) {
      s += label(i);
      for (size_t j = 0; j < cols; ++j) s += sep, append_number(s, at(i, j), o.precision);
      s += '\n';
    }
    return s;
  };
  const size_t K_idx = joined ? 1 : 2;
  auto sink = FileSink::create(dir / "generic");
  sink->write_text("Z" + ext, header(false, K_idx) + body(n, row_label, n, [&](size_t i, size_t j) { return m.Z(i, j); }));
  sink->write_text("Y" + ext, header(true, K_idx) + body(n, row_label, m.Y.cols(), [&](size_t i, size_t j) { return m.Y(i, j); }));
  sink->write_text("x" + ext, std::string(joined ? "label" : std::string("region") + sep + "sector") + sep + "output\n" +
                                  body(n, row_label, 1, [&](size_t i, size_t) { return m.x[i]; }));
  auto stressor = [&](size_t k) { return quote_label(m.stressors[k].name, sep); };
  sink->write_text("F" + ext, header(false, 1) + body(m.stressors.size(), stressor, n, [&](size_t k, size_t j) { return m.F(k, j); }));
  sink->write_text("F_Y" + ext, header(true, 1) + body(m.stressors.size(), stressor, m.Y.cols(),
                                                       [&](size_t k, size_t j) { return m.F_Y(k, j); }));
  std::string units = std::string("stressor") + sep + "unit\n";
  for (size_t k = 0; k < m.stressors.size(); ++k) units += stressor(k) + sep + m.stressors[k].unit + '\n';
  sink->write_text("units" + ext, units);
  sink->write_text("table.yaml", fmt::format("# worldsys generic table (fixture)\nunit: M EUR\nyear: {}\nlabels: {}\n"
                                             "Z: Z{}\nY: Y{}\nx: x{}\nF: F{}\nF_Y: F_Y{}\nunits: units{}\n",
                                             o.year, v, ext, ext, ext, ext, ext, ext));
  sink->finish();
  Fixture fx;
  fx.path = dir / "generic";
  m.provenance.year = o.year;
  fx.expected = std::move(m);
  return fx;
}

}  // namespace worldsys::io::detail
