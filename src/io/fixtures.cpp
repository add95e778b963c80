// Fixture generators: small tables written in exactly each published layout (from the format notes in
// ../shared/formats/), generated from a random balanced Mrio so that a reader can be checked for an exact
// round trip of every matrix and label.
#include <fmt/format.h>

#include <random>

#include "worldsys/core/error.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/pymrio.hpp"
#include "io/fixture_writers.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

Mrio random_mrio(const std::vector<std::string>& regions, const std::vector<std::string>& sectors,
                 const std::vector<std::string>& categories, const std::vector<Stressor>& stressors, uint64_t seed,
                 double zero_share) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Mrio m;
  m.regions = regions;
  m.sectors = sectors;
  m.sector_names = sectors;
  m.categories = categories;
  m.unit = "M.EUR";
  const size_t n = m.n(), fd = regions.size() * categories.size();
  // Values with a few significant digits and a wide range, as in real tables; zero cells are common.
  auto value = [&](double scale) {
    if (u(rng) < zero_share) return 0.0;
    return std::round(u(rng) * scale * 1e4) / 1e4;
  };
  m.Z = Matrix(n, n);
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) m.Z(i, j) = value(i / sectors.size() == j / sectors.size() ? 100 : 10);
  m.Y = Matrix(n, fd);
  for (size_t j = 0; j < fd; ++j)
    for (size_t i = 0; i < n; ++i) m.Y(i, j) = value(j / categories.size() == i / sectors.size() ? 1000 : 50);
  if (fd > 4 && n > 1) m.Y(1, 4) = -3.25;  // inventories can fall
  // x = Z 1 + Y 1; each sector buys less than it sells so the table is productive.
  m.x = m.Z.row_sums();
  const auto y = m.Y.row_sums();
  for (size_t i = 0; i < n; ++i) m.x[i] += y[i];
  const auto used = m.Z.col_sums();
  for (size_t j = 0; j < n; ++j)
    if (used[j] >= m.x[j])
      for (size_t i = 0; i < n; ++i) m.Z(i, j) = 0;
  // A sector with no output (real tables have them): row and column of Z, row of Y all zero.
  if (n > 2) {
    const size_t k = n - 2;
    for (size_t j = 0; j < n; ++j) m.Z(k, j) = 0, m.Z(j, k) = 0;
    for (size_t j = 0; j < fd; ++j) m.Y(k, j) = 0;
  }
  m.x = m.Z.row_sums();
  const auto y2 = m.Y.row_sums();
  for (size_t i = 0; i < n; ++i) m.x[i] += y2[i];
  m.stressors = stressors;
  m.F = Matrix(stressors.size(), n);
  m.F_Y = Matrix(stressors.size(), fd);
  for (size_t k = 0; k < stressors.size(); ++k) {
    for (size_t j = 0; j < n; ++j) m.F(k, j) = m.x[j] == 0 ? 0.0 : value(500);
    for (size_t j = 0; j < fd; ++j) m.F_Y(k, j) = j % categories.size() == 0 ? value(80) : 0.0;
  }
  m.provenance.source = fmt::format("worldsys random fixture (seed {})", seed);
  return m;
}

std::vector<std::string> detail::take_labels(const std::vector<std::string>& real, size_t n, const std::string& pattern) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i)
    out.push_back(i < real.size() ? real[i] : fmt::format(fmt::runtime(pattern), i + 1, i + 1));
  return out;
}

namespace {

using detail::take_labels;
std::vector<std::string> take(const std::vector<std::string>& real, size_t n, const std::string& pattern) {
  return take_labels(real, n, pattern);
}

const std::vector<std::string> kExioRegions = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR",
                                               "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO",
                                               "SE", "SI", "SK", "GB", "US", "JP", "CN", "CA", "KR", "BR", "IN", "MX",
                                               "RU", "AU", "CH", "TR", "TW", "NO", "ID", "ZA", "WA", "WL", "WE", "WF",
                                               "WM"};
