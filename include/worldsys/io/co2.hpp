#pragma once
// A CO2 satellite for the WIOD 2013 tables from national statistics (../shared/data/environment): the Global
// Carbon Project's territorial CO2 (fossil fuels and cement, via Our World in Data) split into CAIT's sectors
// and allocated to the table's industries and households.
//
// Per country and year: total = GCP `co2` (Mt); CAIT shares of the seven sectors that make up CAIT's total
// without land use (international bunkers are in neither total). Each CAIT sector goes to its candidates:
//   Electricity & Heat            c17
//   Manufacturing & Construction  c3-c16, c18
//   Transport                     c23 c24 c25 + households (F_Y, CONS_h)
//   Buildings                     c19-c22, c26-c35 + households
//   Other Fuel Combustion         c1 c2
//   Fugitive Emissions            c2 c8                 (by gross output: not a matter of fuel burnt)
//   Industry (process)            c9 c11 c12            (by gross output: cement, chemicals, metals)
// within which fuel-burning sectors are weighted by their purchases of fuels (products c2 and c8 from every
// country: Z for industries, Y CONS_h for households). Weaknesses (documented in docs/co2_vs_gcp.md): fuel
// spending is a proxy for tonnes burnt (prices differ by user), process emissions by output, and CAIT's
// sectors are broader than the industries.
// RoW = world - the 40 WIOD countries, in the total and in each CAIT sector. Taiwan has no CAIT split: it
// borrows Korea's (flagged).
#include <array>
#include <filesystem>
#include <map>
#include <string>

#include "worldsys/core/mrio.hpp"

namespace worldsys::io {

inline constexpr size_t kCaitSectors = 7;

struct Co2Data {
  std::string path;
  std::map<std::string, std::map<int, double>> territorial;                     // ISO3 (and "WORLD") -> year -> Mt
  std::map<std::string, std::map<int, double>> consumption;                     // GCP consumption-based, Mt
  std::map<std::string, std::map<int, std::array<double, kCaitSectors>>> cait;  // ISO3/"WORLD" -> year -> Mt
};
// `dir` holds owid_co2_data_2020-12.csv and cait_co2_by_sector_2020-12.csv.
Co2Data read_co2(const std::filesystem::path& dir);

// Adds the stressor "co2" (Mt CO2) to F and F_Y (households). Needs the table's year in the data.
void add_co2_satellite(Mrio& m, const Co2Data& d);

}  // namespace worldsys::io
