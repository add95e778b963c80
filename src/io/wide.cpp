// Wide labelled tables with REGION_CODE labels (OECD ICIO, FIGARO matrix files): industry rows and columns,
// factor-input rows, final-demand columns and totals told apart by label, never by position.
#include "io/wide.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "io/labels.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::io::detail {

Mrio wide_to_mrio(const TextTable& t, const WideRules& rules) {
  const auto& cols = t.columns[0];
  const auto& rows = t.row_labels[0];
  auto split_parent = [&](const std::string& r) { return rules.parent_region ? rules.parent_region(r) : std::string(); };
  const auto& kFinalDemand = rules.final_demand;
  // Rows: industries (REG_SEC), factor rows, totals.
  Mrio m;
  std::vector<std::string> reg_of_row(rows.size()), sec_of_row(rows.size());
  std::vector<size_t> z_rows, factor_rows;
  std::optional<size_t> out_row;
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& l = rows[i];
    if (rules.is_total(l)) {
      out_row = i;
    } else if (rules.is_factor(l)) {
      factor_rows.push_back(i);
    } else {
      auto [r, s] = detail::split_first(l);
      if (s.empty())
        fail_at(t.row_position(i), fmt::format("expected a row label REGION_SECTOR, a factor-input row or a total, found '{}'",
                                               l));
      reg_of_row[i] = r, sec_of_row[i] = s;
      z_rows.push_back(i);
    }
  }
  // Regions in order of appearance (splits excluded); sectors from the first region; every region the same.
  std::map<std::string, size_t> region_index, sector_index;
  for (size_t i : z_rows) {
    const auto& r = reg_of_row[i];
    if (!split_parent(r).empty()) continue;
    if (!region_index.count(r)) region_index[r] = m.regions.size(), m.regions.push_back(r);
    if (r == m.regions[0]) {
      if (sector_index.count(sec_of_row[i]))
        fail_at(t.row_position(i), fmt::format("duplicate row '{}'", rows[i]));
      sector_index[sec_of_row[i]] = m.sectors.size(), m.sectors.push_back(sec_of_row[i]);
    }
  }
  if (m.regions.empty()) fail(ErrorKind::input, fmt::format("{}: no REGION_SECTOR rows", t.name));
  m.sector_names = m.sectors;
  const size_t S = m.sectors.size(), n = m.n();
  // Position in the merged table of a REGION_SECTOR label; nullopt if not one.
  auto place = [&](const std::string& reg, const std::string& sec) -> std::optional<size_t> {
    std::string r = reg;
    if (auto p = split_parent(reg); !p.empty()) r = p;
    auto ri = region_index.find(r);
    auto si = sector_index.find(sec);
    if (ri == region_index.end() || si == sector_index.end()) return std::nullopt;
    return ri->second * S + si->second;
  };
  std::vector<size_t> row_place(rows.size());
  std::vector<int> seen(n, 0);
  for (size_t i : z_rows) {
    auto p = place(reg_of_row[i], sec_of_row[i]);
    if (!p)
      fail_at(t.row_position(i), fmt::format("row '{}': {} '{}' is not one of {}'s {} sectors, or {} has no parent "
                                             "region in this table",
                                             rows[i], "sector", sec_of_row[i], m.regions[0], S, reg_of_row[i]));
    row_place[i] = *p;
    if (split_parent(reg_of_row[i]).empty()) ++seen[*p];
  }
  for (size_t p = 0; p < n; ++p)
    if (seen[p] != 1)
      fail(ErrorKind::input, fmt::format("{}: row {}_{} appears {} times, expected once; a region lacks a sector?",
                                         t.name, m.regions[p / S], m.sectors[p % S], seen[p]));

  // Columns: industries, final demand (REG_FD, or FD_REG in 2016), totals.
  std::vector<std::pair<std::string, std::string>> fd_cols(cols.size());
  std::vector<int> col_kind(cols.size(), 0);  // 0 total/dropped, 1 industry, 2 final demand
  std::vector<size_t> col_place(cols.size());
  std::optional<size_t> total_col;
  std::vector<std::string> categories;
  for (size_t j = 0; j < cols.size(); ++j) {
    const auto& l = cols[j];
    if (rules.is_total(l)) {
      if (rules.is_output_column(l)) total_col = j;
      continue;
    }
    auto [a, b] = detail::split_first(l);
    if (kFinalDemand.count(b) && region_index.count(a)) {
      fd_cols[j] = {a, b}, col_kind[j] = 2;
    } else if (kFinalDemand.count(a) && region_index.count(b)) {
      fd_cols[j] = {b, a}, col_kind[j] = 2;
    } else if (auto p = place(a, b)) {
      col_place[j] = *p, col_kind[j] = 1;
      continue;
    } else {
      fail_at(t.header_position(0, j + 1), fmt::format("unexpected column '{}': not REGION_SECTOR of a row, a final-"
                                                       "demand column or a total",
                                                       l));
    }
    if (std::find(categories.begin(), categories.end(), fd_cols[j].second) == categories.end())
      categories.push_back(fd_cols[j].second);
  }
  m.categories = categories;
  const size_t K = categories.size(), fd = m.regions.size() * K;
  std::vector<int> fd_seen(fd, 0);
  for (size_t j = 0; j < cols.size(); ++j)
    if (col_kind[j] == 2) {
      const size_t k = size_t(std::find(categories.begin(), categories.end(), fd_cols[j].second) - categories.begin());
      col_place[j] = region_index[fd_cols[j].first] * K + k;
      ++fd_seen[col_place[j]];
    }
  for (size_t q = 0; q < fd; ++q)
    if (fd_seen[q] != 1 &&
        !(fd_seen[q] == 0 && rules.may_lack_final_demand && rules.may_lack_final_demand(m.regions[q / K])))
      fail(ErrorKind::input, fmt::format("{}: final-demand column {}_{} appears {} times, expected once", t.name,
                                         m.regions[q / K], categories[q % K], fd_seen[q]));

  // Values, split regions added into their parents.
  m.unit = rules.unit;
  m.Z = Matrix(n, n);
  m.Y = Matrix(n, fd);
  for (size_t j = 0; j < cols.size(); ++j) {
    if (col_kind[j] == 0) continue;
    Matrix& dst = col_kind[j] == 1 ? m.Z : m.Y;
    const size_t c = col_place[j];
    for (size_t i : z_rows) dst(row_place[i], c) += t.values(i, j);
  }
  for (size_t i : factor_rows) m.stressors.push_back({rows[i], m.unit, rules.factor_note});
  m.F = Matrix(factor_rows.size(), n);
  m.F_Y = Matrix(factor_rows.size(), fd);
  for (size_t k = 0; k < factor_rows.size(); ++k)
    for (size_t j = 0; j < cols.size(); ++j) {
      if (col_kind[j] == 1) m.F(k, col_place[j]) += t.values(factor_rows[k], j);
      if (col_kind[j] == 2) m.F_Y(k, col_place[j]) += t.values(factor_rows[k], j);
    }
  m.x.assign(n, 0.0);
  if (out_row) {  // output per column
    for (size_t j = 0; j < cols.size(); ++j)
      if (col_kind[j] == 1) m.x[col_place[j]] += t.values(*out_row, j);
  } else if (total_col) {
    for (size_t i : z_rows) m.x[row_place[i]] += t.values(i, *total_col);
  } else {
    m.x = m.Z.row_sums();
    const auto y = m.Y.row_sums();
    for (size_t i = 0; i < n; ++i) m.x[i] += y[i];
  }
  return m;
}

}  // namespace worldsys::io::detail