const std::vector<std::string> kExioProducts = {
    "Paddy rice", "Wheat", "Cereal grains nec", "Vegetables, fruit, nuts", "Oil seeds", "Sugar cane, sugar beet",
    "Plant-based fibers", "Crops nec", "Cattle", "Pigs", "Poultry", "Meat animals nec"};
const std::vector<std::string> kExioIndustries = {
    "Cultivation of paddy rice", "Cultivation of wheat", "Cultivation of cereal grains nec",
    "Cultivation of vegetables, fruit, nuts", "Cultivation of oil seeds"};
const std::vector<std::string> kExioFinalDemand = {
    "Final consumption expenditure by households",
    "Final consumption expenditure by non-profit organisations serving households (NPISH)",
    "Final consumption expenditure by government",
    "Gross fixed capital formation",
    "Changes in inventories",
    "Changes in valuables",
    "Exports: Total (fob)"};
const std::vector<std::string> kExioFactorInputs = {
    "Taxes less subsidies on products purchased: Total",
    "Other net taxes on production",
    "Compensation of employees; wages, salaries, & employers' social contributions: Low-skilled",
    "Compensation of employees; wages, salaries, & employers' social contributions: Medium-skilled",
    "Compensation of employees; wages, salaries, & employers' social contributions: High-skilled",
    "Operating surplus: Consumption of fixed capital",
    "Operating surplus: Rents on land",
    "Operating surplus: Royalties on resources",
    "Operating surplus: Remaining net operating surplus"};

Fixture exiobase3_fixture(const fs::path& dir, const FixtureOptions& o) {
  const std::string variant = o.variant.empty() ? "3.8" : o.variant;
  if (variant != "3.8" && variant != "3.9" && variant != "3.9a" && variant != "3.4")
    fail(ErrorKind::usage, fmt::format("EXIOBASE 3 fixture variant '{}': expected 3.8, 3.9, 3.9a or 3.4", variant));
  auto regions = take(kExioRegions, o.regions, "R{}");
  if (o.regions >= 2) regions.back() = "WM";  // a rest-of-world region last, as in the release
  const auto sectors = take(kExioProducts, o.sectors, "Product {}");
  std::vector<Stressor> st;
  std::vector<std::string> folders;
  auto add = [&](const std::string& folder, const std::string& name, const std::string& unit) {
    st.push_back({name, unit, ""});
    folders.push_back(folder);
  };
  const bool v39 = variant.starts_with("3.9");
  for (const auto& f : kExioFactorInputs) add(v39 ? "factor_inputs" : "satellite", f, "M.EUR");
  // Real row names and units (EXIOBASE 3.8 satellite/F.txt; 3.9+ extension folders), one or more per canonical
  // factor (data/factors/exiobase3.csv), and a biogenic CO2 row the co2 factor must leave out.
  auto folder = [&](const char* f) { return v39 ? f : "satellite"; };
  add(folder("air_emissions"), "CO2 - combustion - air", "kg");
  add(folder("air_emissions"), "CH4 - agriculture - air", "kg");
  add(folder("air_emissions"), "CO2 - non combustion - Cement production - air", "kg");
  add(folder("air_emissions"), "CO2 - waste - biogenic - air", "kg");
  add(folder("air_emissions"), "CH4 - combustion - air", "kg");
  add(folder("air_emissions"), "N2O - agriculture - air", "kg");
  for (const char* what : {"people", "hours"})
    for (const char* skill : {"Low", "Medium", "High"})
      for (const char* sex : {"male", "female"})
        add(folder("employment"), fmt::format("Employment {}: {}-skilled {}", what, skill, sex),
            std::string_view(what) == "people" ? "1000 p" : "M.hr");
  for (const char* m : {"Primary Crops - Wheat", "Grazed biomass", "Metal Ores - Iron ores",
                        "Non-Metallic Minerals - Limestone", "Fossil Fuels - Crude oil"})
    add(folder("material"), fmt::format("Domestic Extraction Used - {}", m), "kt");
  for (const char* l : {"Cropland - cropped area - Wheat", "Perm. meadows & pastures - Nat. growing - Grazing-Cattle", "Forest"})
    add(folder("land"), l, "km2");
  add(folder("water"), "Water Consumption Blue - Agriculture - wheat", "Mm3");
  add(folder("energy"), "Energy use - Gross", "TJ");
  add(folder("energy"), "Energy use - Net", "TJ");
  if (variant == "3.8") add("impacts", "GHG emissions (GWP100) | Problem oriented approach: baseline (CML, 2001)", "kg CO2 eq");
  Mrio m = random_mrio(regions, sectors, kExioFinalDemand, st, o.seed);
  PymrioWrite w;
  w.precision = o.precision;
  w.folder_of_stressor = folders;
  w.name = "EXIOBASE 3 fixture";
  w.system = "pxp";
  w.version = "v" + variant + " (worldsys fixture)";
  const std::string stem = fmt::format("IOT_{}_pxp", o.year);
  Fixture fx;
  if (variant == "3.8") {
    w.write_A = true;
    w.top_folder = o.unpacked ? "" : stem;  // the 3.8 zips hold one top folder
  } else if (variant == "3.9a") {
    // A >= 3.9 release shipping A and x but not Z: the reader computes Z = A diag(x).
    w.write_Z = false;
    w.write_A = true;
    fx.tolerance = 1e-12;
  } else if (variant == "3.4") {
    // 3.4: A, Y and unit only (x and Z derived on import); F_hh; extension files without the stressor line.
    w.write_Z = false;
    w.write_A = true;
    w.write_x = false;
    w.stressor_name_line = false;
    w.final_demand_stressor_file = "F_hh";
    fx.tolerance = 1e-9;
  }
  fx.path = dir / (o.unpacked ? stem : stem + ".zip");
  write_pymrio(m, fx.path, w);
  m.provenance.year = o.year;
  fx.expected = std::move(m);
  return fx;
}

