#pragma once
// The labelled multi-regional input-output table: everything the accounts need, nothing about files.
//
// n = regions x sectors, rows and columns ordered region-major (all sectors of region 0, then region 1, ...).
// Y has regions x final-demand categories columns, also region-major. F is stressors x n, F_Y stressors x
// Y's columns. Monetary values share one unit (`unit`); each stressor has its own.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "worldsys/core/matrix.hpp"

namespace worldsys {

// Cells of a stressor that were filled in rather than observed: `cells` is a region ("CHN", every sector of
// it) or one cell ("RoW/c3"); `method` says how they were filled.
struct Imputation {
  std::string cells;
  std::string method;
};

struct Stressor {
  std::string name;
  std::string unit;
  std::string note;  // how it was made, when it is derived (e.g. value added = x - column sums of Z)
  std::vector<Imputation> imputed = {};  // empty: every cell observed
};

// A file a table was read from, so a store says exactly which bytes it came from.
struct SourceFile {
  std::string path;
  uint64_t bytes = 0;
  std::string crc32;  // of the file as stored (compressed if it is), 8 hex digits
};

// How far published output x and the rows' totals Z1 + Y1 disagree (e = x - Z1 - Y1): the table's own imbalance,
// which carries into cba = pba + imp - exp. Measured at import and kept in meta.json.
struct Balance {
  std::string worst_row;   // label of the row with the largest |e_i| / x_i
  double worst = 0;        // that ratio
  double total = 0;        // sum |e_i| / sum x_i
};
// Tables whose total imbalance is above this share of output are said to be out of balance at import.
inline constexpr double kBalanceWarning = 0.01;

struct Provenance {
  std::string source;   // e.g. "WIOD 2013 release, world input-output table"
  std::string licence;  // e.g. "CC BY 4.0 (cite Timmer et al. 2015)"
  std::optional<int> year;
  std::string command;  // the worldsys command line that produced this table
  std::vector<std::string> history;  // earlier steps (import, aggregate ...), oldest first
  std::vector<SourceFile> inputs;    // the published files it was read from
  std::optional<Balance> balance;    // measured at import (stores written before it have none)
};

struct Mrio {
  std::vector<std::string> regions;
  std::vector<std::string> sectors;       // codes, e.g. "c1"
  std::vector<std::string> sector_names;  // descriptive names, same length as sectors (may repeat codes)
  std::vector<std::string> categories;    // final-demand categories, e.g. "CONS_h"
  std::string unit;                       // monetary unit of Z, Y, x

  Matrix Z;  // n x n
  Matrix Y;  // n x (regions * categories)
  std::vector<double> x;  // n

  std::vector<Stressor> stressors;
  Matrix F;    // stressors x n
  Matrix F_Y;  // stressors x (regions * categories)

  Provenance provenance;

  size_t n() const { return regions.size() * sectors.size(); }
  size_t region_of(size_t i) const { return i / sectors.size(); }
  size_t sector_of(size_t i) const { return i % sectors.size(); }
  size_t region_of_fd_column(size_t j) const { return j / categories.size(); }

  // Index of a stressor by name; throws a usage error listing the available names.
  size_t stressor_index(const std::string& name) const;
  bool has_stressor(const std::string& name) const;
  // Stressors named in one argument, comma-separated ("materials,land"), unless the whole text is a stressor of
  // this table (EXIOBASE's "Compensation of employees; wages, salaries, & ..." holds commas). Spaces around names
  // are dropped; an empty name is a usage error.
  std::vector<std::string> stressor_list(const std::string& spec) const;
  // Y summed over categories: n x regions, column r = final demand of region r.
  Matrix Y_by_region() const;
  // F_Y summed over categories: stressors x regions.
  Matrix F_Y_by_region() const;
  // "AUS/c1" style label of row i.
  std::string label(size_t i) const;
};

// Checks dimensions, labels, finiteness and non-negative output; throws an input error naming the first
// offending region/sector. `what` names the source in the message (a path or a store).
void validate(const Mrio& m, const std::string& what);

// e = x - Z1 - Y1 over the rows with output.
Balance balance_of(const Mrio& m);

// Adds (or replaces) the stressor "value_added" = x - column sums of Z, for tables without value-added rows.
void add_value_added(Mrio& m);

}  // namespace worldsys
