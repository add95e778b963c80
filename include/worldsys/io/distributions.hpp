#pragma once
// The distribution store: a tidy country × year × distribution table in a directory, written once by
// `worldsys import` and read by `poverty`, `inequality` and `gap`. Layout (docs/formats/distribution-store.md):
//   meta.json          format "worldsys-distributions", version, source, PPP vintage, welfare unit, provenance
//   economies.csv      every economy-year of the universe: country,year,region,income_group,population
//   distributions.csv  one distribution per country,year,level: welfare, mean, population, summary statistics
//                      and equal-population quantile shares q1..qN (empty when not published)
//   published.csv      the source's own poverty estimates: country,year,level,line,headcount,gap,severity,watts
//   surveys.csv        the surveys behind them: country,level,survey_year (fractional); optional: stores written
//                      before it existed read as having no survey list
// All CSV, readable by pandas; numbers are written with round-trip precision.
#include <filesystem>
#include <string>
#include <vector>

#include "worldsys/core/distributions.hpp"

namespace worldsys::io {

using worldsys::DistributionRow;
using worldsys::DistributionStore;
using worldsys::Economy;
using worldsys::PublishedPoverty;
using worldsys::Survey;

inline constexpr int kDistributionStoreVersion = 1;

// `compress`: each table as NAME.csv.gz (gzip; pandas and the reader take it alike), for stores shipped with worldsys.
void write_distribution_store(const DistributionStore& s, const std::filesystem::path& dir, bool overwrite,
                              bool compress = false);
DistributionStore read_distribution_store(const std::filesystem::path& dir);
bool is_distribution_store(const std::filesystem::path& dir);
// STORE as given on a command line: the directory when it exists, else the embedded default store of that name
// (data/default-distributions/NAME: pip2011, owid-pip2017, wdi, maddison), else the path as given (whose reading
// then fails naming it).
std::filesystem::path resolve_distribution_store(const std::string& store);
// Names of the embedded default distribution stores, sorted.
std::vector<std::string> default_distribution_stores();

// Keeps the economies, distributions and published estimates of years from..to (all surveys: coverage of a year
// looks at surveys up to 3 years away). For a smaller store of a period, e.g. the embedded defaults.
void keep_years(DistributionStore& s, int from, int to);

// PIP 2011 PPP tables (v0.3.2): the fill-gaps (line-up) CSV and the country coverage table (the universe of
// economies with population, region and the income group of each year), and the survey means table
// (pip_survey_means: each survey's country, reporting level and fractional survey year). Errors name file:line:column.
// The fill-gaps table is read from its CSV, or from the original Stata file (`.dta`, via libreadstat) when
// `from_dta` is true or no CSV is there.
DistributionStore read_pip2011(const std::filesystem::path& dir, bool from_dta = false);

// PIP 2021 PPP (`release` 2026-03 or 2025-09; empty: the latest): DIR holds pip_2021ppp_lineup, _survey and
// _aggregates (or is one of them). Every economy-year of the line-up (1981-2024 and nowcasts) with its population,
// region and income group; one distribution per line-up row: the decile shares of the survey(s) it stands on (the
// survey of the year, the nearest one, or the two bracketing surveys stacked with time weights, by the source's own
// estimation type) with the line-up mean, or kind "CMD" for an economy without a survey; the source's estimates at
// $3.00/$4.20/$8.30 per country and for its regions and the world; every survey's fractional year.
DistributionStore read_pip2021(const std::filesystem::path& dir, const std::string& release = "");

// Lakner–Milanovic World Panel (LM_WPID_web_2.csv): decile means in 2005 PPP $ per year, converted to
// shares + mean per day; urban/rural CHN, IND, IDN as levels.
DistributionStore read_lakner_milanovic(const std::filesystem::path& dir);

// Gapminder income mountains (older_2021, 2011 PPP): population in 50 log-spaced $/day brackets per country
// and year, with the mean income (per month, converted to per day). Each distribution is stored as 20 ventile
// shares computed from the brackets at their geometric mid-points (a bracket cut by a ventile boundary
// counts pro rata), with Gapminder's mean; the population is the brackets' sum.
DistributionStore read_gapminder(const std::filesystem::path& dir);

// WDI (2021 PPP, June 2025): country headcounts at $3.00, $4.20, $8.30 (survey years only; % → share) as
// published estimates, and total population for every economy and year. No shares: poverty at other lines
// is not available from this source.
DistributionStore read_wdi(const std::filesystem::path& dir);

// PIP as kept by Our World in Data (`pip_2017ppp_2022-10/data.csv` or the 2011 PPP twin; survey years): quintile
// shares (% → share) and the mean per day; the source's headcounts and gaps at its lines ($1, $2.15, ... read
// from the column names); population = people below + above the first line. "X - urban/rural" entities become
// levels of X; regional and world aggregates are left out. `ppp` names the vintage ("2017" or "2011").
DistributionStore read_owid_pip(const std::filesystem::path& dir, const std::string& ppp);

// WID extract as kept by Our World in Data (`wid_pretax.csv`, or `wid_posttax_nat.csv` / `wid_posttax_dis.csv`
// named by `file`): decile shares (% → share) and the mean per adult per year, one row per entity and year.
// Entities include regions and the world, and the file has no populations: a WID store serves per-entity
// inequality (`inequality --by country`), not aggregation. PPP vintage recorded as "2021" (the extract's
// prices; see docs/formats/distribution-store.md).
DistributionStore read_wid(const std::filesystem::path& dir, const std::string& file = "wid_pretax.csv");

// GDP per capita panels as distribution stores of country means (kind "gdp_pc", no shares):
// Maddison Project 2020 as kept by Our World in Data (data.csv: Entity, Year, GDP per capita (2011 $),
// Population). Regional aggregates are dropped; a former union (USSR, Yugoslavia, Czechoslovakia) is used in
// a year only when not all of its successor states have data, and then its successors are dropped.
DistributionStore read_maddison(const std::filesystem::path& dir);
// Penn World Table 10.01 (open-numbers DDF): GDP per capita = rgdpe / pop (expenditure side, chained PPP,
// 2017 $).
DistributionStore read_pwt_gdp(const std::filesystem::path& dir);

// A grouped-data file: a CSV with a header whose columns `pcol` and `lcol` (by name; empty: the first two
// columns) hold cumulative population and welfare shares, as fractions or percentages (detected from the
// last row: 100 means percent). A `.dta` file is read as Stata (libreadstat).
struct GroupedFile {
  std::vector<double> p, L;
};
GroupedFile read_grouped_csv(const std::filesystem::path& path, const std::string& pcol = "",
                             const std::string& lcol = "");

// A WID-style tabulation: a CSV with columns `p`, `threshold` and `bracket_average` (one row per fractile) and,
// optionally, `average` (the overall mean, the same on every row; NaN when absent).
struct TabulationFile {
  std::vector<double> p, threshold, bracket_average;
  double mean = NAN;
};
TabulationFile read_tabulation_csv(const std::filesystem::path& path);

}  // namespace worldsys::io
