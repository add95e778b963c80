// GLORIA (IELab global MRIO, releases 057 and 059): supply-use tables converted to an industry-by-industry IO table.
// GLORIA_MRIOs_59_YYYY.zip holds header-less comma matrices {DATE}_120secMother_AllCountries_002_{T,Y,V}-Results_
// YYYY_059_Markup001(full).csv (basic prices; the build-date prefix varies, so files are found by suffix);
// GLORIA_SatelliteAccounts_059_YYYY.zip holds TQ and YQ; labels come from the GLORIA_ReadMe_059.xlsx workbook
// beside them (sheets Regions, Sectors, "Value added and final demand", Satellites). In T each region has its
// industries then its products: T[industry, product] is the make (supply) matrix M, T[product, industry] the use
// matrix U; Y has final demand in product rows; V and TQ have values in industry columns.
//
// Technology assumption (stated in the provenance): fixed product sales structures (Eurostat model D), the
// conversion shared with FIGARO in io/sut.hpp. GLORIA's supply is diagonal, so D is a permutation-like matrix and
// Z is U relabelled by industry (made in U's own memory).
// In memory: never T (R·2S squared), only U (n x n, n = R·S), the make nonzeros, Y's product rows, V's industry
// columns; TQ goes straight into F. Peak for 059 at full size (n = 19,680): about 3.1 GB plus Y, V and satellites.
// Money in thousands of US dollars. Layout notes: ../shared/formats/gloria.md.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>

#include "io/sut.hpp"
#include "io/xlsx.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

// The column under header `name` in a ReadMe sheet (the header row is found, not assumed).
std::vector<std::string> readme_column(const fs::path& xlsx, const std::string& sheet, const std::string& name) {
  const auto grid = detail::read_xlsx_sheet(xlsx, sheet);
  for (size_t r = 0; r < grid.size(); ++r)
    for (size_t c = 0; c < grid[r].size(); ++c)
      if (grid[r][c] == name) {
        std::vector<std::string> out;
        for (size_t k = r + 1; k < grid.size() && c < grid[k].size() && !grid[k][c].empty(); ++k) out.push_back(grid[k][c]);
        return out;
      }
  fail(ErrorKind::input, fmt::format("{}: sheet '{}' has no column headed '{}'", xlsx.string(), sheet, name));
}

}  // namespace

