#include "worldsys/io/co2.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

const char* const kCait[kCaitSectors] = {
    "Electricity & Heat",    "Manufacturing & Construction", "Transport", "Buildings",
    "Other Fuel Combustion", "Fugitive Emissions",           "Industry"};

}  // namespace

Co2Data read_co2(const fs::path& dir) {
  Co2Data d;
  d.path = dir.string();
  std::map<std::string, std::string> iso_of;  // OWID country name -> ISO3, to read CAIT's names
  {
    const fs::path p = find_variant(dir, "owid_co2_data_2020-12", {".csv", ".csv.gz"});
    CsvReader csv(read_text(p), p.string());
    csv.next();
    const CsvHeader h(csv);
    const size_t iso = h["iso_code"], name = h["country"], year = h["year"], co2 = h["co2"],
                 cons = h["consumption_co2"];
    while (csv.next()) {
      std::string code(csv.field(iso));
      if (code == "OWID_WRL") code = "WORLD";
      if (code.empty() || (code.starts_with("OWID_") && code != "WORLD")) continue;
      iso_of[std::string(csv.field(name))] = code;
      const int y = csv.integer(year);
      if (!csv.field(co2).empty()) d.territorial[code][y] = csv.number(co2);
      if (!csv.field(cons).empty()) d.consumption[code][y] = csv.number(cons);
    }
  }
  const fs::path p = find_variant(dir, "cait_co2_by_sector_2020-12", {".csv", ".csv.gz"});
  CsvReader csv(read_text(p), p.string());
  csv.next();
  const CsvHeader h(csv);
  const size_t country = h["Country"], year = h["Year"];
  size_t cols[kCaitSectors];
  for (size_t c = 0; c < kCaitSectors; ++c) cols[c] = h[kCait[c]];
  while (csv.next()) {
    auto it = iso_of.find(std::string(csv.field(country)));
    if (it == iso_of.end()) continue;  // aggregates such as "European Union (27)"
    std::array<double, kCaitSectors> v{};
    for (size_t c = 0; c < kCaitSectors; ++c) v[c] = csv.field(cols[c]).empty() ? 0 : csv.number(cols[c]);
    d.cait[it->second][csv.integer(year)] = v;
  }
  return d;
}

