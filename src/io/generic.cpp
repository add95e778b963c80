// Generic labelled CSV/TSV matrices described by a small YAML file, for tables no provider format covers:
//
//   unit: M EUR            # monetary unit of Z, Y, x
//   year: 2020             # optional
//   labels: joined         # joined: one label column and one header line, "REGION_SECTOR" split at the first
//                          #   label_separator (default "_"); split: two label columns and two header lines
//   Z: Z.csv               # required; Y required; x optional (else Z 1 + Y 1); F, F_Y optional (one label
//   Y: Y.csv               #   column: the stressor); units optional (stressor,unit per line, with a header)
//   F: F.csv
//   F_Y: F_Y.csv
//   units: units.csv
//
// The separator is TAB for .tsv/.txt files and comma otherwise (or `separator:`). Paths are relative to the YAML.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "io/labels.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/text.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

struct Labels {
  std::vector<std::string> outer, inner;
};

}  // namespace

Mrio read_generic(const fs::path& source, const ImportOptions& options) {
  fs::path yaml = source;
  if (fs::is_directory(source)) {
    for (const char* name : {"table.yaml", "table.yml", "mrio.yaml"})
      if (fs::exists(source / name)) yaml = source / name;
    if (yaml == source) fail(ErrorKind::input, fmt::format("{}: no table.yaml describing the files", source.string()));
  }
  YAML::Node d;
  try {
    d = YAML::Load(read_text(yaml));  // read_text: a FIFO or device refused, the path noted as an input
  } catch (const YAML::Exception& e) {
    fail(ErrorKind::input, fmt::format("{}:{}:{}: {}", yaml.string(), e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  // Keys are looked up below: on a scalar or a list yaml-cpp would throw BadSubscript (found by fuzz_formats).
  if (!d.IsMap())
    fail(ErrorKind::input, fmt::format("{}: expected keys (Z: Z.csv, Y: Y.csv, ...), found no mapping; see "
                                       "docs/formats.md, generic tables", yaml.string()));
  auto str = [&](const char* key, const std::string& def) -> std::string {
    if (!d[key]) return def;
    try {
      return d[key].as<std::string>();
    } catch (const YAML::Exception&) {
      fail(ErrorKind::input, fmt::format("{}: key '{}' should be a string", yaml.string(), key));
    }
  };
  const fs::path dir = yaml.parent_path();
  const std::string mode = str("labels", "joined");
  if (mode != "joined" && mode != "split")
    fail(ErrorKind::input, fmt::format("{}: labels: expected joined or split, found '{}'", yaml.string(), mode));
  const bool joined = mode == "joined";
  const std::string lsep = str("label_separator", "_");
  if (lsep.size() != 1) fail(ErrorKind::input, fmt::format("{}: label_separator must be one character", yaml.string()));
  auto spec_for = [&](const fs::path& p, size_t header_lines, size_t index_cols) {
    TableSpec s;
    const std::string ext = ascii_lower(p.extension().string() == ".gz" ? p.stem().extension().string() : p.extension().string());
    const std::string sep = str("separator", ext == ".tsv" || ext == ".txt" ? "\t" : ",");
    if (sep.empty()) fail(ErrorKind::input, fmt::format("{}: separator is empty; give one character", yaml.string()));
    s.sep = sep == "\\t" || sep == "tab" ? '\t' : sep[0];
    s.header_lines = header_lines;
    s.index_cols = index_cols;
    s.threads = options.threads;
    return s;
  };
  auto file = [&](const char* key, bool required) -> std::optional<fs::path> {
    if (!d[key]) {
      if (required) fail(ErrorKind::input, fmt::format("{}: missing key '{}' (the file holding {})", yaml.string(), key, key));
      return std::nullopt;
    }
    return dir / str(key, "");
  };
  auto read = [&](const fs::path& p, size_t header_lines, size_t index_cols, size_t rows) {
    auto src = open_file(p);
    TableSpec s = spec_for(p, header_lines, index_cols);
    s.rows = rows;
    return read_table(*src, s);
  };
  // Column labels of a table as (outer, inner) pairs.
  auto col_labels = [&](const TextTable& t) {
    Labels l;
    const size_t lines = joined ? 1 : 2;  // REGION_CODE in one line, or region and code in two
    if (t.columns.size() < lines)
      fail(ErrorKind::input, fmt::format("{}: expected {} header line{} of column labels, found {}", t.name, lines,
                                         lines > 1 ? "s" : "", t.columns.size()));
    for (size_t k = 0; k < lines; ++k)
      if (t.columns[k].size() != t.cols())
        fail_at(t.header_position(k, 1), fmt::format("expected {} column labels, one per column of numbers, found {}",
                                                     t.cols(), t.columns[k].size()));
    if (!joined) return Labels{t.columns[0], t.columns[1]};
    for (size_t j = 0; j < t.cols(); ++j) {
      auto [a, b] = detail::split_first(t.columns[0][j], lsep[0]);
      if (b.empty())
        fail_at(t.header_position(0, j + 1), fmt::format("expected a label REGION{}CODE, found '{}'", lsep, t.columns[0][j]));
      l.outer.push_back(a), l.inner.push_back(b);
    }
    return l;
  };
  auto row_labels = [&](const TextTable& t) {
    Labels l;
    if (!joined) return Labels{t.row_labels[0], t.row_labels[1]};
    for (size_t i = 0; i < t.rows(); ++i) {
      auto [a, b] = detail::split_first(t.row_labels[0][i], lsep[0]);
      if (b.empty())
        fail_at(t.row_position(i), fmt::format("expected a label REGION{}SECTOR, found '{}'", lsep, t.row_labels[0][i]));
      l.outer.push_back(a), l.inner.push_back(b);
    }
    return l;
  };
  const size_t H = joined ? 1 : 2, K = joined ? 1 : 2;
  auto hat = [](const TextTable& t, size_t k) {
    return [&t, k](size_t j, int level) { return t.header_position(size_t(level), j + k); };
  };
  auto rat = [](const TextTable& t) { return [&t](size_t i, int) { return t.row_position(i); }; };

  Mrio m;
  const fs::path zf = *file("Z", true);
  TextTable Z = [&] {
    auto src = open_file(zf);
    TableSpec s = spec_for(zf, H, K);
    s.square = true;
    return read_table(*src, s);
  }();
  const auto zc = col_labels(Z), zr = row_labels(Z);
  const detail::Grid g = detail::grid_of(zc.outer, zc.inner, hat(Z, K), "column (region, sector)");
  detail::expect_grid(zr.outer, zr.inner, g, rat(Z), "row (region, sector)");
  m.regions = g.outer, m.sectors = g.inner, m.sector_names = g.inner;
  const size_t n = m.n();
  TextTable Y = read(*file("Y", true), H, K, n);
  const auto yc = col_labels(Y), yr = row_labels(Y);
  const detail::Grid gy = detail::grid_of(yc.outer, yc.inner, hat(Y, K), "column (region, category)");
  if (gy.outer != m.regions)
    fail_at(Y.header_position(0, K), "final-demand regions differ from Z's (same regions, same order expected)");
  detail::expect_grid(yr.outer, yr.inner, g, rat(Y), "row (region, sector)");
  m.categories = gy.inner;
  m.Z = std::move(Z.values);
  m.Y = std::move(Y.values);
  if (auto xf = file("x", false)) {
    TextTable X = read(*xf, 1, K, n);
    if (X.cols() != 1) fail_at(X.header_position(0, K), fmt::format("expected one column of gross output, found {}", X.cols()));
    const auto xr = row_labels(X);
    detail::expect_grid(xr.outer, xr.inner, g, rat(X), "row (region, sector)");
    m.x.assign(X.values.data(), X.values.data() + n);
  } else {
    m.x = m.Z.row_sums();
    const auto y = m.Y.row_sums();
    for (size_t i = 0; i < n; ++i) m.x[i] += y[i];
  }
  m.unit = str("unit", "");
  if (m.unit.empty()) fail(ErrorKind::input, fmt::format("{}: missing key 'unit' (e.g. unit: M EUR)", yaml.string()));
  if (auto ff = file("F", false)) {
    TextTable F = read(*ff, H, 1, 0);
    const auto fc = col_labels(F);
    detail::expect_grid(fc.outer, fc.inner, g, hat(F, 1), "column (region, sector)");
    for (const auto& s : F.row_labels[0]) m.stressors.push_back({s, "", ""});
    m.F = std::move(F.values);
    if (auto fyf = file("F_Y", false)) {
      TextTable FY = read(*fyf, H, 1, m.stressors.size());
      const auto fyc = col_labels(FY);
      detail::expect_grid(fyc.outer, fyc.inner, gy, hat(FY, 1), "column (region, category)");
      for (size_t k = 0; k < m.stressors.size(); ++k)
        if (FY.row_labels[0][k] != m.stressors[k].name)
          fail_at(FY.row_position(k), fmt::format("expected stressor '{}' as in F, found '{}'", m.stressors[k].name,
                                                  FY.row_labels[0][k]));
      m.F_Y = std::move(FY.values);
    } else {
      m.F_Y = Matrix(m.stressors.size(), m.Y.cols());
    }
    if (auto uf = file("units", false)) {
      CsvReader csv(read_text(*uf), uf->string(), spec_for(*uf, 0, 0).sep);
      csv.next();  // header
      size_t k = 0;
      while (csv.next()) {
        csv.expect_fields(2, "stressor, unit");
        if (k >= m.stressors.size() || csv.field(0) != m.stressors[k].name)
          fail_at(csv.position(0), fmt::format("expected stressor '{}' (the order of F), found '{}'",
                                               k < m.stressors.size() ? m.stressors[k].name : "(none)", csv.field(0)));
        m.stressors[k++].unit = csv.field(1);
      }
      if (k != m.stressors.size())
        fail(ErrorKind::input, fmt::format("{}: {} units for {} stressors", uf->string(), k, m.stressors.size()));
    }
  } else {
    m.F = Matrix(0, n);
    m.F_Y = Matrix(0, m.Y.cols());
  }
  if (d["year"]) {
    try {
      m.provenance.year = d["year"].as<int>();
    } catch (const YAML::Exception&) {
      fail(ErrorKind::input, fmt::format("{}: year: expected a year like 2019, found '{}'", yaml.string(),
                                         d["year"].IsScalar() ? d["year"].Scalar() : "a list or mapping"));
    }
  }
  m.provenance.source = str("source", fmt::format("generic labelled tables described by {}", yaml.string()));
  m.provenance.licence = str("licence", "");
  validate(m, yaml.string());
  return m;
}

}  // namespace worldsys::io