Mrio read_gloria(const fs::path& source, const ImportOptions& options) {
  const fs::path dir = fs::is_directory(source) ? source : source.parent_path();
  // The MRIO files: the given zip or folder, else the year's GLORIA_MRIOs zip in the folder.
  fs::path mrio = source;
  std::optional<fs::path> sat;
  std::optional<fs::path> readme;
  if (fs::is_directory(source)) {
    auto top = Bundle::open(source);
    bool loose = false;
    for (const auto& f : top->files())
      if (std::regex_match(ascii_lower(f), std::regex(R"(.*_t-results_\d{4}_\d{3}_markup001\(full\)\.csv)"))) loose = true;
    if (!loose)
      mrio = source / top->select(R"(gloria_mrios_\d+_\d{4}(\.zip)?)", options.year, "GLORIA MRIO archive (GLORIA_MRIOs_59_YYYY.zip)");
  }
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string n = ascii_lower(e.path().filename().string());
    if (std::regex_match(n, std::regex(R"(gloria_readme_\d{3}a?\.xlsx)"))) readme = e.path();
    if (std::regex_match(n, std::regex(R"(gloria_satelliteaccounts_\d{3}_\d{4}(\.zip)?)")) &&
        (!options.year || n.find(std::to_string(*options.year)) != std::string::npos))
      sat = e.path();
  }
  if (!readme)
    fail(ErrorKind::input, fmt::format("{}: no GLORIA_ReadMe_0NN.xlsx beside the tables (it holds the labels)", dir.string()));
  auto b = Bundle::open(mrio);
  auto find = [&](const Bundle& bb, const std::string& what) {
    return bb.select(fmt::format(R"(.*_{}-results_\d{{4}}_\d{{3}}_markup001\(full\)\.csv(\.gz)?)", what), options.year,
                     fmt::format("GLORIA {}-Results file (basic prices, Markup001)", what));
  };
  const std::string t_file = find(*b, "t");

  Mrio m;
  m.regions = readme_column(*readme, "Regions", "Region_acronyms");
  m.sectors = readme_column(*readme, "Sectors", "Sector_names");
  m.sector_names = m.sectors;
  m.categories = readme_column(*readme, "Value added and final demand", "Final_demand_names");
  const auto va_names = readme_column(*readme, "Value added and final demand", "Value_added_names");
  m.unit = "k USD";
  const size_t R = m.regions.size(), S = m.sectors.size(), K = m.categories.size(), W = va_names.size(), n = R * S;
  auto ind = [&](size_t i) { return (i / S) * 2 * S + i % S; };  // industry i -> position in T (product p: + S)

  // T is read streamed (1.5e9 cells at full size; a dense copy would take 12.4 GB) and only its two blocks with
  // data are kept: U = T[product, industry] dense, and the make nonzeros T[industry, product] per industry.
  // Parsed row blocks arrive on several threads at once; each writes only its own rows.
  TableSpec spec;
  spec.sep = ',';
  spec.threads = options.threads;
  // Visits the rows of a parsed block: industry rows one by one, product rows as runs of consecutive products.
  auto visit = [&](size_t first, size_t count, auto&& industry_row, auto&& product_run) {
    for (size_t r = 0; r < count;) {
      const size_t row = first + r, k = row % (2 * S), reg = row / (2 * S);
      if (k < S) {
        industry_row(r, reg * S + k);
        ++r;
      } else {
        const size_t len = std::min(count - r, 2 * S - k);
        product_run(r, len, reg * S + k - S);
        r += len;
      }
    }
  };
  Matrix U(n, n);
  std::vector<std::vector<std::pair<size_t, double>>> make_rows(n);  // industry -> (product, value), products ascending
  spec.rows = 2 * n;
  spec.cols = 2 * n;
  spec.on_rows = [&](size_t first, size_t count, const double* block, size_t C) {
    visit(
        first, count,
        [&](size_t r, size_t i) {
          for (size_t reg = 0; reg < R; ++reg) {  // the product columns of each region
            const double* v = block + r * C + reg * 2 * S + S;
            for (size_t s = 0; s < S; ++s)
              if (v[s] != 0) make_rows[i].push_back({reg * S + s, v[s]});
          }
        },
        [&](size_t r, size_t len, size_t p0) {
          for (size_t j = 0; j < n; ++j) {
            double* u = U.col(j) + p0;
            const double* v = block + r * C + ind(j);
            for (size_t t = 0; t < len; ++t) u[t] = v[t * C];
          }
        });
  };
  read_table(*b, t_file, spec);
  // Y: final demand in the product rows.
  Matrix Yp(n, R * K);
  spec.cols = R * K;
  spec.on_rows = [&](size_t first, size_t count, const double* block, size_t C) {
    visit(
        first, count, [](size_t, size_t) {},
        [&](size_t r, size_t len, size_t p0) {
          for (size_t c = 0; c < C; ++c) {
            double* y = Yp.col(c) + p0;
            const double* v = block + r * C + c;
            for (size_t t = 0; t < len; ++t) y[t] = v[t * C];
          }
        });
  };
  read_table(*b, find(*b, "y"), spec);
  // V: the industry columns (summed over the region blocks below, in region order).
  Matrix Vi(R * W, n);
  auto industry_columns = [&](Matrix& dst, size_t row0) {
    return [&dst, row0, &ind, n](size_t first, size_t count, const double* block, size_t C) {
      for (size_t j = 0; j < n; ++j)
        for (size_t r = 0; r < count; ++r) dst(row0 + first + r, j) = block[r * C + ind(j)];
    };
  };
  spec.rows = R * W;
  spec.cols = 2 * n;
  spec.on_rows = industry_columns(Vi, 0);
  read_table(*b, find(*b, "v"), spec);

  // Fixed product sales structures (the shared conversion, io/sut.hpp); GLORIA's diagonal supply turns U into Z in
  // place.
  std::vector<detail::MakeEntry> make;
  for (size_t i = 0; i < n; ++i)
    for (const auto& [p, v] : make_rows[i]) make.push_back({i, p, v});
  make_rows = {};
  std::sort(make.begin(), make.end(), [](const auto& a, const auto& b) { return a.p != b.p ? a.p < b.p : a.i < b.i; });
  auto io = detail::industry_technology(std::move(U), std::move(Yp), make);
  m.Z = std::move(io.Z);
  m.Y = std::move(io.Y);
  m.x = std::move(io.x);

  // Stressors: value added (summed over the region blocks), then the satellite accounts (TQ streamed straight into
  // F's rows).
  std::vector<std::string> sat_names, sat_units;
  if (sat) {
    const auto heads = readme_column(*readme, "Satellites", "Sat_head_indicator");
    const auto inds = readme_column(*readme, "Satellites", "Sat_indicator");
    sat_units = readme_column(*readme, "Satellites", "Sat_unit");
    if (heads.size() != inds.size() || inds.size() != sat_units.size())
      fail(ErrorKind::input, fmt::format("{}: sheet Satellites has {} heads, {} indicators and {} units", readme->string(),
                                         heads.size(), inds.size(), sat_units.size()));
    std::map<std::string, int> used;
    for (size_t k = 0; k < inds.size(); ++k) {
      std::string nm = heads[k] + " - " + inds[k];
      if (++used[nm] > 1) nm += fmt::format(" #{}", used[nm]);
      sat_names.push_back(nm);
    }
  }
  for (const auto& v : va_names) m.stressors.push_back({v, m.unit, "GLORIA value added (V-Results)"});
  for (size_t k = 0; k < sat_names.size(); ++k) m.stressors.push_back({sat_names[k], sat_units[k], ""});
  m.F = Matrix(m.stressors.size(), n);
  m.F_Y = Matrix(m.stressors.size(), R * K);
  for (size_t j = 0; j < n; ++j)
    for (size_t r = 0; r < R; ++r)
      for (size_t w = 0; w < W; ++w) m.F(w, j) += Vi(r * W + w, j);
  Vi = Matrix();
  if (sat) {
    auto sb = Bundle::open(*sat);
    spec.rows = sat_names.size();
    spec.cols = 2 * n;
    spec.on_rows = industry_columns(m.F, W);
    read_table(*sb, find(*sb, "tq"), spec);
    spec.cols = R * K;
    spec.on_rows = nullptr;
    const TextTable YQ = read_table(*sb, find(*sb, "yq"), spec);
    for (size_t c = 0; c < R * K; ++c)
      for (size_t k = 0; k < sat_names.size(); ++k) m.F_Y(W + k, c) = YQ.values(k, c);
  }

  std::smatch mm;
  if (std::regex_search(t_file, mm, std::regex(R"(_(\d{4})_(\d{3})_Markup)", std::regex::icase)))
    m.provenance.year = std::stoi(mm[1]);
  m.provenance.source = fmt::format("GLORIA {} (release {}), {}", b->display(t_file), mm.size() > 2 ? mm[2].str() : "?",
                                    detail::kIndustryTechnology);
  m.provenance.licence = "CC BY-NC-SA 4.0 (IELab GLORIA); cite Lenzen et al. (2022)";
  validate(m, b->display(t_file));
  return m;
}

}  // namespace worldsys::io
