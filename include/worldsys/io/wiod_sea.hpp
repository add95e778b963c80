#pragma once
// Factor satellites for the WIOD 2013 tables from the WIOD 2016 Socio-Economic Accounts (SEA, 56 NACE rev.2
// industries, 2000-2014), with the gaps filled from the Penn World Table and every filled cell flagged.
//
// Stressors added (per region x WIOD13 industry):
//   labour_hours         M h              hours worked by persons engaged: H_EMPE x EMP / EMPE per industry
//                                         (the self-employed work the hours of an employee of their industry)
//   employment           1000 persons     persons engaged (EMP)
//   labour_compensation  M USD            LAB (compensation of employees + imputed labour income of the
//                                         self-employed) / NOMEXCH, the SEA's own exchange rate
// NACE2 -> WIOD13 goes through a concordance (data/concordances/nace2-wiod13.csv); one-to-many rows are split by
// the table's gross output shares. Gaps, each flagged as an Imputation of its stressor:
//   China: no employee hours in the SEA -> EMP x average annual hours per person engaged (PWT `avh`).
//   Taiwan: no NOMEXCH -> PWT `xr`.
//   Industries with EMP > 0 but no employees -> the country's hours per person engaged.
//   RoW: totals of PWT `emp` (and `emp` x `avh`) over all countries outside the 40 WIOD countries, spread over
//        RoW's industries in proportion to RoW output x the donor group's labour per unit of output;
//        compensation = RoW value added x the donors' labour share of value added, industry by industry.
//   Where PWT has no `avh` (PWT 10.01, or a country without it), hours per person = the donors' SEA average.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "worldsys/core/mrio.hpp"
#include "worldsys/io/pwt.hpp"

namespace worldsys::io {

struct SeaOptions {
  std::filesystem::path sea;  // WIOD_SEA_Nov16_long.csv(.gz) or the folder holding it
  std::filesystem::path pwt;  // PWT 9.1 R package folder (default kPwt91DebianDir) or PWT 10.01 open-numbers folder
  // WIOD regions whose labour per unit of output, by industry, shapes RoW: the non-high-income WIOD countries
  // (World Bank FY2013) with SEA hours, i.e. the economies most like the bulk of RoW's workforce.
  std::vector<std::string> row_donors = {"BRA", "BGR", "IDN", "IND", "LTU", "LVA", "MEX", "ROM", "RUS", "TUR"};
  std::string concordance = "nace2-wiod13";  // built-in name or a CSV file (nace2,wiod13 rows)
};

// The SEA: country -> year -> industry -> variable -> value (variables as in the file: EMP, H_EMPE, LAB, ...).
struct Sea {
  std::string path;
  std::vector<std::string> industries;  // in file order
  std::map<std::string, std::map<int, std::map<std::string, std::map<std::string, double>>>> values;
};
Sea read_sea(const std::filesystem::path& path_or_dir);

// NACE2 -> WIOD13 rows, and where an industry goes when all its targets have no output; an input error for an
// unknown sector or a NACE2 industry with no row.
struct SectorLinks {
  std::vector<std::pair<std::string, std::string>> links;
  std::map<std::string, std::vector<std::string>> if_no_output;
};
SectorLinks load_sector_links(const std::string& file_or_name, const std::vector<std::string>& nace,
                              const std::vector<std::string>& wiod);

// Adds the three stressors to a WIOD 2013 table of a year the SEA covers. The table needs value_added.
void add_sea_satellites(Mrio& m, const Sea& sea, const Pwt& pwt, const SeaOptions& opt);

// The SEA code of a WIOD 2013 region (ROM -> ROU), and the ISO3 code PWT uses.
std::string sea_code(const std::string& wiod_region);

}  // namespace worldsys::io
