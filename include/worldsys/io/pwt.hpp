#pragma once
// Penn World Table country-year variables (emp, avh, pl_da, xr, cgdpo ...), from either
//  - PWT 9.1 as shipped by Debian's r-cran-pwt9 (an R package's lazy-load data base, Rdata.rdx/.rdb, read with
//    librdata), the complete table incl. avh (average annual hours worked by persons engaged), or
//  - PWT 10.01 as an open-numbers DDF folder (one ddf--datapoints--VAR--by--country--year.csv per variable),
//    a subset without avh.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace worldsys::io {

struct Pwt {
  std::string source;                                                          // e.g. "Penn World Table 9.1"
  std::map<std::string, std::map<std::string, std::map<int, double>>> values;  // variable -> ISO3 -> year -> value

  bool has(const std::string& variable) const { return values.count(variable) > 0; }
  // Missing (or NA) values are nullopt; an unknown variable too (check `has` for that).
  std::optional<double> get(const std::string& iso3, int year, const std::string& variable) const;
  // ISO3 codes (upper case) with any value of `variable`.
  std::vector<std::string> countries(const std::string& variable) const;
};

// Where Debian's r-cran-pwt9 puts the data, and the open-numbers PWT 10.01 folder under ../shared/data.
inline constexpr const char* kPwt91DebianDir = "/usr/lib/R/site-library/pwt9";

// `dir` is the R package folder (holding data/Rdata.rdx) or its data/ folder.
Pwt read_pwt91(const std::filesystem::path& dir);
// `dir` holds ddf--datapoints--*--by--country--year.csv files; every variable found is read.
Pwt read_pwt_open_numbers(const std::filesystem::path& dir);
// Either of the above, told apart by the folder's content.
Pwt read_pwt(const std::filesystem::path& dir);

}  // namespace worldsys::io

namespace worldsys::io {

// One price level per region of a table, for the ERDI valuation: PWT `variable` (e.g. pl_da) for each country
// region (ROM read as ROU); for a region not in PWT (RoW), the aggregate over every PWT country that is not a
// region of the table, weighted by `weight` (output at PPP, e.g. cda for pl_da): sum(w pl) / sum(w), the ratio of
// output at exchange rates to output at PPP. An input error names a region with no value.
struct RegionPrices {
  std::vector<double> level, weight;
  std::vector<std::string> note;
};
RegionPrices region_price_levels(const Pwt& pwt, const std::vector<std::string>& regions, int year,
                                 const std::string& variable, const std::string& weight);
// US GDP deflator from PWT: nominal GDP (cgdpo x pl_gdpo, at the exchange rate = current US$) over real GDP at
// constant national prices (rgdpna). Only ratios between years mean anything. An input error when missing.
double us_gdp_deflator(const Pwt& pwt, int year);
// A table's money unit in US dollars of the same year: `unit` is a scale (none, k, M, bn) and an ISO 4217 code,
// e.g. "M USD", "M.EUR", "k USD"; `usd_unit` receives the same scale in USD ("M USD"). USD is 1; EUR is converted at
// the year's market rate, PWT's xr of Germany (euro per US dollar, 1999 on). A usage error names a unit without a
// currency, another currency, or a year PWT has no rate for: a money row is never relabelled without converting.
double usd_per_unit(const Pwt& pwt, const std::string& unit, int year, std::string& usd_unit);
// Real GDP growth (rgdpna) of a group of regions from year - 1 to year: sum over the group this year / the same
// sum last year - 1. A region not in PWT (RoW) stands for every PWT country that is not a region of the table.
double real_growth(const Pwt& pwt, const std::vector<std::string>& regions, const std::vector<bool>& in_group,
                   int year);
// The PPP output variable that matches a price level: pl_da -> cda, pl_con/pl_c -> ccon, others -> cgdpo.
std::string weight_for(const std::string& price_variable);

}  // namespace worldsys::io
