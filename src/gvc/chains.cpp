// Global value chains of final products: Timmer, Erumban, Los, Stehrer & de Vries (2014, JEP 28(2)) "GVC income"
// and Los, Timmer & de Vries (2015, J. Regional Sci. 55(1)) foreign value-added shares (docs/methods/gvc.md).
#include <fmt/format.h>

#include <algorithm>

#include "gvc/model.hpp"
#include "gvc/rows.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/gvc/gvc.hpp"

namespace worldsys::gvc {

Table chains(const Mrio& m, const Options& o) {
  if (has_importer(o.by))
    fail(ErrorKind::usage, "chains are by country or by country and final sector: a chain has no importer (its "
                           "final output goes to every destination)");
  const detail::Model md(m, o);
  const size_t n = md.n, G = md.G, N = m.sectors.size();
  std::vector<bool> final_sector(N, o.final_sectors.empty());
  for (const auto& code : o.final_sectors) {
    const auto it = std::find(m.sectors.begin(), m.sectors.end(), code);
    if (it == m.sectors.end())
      fail(ErrorKind::usage, fmt::format("final sector '{}' is not a sector of this table (`worldsys info` lists "
                                         "them, e.g. {})",
                                         code, m.sectors.front()));
    final_sector[it - m.sectors.begin()] = true;
  }
  if (o.origin_groups && o.origin_groups->group_of.size() != G)
    fail(ErrorKind::usage, fmt::format("origin groups '{}' do not cover the table's {} countries",
                                       o.origin_groups->name, G));

  // One chain per country (or country and final sector): its final output f, all destinations, and B f.
  const bool by_sector = o.by == By::exporter_sector;
  const size_t C = by_sector ? G * N : G;
  auto chain_of = [&](size_t i) { return by_sector ? md.country_of[i] * N + md.sector_of(i) : md.country_of[i]; };
  Matrix f(n, C);
  for (size_t i = 0; i < n; ++i) {
    if (!final_sector[md.sector_of(i)]) continue;
    for (size_t u = 0; u < G; ++u) f(i, chain_of(i)) += md.Y(i, u);
  }
  const Matrix Bf = md.solve(f);
  const std::vector<double> fo = f.col_sums();

  const size_t O = o.origin_groups ? o.origin_groups->groups.size() : G;
  std::vector<std::string> names{"country"};
  if (by_sector) names.push_back("sector");
  for (const char* c : {"origin", "term", "value", "unit"}) names.push_back(c);
  std::vector<bool> numeric(names.size(), false);
  numeric[names.size() - 2] = true;
  Table t(names, numeric);
  auto row = [&](size_t c, const std::string& origin, const char* term, double value, const std::string& unit) {
    std::vector<Table::Cell> cells{md.countries[by_sector ? c / N : c]};
    if (by_sector) cells.push_back(m.sectors[c % N]);
    for (Table::Cell x : {Table::Cell(origin), Table::Cell(term), Table::Cell(value), Table::Cell(unit)})
      cells.push_back(x);
    t.add_row(cells);
  };
  for (size_t c = 0; c < C; ++c) {
    if (by_sector && !final_sector[c % N]) continue;
    const size_t home = by_sector ? c / N : c;
    std::vector<double> by_origin(O, 0.0);
    double total = 0, foreign = 0;
    for (size_t i = 0; i < n; ++i) {
      const double va = md.v[i] * Bf(i, c);
      const size_t t0 = md.country_of[i];
      by_origin[o.origin_groups ? o.origin_groups->group_of[t0] : t0] += va;
      total += va;
      if (t0 != home) foreign += va;
    }
    for (size_t k = 0; k < O; ++k)
      row(c, o.origin_groups ? o.origin_groups->groups[k] : md.countries[k], "VA", by_origin[k], md.unit);
    row(c, "all", "VA", total, md.unit);
    row(c, "all", "final_output", fo[c], m.unit);
    if (total != 0) row(c, "all", "foreign_share", foreign / total, "ratio");
    // Value added x - 1'Z accounts for every unit of final output: the chain's value added is its final output.
    if (o.value_added_total())
      detail::check_identity(md, home, "value added in the chain = its final output", total, fo[c], fo[c],
                             o.tolerance);
  }
  if (o.sink) {
    o.sink(t);
    return Table(names, numeric);
  }
  return t;
}

}  // namespace worldsys::gvc
