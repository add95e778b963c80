#include "worldsys/core/concordance.hpp"

#include <fmt/format.h>

#include "worldsys/core/error.hpp"

namespace worldsys {

namespace {
void check_size(const Concordance& c, size_t members, const char* what) {
  if (c.group_of.size() != members)
    fail(ErrorKind::usage, fmt::format("concordance {} covers {} {}s, the table has {}", c.name, c.group_of.size(),
                                       what, members));
}
}  // namespace

Mrio aggregate(const Mrio& m, const Concordance* regions, const Concordance* sectors) {
  const size_t R = m.regions.size(), NS = m.sectors.size(), K = m.categories.size();
  if (regions) check_size(*regions, R, "region");
  if (sectors) check_size(*sectors, NS, "sector");
  auto g_r = [&](size_t r) { return regions ? regions->group_of[r] : r; };
  auto g_s = [&](size_t s) { return sectors ? sectors->group_of[s] : s; };

  Mrio out;
  out.regions = regions ? regions->groups : m.regions;
  out.sectors = sectors ? sectors->groups : m.sectors;
  out.sector_names = sectors ? sectors->groups : m.sector_names;
  out.categories = m.categories;
  out.unit = m.unit;
  out.stressors = m.stressors;
  out.provenance = m.provenance;
  out.provenance.history.push_back(m.provenance.command);
  const size_t R2 = out.regions.size(), NS2 = out.sectors.size(), n2 = R2 * NS2, n = m.n();
  std::vector<size_t> row(n);
  for (size_t i = 0; i < n; ++i) row[i] = g_r(m.region_of(i)) * NS2 + g_s(m.sector_of(i));
  std::vector<size_t> fdcol(m.Y.cols());
  for (size_t j = 0; j < m.Y.cols(); ++j) fdcol[j] = g_r(j / K) * K + j % K;

  out.Z = Matrix(n2, n2);
  out.Y = Matrix(n2, R2 * K);
  out.x.assign(n2, 0.0);
  out.F = Matrix(m.F.rows(), n2);
  out.F_Y = Matrix(m.F_Y.rows(), R2 * K);
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) out.Z(row[i], row[j]) += m.Z(i, j);
  for (size_t j = 0; j < m.Y.cols(); ++j)
    for (size_t i = 0; i < n; ++i) out.Y(row[i], fdcol[j]) += m.Y(i, j);
  for (size_t i = 0; i < n; ++i) out.x[row[i]] += m.x[i];
  for (size_t j = 0; j < n; ++j)
    for (size_t k = 0; k < m.F.rows(); ++k) out.F(k, row[j]) += m.F(k, j);
  for (size_t j = 0; j < m.F_Y.cols(); ++j)
    for (size_t k = 0; k < m.F_Y.rows(); ++k) out.F_Y(k, fdcol[j]) += m.F_Y(k, j);
  return out;
}

Matrix aggregate_columns(const Matrix& M, const Concordance& c) {
  check_size(c, M.cols(), "column");
  Matrix out(M.rows(), c.groups.size());
  for (size_t j = 0; j < M.cols(); ++j)
    for (size_t i = 0; i < M.rows(); ++i) out(i, c.group_of[j]) += M(i, j);
  return out;
}

Matrix aggregate_square(const Matrix& T, const Concordance& c) {
  check_size(c, T.rows(), "row");
  check_size(c, T.cols(), "column");
  Matrix out(c.groups.size(), c.groups.size());
  for (size_t j = 0; j < T.cols(); ++j)
    for (size_t i = 0; i < T.rows(); ++i) out(c.group_of[i], c.group_of[j]) += T(i, j);
  return out;
}

}  // namespace worldsys