void add_co2_satellite(Mrio& m, const Co2Data& d) {
  if (!m.provenance.year) fail(ErrorKind::input, "the table has no year; the CO2 satellite needs one");
  const int year = *m.provenance.year;
  const size_t R = m.regions.size(), NS = m.sectors.size(), K = m.categories.size();
  auto sec = [&](const std::string& s) {
    auto it = std::find(m.sectors.begin(), m.sectors.end(), s);
    if (it == m.sectors.end()) fail(ErrorKind::input, fmt::format("the CO2 satellite needs WIOD 2013 sector {}", s));
    return size_t(it - m.sectors.begin());
  };
  auto range = [&](int a, int b) {
    std::vector<size_t> v;
    for (int i = a; i <= b; ++i) v.push_back(sec("c" + std::to_string(i)));
    return v;
  };
  const size_t hh = std::find(m.categories.begin(), m.categories.end(), "CONS_h") - m.categories.begin();
  if (hh == K) fail(ErrorKind::input, "the CO2 satellite needs the final-demand category CONS_h");
  const size_t kHouseholds = NS;  // marks "households" among candidates
  std::vector<size_t> cand[kCaitSectors];
  cand[0] = {sec("c17")};
  cand[1] = range(3, 16), cand[1].push_back(sec("c18"));
  cand[2] = {sec("c23"), sec("c24"), sec("c25"), kHouseholds};
  cand[3] = range(19, 22);
  for (size_t j : range(26, 35)) cand[3].push_back(j);
  cand[3].push_back(kHouseholds);
  cand[4] = {sec("c1"), sec("c2")};
  cand[5] = {sec("c2"), sec("c8")};
  cand[6] = {sec("c9"), sec("c11"), sec("c12")};
  const bool by_fuel[kCaitSectors] = {true, true, true, true, true, false, false};
  const size_t fuels[2] = {sec("c2"), sec("c8")};

  auto get = [&](const std::map<std::string, std::map<int, double>>& t,
                 const std::string& iso) -> std::optional<double> {
    auto c = t.find(iso);
    if (c == t.end() || !c->second.count(year)) return std::nullopt;
    return c->second.at(year);
  };
  auto split = [&](const std::string& iso) -> std::optional<std::array<double, kCaitSectors>> {
    auto c = d.cait.find(iso);
    if (c == d.cait.end() || !c->second.count(year)) return std::nullopt;
    return c->second.at(year);
  };

  std::vector<Imputation> flags;
  Matrix F(1, m.n()), FY(1, m.Y.cols());
  const auto world_total = get(d.territorial, "WORLD");
  const auto world_split = split("WORLD");
  if (!world_total || !world_split) fail(ErrorKind::input, fmt::format("{}: no world CO2 for {}", d.path, year));
  double rest_total = *world_total;
  auto rest_split = *world_split;
  size_t row = R;
  std::vector<double> totals(R);
  std::vector<std::array<double, kCaitSectors>> splits(R);
  for (size_t r = 0; r < R; ++r) {
    if (m.regions[r] == "RoW") {
      row = r;
      continue;
    }
    const std::string iso = m.regions[r] == "ROM" ? "ROU" : m.regions[r];
    const auto t = get(d.territorial, iso);
    if (!t) fail(ErrorKind::input, fmt::format("{}: no territorial CO2 for {} in {}", d.path, iso, year));
    auto s = split(iso);
    if (!s) {
      s = split("KOR");
      if (!s) fail(ErrorKind::input, fmt::format("{}: no CAIT sector split for {} (nor KOR) in {}", d.path, iso, year));
      flags.push_back({m.regions[r], "no CAIT sector split: Korea's shares applied to its GCP total"});
    } else {
      for (size_t c = 0; c < kCaitSectors; ++c) rest_split[c] -= (*s)[c];
    }
    totals[r] = *t;
    splits[r] = *s;
    rest_total -= *t;
  }
  if (row < R) {
    for (auto& v : rest_split) v = std::max(0.0, v);
    totals[row] = std::max(0.0, rest_total);
    splits[row] = rest_split;
    flags.push_back({"RoW",
                     "world minus the 40 WIOD countries, total (GCP) and CAIT sectors (Taiwan's CAIT split, "
                     "absent from CAIT's world, is not subtracted)"});
  }

  for (size_t r = 0; r < R; ++r) {
    const double sum = std::accumulate(splits[r].begin(), splits[r].end(), 0.0);
    if (sum <= 0) fail(ErrorKind::input, fmt::format("CAIT sectors sum to zero for {} in {}", m.regions[r], year));
    // Fuel purchases of each industry of r and of r's households, from every origin.
    std::vector<double> fuel(NS + 1, 0);
    for (size_t j = 0; j < NS; ++j)
      for (size_t o = 0; o < R; ++o)
        for (size_t p : fuels) fuel[j] += m.Z(o * NS + p, r * NS + j);
    for (size_t o = 0; o < R; ++o)
      for (size_t p : fuels) fuel[NS] += m.Y(o * NS + p, r * K + hh);
    for (size_t c = 0; c < kCaitSectors; ++c) {
      const double amount = totals[r] * splits[r][c] / sum;
      if (amount == 0) continue;
      auto weight = [&](size_t j) {
        if (by_fuel[c]) return std::max(0.0, fuel[j]);
        return j == kHouseholds ? 0.0 : m.x[r * NS + j];
      };
      double wsum = 0;
      for (size_t j : cand[c]) wsum += weight(j);
      bool by_output = false;
      if (wsum <= 0) {  // no fuel bought by any candidate: fall back to output, and say so
        by_output = true;
        for (size_t j : cand[c]) wsum += j == kHouseholds ? 0.0 : m.x[r * NS + j];
        if (wsum <= 0) continue;
        flags.push_back({m.regions[r], fmt::format("CAIT '{}' allocated by output (no fuel purchases)", kCait[c])});
      }
      for (size_t j : cand[c]) {
        const double w = by_output ? (j == kHouseholds ? 0.0 : m.x[r * NS + j]) : weight(j);
        if (j == kHouseholds)
          FY(0, r * K + hh) += amount * w / wsum;
        else
          F(0, r * NS + j) += amount * w / wsum;
      }
    }
  }

  Matrix newF(m.F.rows() + 1, m.n()), newFY(m.F_Y.rows() + 1, m.F_Y.cols());
  for (size_t i = 0; i < m.n(); ++i) {
    for (size_t k = 0; k < m.F.rows(); ++k) newF(k, i) = m.F(k, i);
    newF(m.F.rows(), i) = F(0, i);
  }
  for (size_t j = 0; j < m.F_Y.cols(); ++j) {
    for (size_t k = 0; k < m.F_Y.rows(); ++k) newFY(k, j) = m.F_Y(k, j);
    newFY(m.F_Y.rows(), j) = FY(0, j);
  }
  m.F = std::move(newF);
  m.F_Y = std::move(newFY);
  m.stressors.push_back(
      {"co2", "Mt CO2",
       fmt::format("GCP territorial CO2 {} (fossil + cement, OWID Dec 2020) split by CAIT sectors and "
                   "allocated to industries/households by fuel purchases (c2, c8); see io/co2.hpp",
                   year),
       flags});
  m.provenance.history.push_back(fmt::format("satellite co2: {} ({})", year, d.path));
}

}  // namespace worldsys::io
