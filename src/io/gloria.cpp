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
// Z is U relabelled by industry.
// Money in thousands of US dollars. Layout notes: ../shared/formats/gloria.md.
#include <fmt/format.h>

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
  auto ind = [&](size_t i) { return (i / S) * 2 * S + i % S; };      // industry i -> position in T
  auto prod = [&](size_t p) { return (p / S) * 2 * S + S + p % S; };  // product p -> position in T

  TableSpec spec;
  spec.sep = ',';
  spec.threads = options.threads;
  spec.rows = 2 * n;
  spec.cols = 2 * n;
  const TextTable T = read_table(*b, t_file, spec);
  spec.cols = R * K;
  const TextTable Y = read_table(*b, find(*b, "y"), spec);
  spec.rows = R * W;
  spec.cols = 2 * n;
  const TextTable V = read_table(*b, find(*b, "v"), spec);
  for (const TextTable* t : {&T, &V})
    if (t->cols() != 2 * n)
      fail_at(t->row_position(0), fmt::format("{} columns, expected {} (regions x 2 x sectors from the ReadMe)", t->cols(), 2 * n));
  if (Y.cols() != R * K)
    fail_at(Y.row_position(0), fmt::format("{} columns, expected {} (regions x final-demand categories)", Y.cols(), R * K));

  // Fixed product sales structures (the shared conversion, io/sut.hpp).
  auto io = detail::industry_technology(
      n, n, R * K, [&](size_t i, size_t p) { return T.values(ind(i), prod(p)); },
      [&](size_t p, size_t j) { return T.values(prod(p), ind(j)); }, [&](size_t p, size_t c) { return Y.values(prod(p), c); });
  m.Z = std::move(io.Z);
  m.Y = std::move(io.Y);
  m.x = std::move(io.x);

  // Stressors: value added (summed over the region blocks), then the satellite accounts.
  std::vector<std::string> sat_names, sat_units;
  std::optional<TextTable> TQ, YQ;
  if (sat) {
    auto sb = Bundle::open(*sat);
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
    spec.rows = inds.size();
    spec.cols = 2 * n;
    TQ = read_table(*sb, find(*sb, "tq"), spec);
    spec.cols = R * K;
    YQ = read_table(*sb, find(*sb, "yq"), spec);
  }
  for (const auto& v : va_names) m.stressors.push_back({v, m.unit, "GLORIA value added (V-Results)"});
  for (size_t k = 0; k < sat_names.size(); ++k) m.stressors.push_back({sat_names[k], sat_units[k], ""});
  m.F = Matrix(m.stressors.size(), n);
  m.F_Y = Matrix(m.stressors.size(), R * K);
  for (size_t j = 0; j < n; ++j) {
    for (size_t r = 0; r < R; ++r)
      for (size_t w = 0; w < W; ++w) m.F(w, j) += V.values(r * W + w, ind(j));
    for (size_t k = 0; k < sat_names.size(); ++k) m.F(W + k, j) = TQ->values(k, ind(j));
  }
  for (size_t c = 0; c < R * K; ++c)
    for (size_t k = 0; k < sat_names.size(); ++k) m.F_Y(W + k, c) = YQ->values(k, c);

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