Fixture pymrio_fixture(const fs::path& dir, const FixtureOptions& o) {
  const auto regions = take({}, o.regions, "reg{}");
  const auto sectors = take({}, o.sectors, "sec{}");
  Mrio m = random_mrio(regions, sectors, {"hh", "gov", "gfcf", "inv", "exp"},
                       {{"co2", "kt", ""}, {"employment", "1000 persons", ""}}, o.seed);
  PymrioWrite w;
  w.precision = o.precision;
  Fixture fx;
  fx.path = dir / (o.unpacked ? "pymrio_table" : "pymrio_table.zip");
  if (o.variant == "folder") fx.path = dir / "pymrio_table";
  write_pymrio(m, fx.path, w);
  fx.expected = std::move(m);
  return fx;
}

}  // namespace

const std::vector<FixtureFormat>& fixture_formats() {
  static const std::vector<FixtureFormat> formats = {
      {"exiobase3", "3.8,3.9,3.9a,3.4", exiobase3_fixture},
      {"pymrio", "zip,folder", pymrio_fixture},
      {"oecd-icio", "2023,2023nested,2023sml,2021,2018,2016", detail::oecd_icio_fixture},
      {"figaro", "ind-by-ind,prod-by-prod,sut,flat-ind-by-ind,flat-prod-by-prod,flat-sut", detail::figaro_fixture},
      {"eora26", "bp,indices,full", detail::eora26_fixture},
      {"gloria", "059", detail::gloria_fixture},
      {"wiod2016", "rdata", detail::wiod2016_fixture},
      {"generic", "joined,split", detail::generic_fixture},
  };
  return formats;
}

Fixture write_fixture(const std::string& format, const fs::path& dir, const FixtureOptions& options) {
  std::string names;
  for (const auto& f : fixture_formats()) {
    if (f.name == format) {
      fs::create_directories(dir);
      return f.write(dir, options);
    }
    names += (names.empty() ? "" : ", ") + f.name;
  }
  fail(ErrorKind::usage, fmt::format("no fixture generator for '{}'; known: {}", format, names));
}

}  // namespace worldsys::io
