#pragma once
// Drain and sensitivity runs over one table or a panel of years: the orchestration behind `worldsys drain` and
// `worldsys sensitivity`. The exchange room reads no files: a DrainSource hands it tables, region groups and the
// Penn World Table figures, already loaded by the io room.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "worldsys/exchange/drain.hpp"

namespace worldsys::exchange {

Side parse_side(const std::string& s);  // north, south or none
std::string to_string(Side s);
Attribution parse_attribution(const std::string& s);  // footprint or eebt
std::string to_string(Attribution a);

struct DrainSource {
  std::vector<std::string> tables;  // store names, oldest year first
  std::function<Mrio(const std::string& table)> open;
  // Region groups by name for this table's regions and year (year-aware classifications follow the year); an
  // empty name asks for the source's default North/South split.
  std::function<Concordance(const std::string& groups, const Mrio& m)> groups;
  // The table's mixed rest-of-world regions (EXIOBASE's five, WIOD's RoW, FIGARO's FIGW1 ...), which --row moves.
  std::function<std::vector<size_t>(const Mrio& m)> rest_of_world;
  // Penn World Table figures; asked only for erdi and constant prices.
  std::function<PriceLevels(const Mrio& m)> price_levels;
  std::function<double(int year)> us_deflator;
  // US dollars per unit of the table's money in its year; names the USD unit of the same scale ("M USD").
  std::function<double(const std::string& unit, int year, std::string& usd_unit)> usd_per_unit;
  std::function<double(const Mrio& m, const std::vector<bool>& in_group)> real_growth;  // into m's year
};

// How several factors' drains become one money figure (note 01 §1: the 2022 paper's way is unknown, so no default
// sum): none, each factor alone; sum, the drains added (the same trade value counted once per factor); equal_shares,
// the value of trade split into equal shares, one per factor, before pricing (the mean of the drains).
enum class Combine { none, sum, equal_shares };
Combine parse_combine(const std::string& s);

// Every switch of `worldsys drain`. `options` holds factor, value, wage, definition, attribution and the erdi and
// wage-gap switches; its valuation and prices are set per run.
struct DrainRequest {
  std::string groups;  // empty: the source's default split
  std::string north = "North", south = "South";
  std::optional<Side> row;  // where the rest-of-world regions go; unset: as the groups say
  std::vector<Valuation> valuations{Valuation::northern_prices};
  DrainOptions options;
  std::vector<std::string> final_demand;  // categories that count; empty: all
  bool by_region = false;
  int constant_prices = 0;   // money in constant US$ of this year (US GDP deflator); 0: current US$
  bool lost_growth = false;  // add each valuation's drain compounded to the last year; needs constant prices
  // wage-gap by skill (Hickel, Hanbury Lemos & Barbour 2024): each class's net flow of FACTOR_low/_medium/_high
  // valued at the North's WAGE_low/... per unit of that class, rows per class and their total; a table without
  // the classes gets the totals, its valuation column saying so.
  bool skill = false;
  Combine combine = Combine::none;  // with several factors (options.factor "materials,land,...")
  bool needs_pwt() const;    // erdi or constant prices
};

// drain_table rows for every table and valuation, then (lost_growth) one lost_growth_value row per valuation.
// `progress(done, total)` after each table.
Table drain_panel(const DrainSource& src, const DrainRequest& req,
                  const std::function<void(size_t, size_t)>& progress = {});

// Every alternative at once: tables x attributions x groups x RoW rule x valuation x definition.
struct SensitivityRequest {
  std::string factor = "labour_hours";
  std::vector<Attribution> attributions{Attribution::footprint};
  std::vector<std::string> groups{"wiod-north-south", "wb-high-income", "imf-advanced", "oecd"};
  std::vector<Side> rows{Side::south, Side::none};
};
// Rows year,store,attribution,groups,row,valuation,definition,measure (net_appropriation, drain),value,unit.
Table sensitivity_table(const DrainSource& src, const SensitivityRequest& req);

}  // namespace worldsys::exchange
