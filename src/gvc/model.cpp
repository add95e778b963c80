#include "gvc/model.hpp"

#include <fmt/format.h>

#include <cmath>

#include "worldsys/core/error.hpp"

namespace worldsys::gvc::detail {

namespace {
constexpr size_t npos = size_t(-1);
}  // namespace

Model::Model(const Mrio& table, const Options& o) : m(table), n(table.n()) {
  // Countries: the regions, or the groups they are merged into.
  if (o.countries) {
    if (o.countries->group_of.size() != m.regions.size())
      fail(ErrorKind::usage, fmt::format("the country groups '{}' do not cover the table's {} regions",
                                         o.countries->name, m.regions.size()));
    countries = o.countries->groups;
  } else {
    countries = m.regions;
  }
  G = countries.size();
  if (G < 2) fail(ErrorKind::usage, "value-added trade needs at least two countries; the table has one");
  country_of.resize(n);
  rows.assign(G, {});
  for (size_t i = 0; i < n; ++i) {
    country_of[i] = o.countries ? o.countries->group_of[m.region_of(i)] : m.region_of(i);
    rows[country_of[i]].push_back(i);
  }
  first_.assign(G, npos);
  for (size_t s = 0; s < G; ++s)
    if (!rows[s].empty() && rows[s].back() - rows[s].front() + 1 == rows[s].size()) first_[s] = rows[s].front();

  // Final demand by destination country, and x as the rows' totals so that B y = x and every identity is exact.
  const Matrix Yr = m.Y_by_region();
  Y = Matrix(n, G);
  for (size_t c = 0; c < Yr.cols(); ++c) {
    const size_t u = o.countries ? o.countries->group_of[c] : c;
    for (size_t i = 0; i < n; ++i) Y(i, u) += Yr(i, c);
  }
  x = m.Z.row_sums();
  for (size_t u = 0; u < G; ++u)
    for (size_t i = 0; i < n; ++i) x[i] += Y(i, u);
  inv_x.resize(n);
  double world = 0;
  for (double xi : x) world += std::max(xi, 0.0);
  for (size_t i = 0; i < n; ++i) {
    // Rounding residue: a product nobody makes may still leave stocks or sell a unit (WIOD 2013 LUX/c8 1999:
    // sales 1, final demand -3). It produces nothing and carries nothing; what it trades counts as the table's
    // own imbalance below. Negative output beyond a millionth of the world's is an error.
    if (x[i] < 0 && -x[i] <= 1e-6 * world) x[i] = 0;
    if (x[i] < 0)
      fail(ErrorKind::input, fmt::format("{}: total use Z1 + Y1 is negative ({:.6g}); value-added trade needs "
                                         "non-negative output",
                                         m.label(i), x[i]));
    inv_x[i] = x[i] > 0 ? 1.0 / x[i] : 0.0;
  }

  // The factor per unit of output.
  v.assign(n, 0.0);
  if (o.value_added_total()) {
    const std::vector<double> inputs = m.Z.col_sums();
    for (size_t j = 0; j < n; ++j) v[j] = (x[j] - inputs[j]) * inv_x[j];
    unit = m.unit;
  } else {
    if (o.value_added != "total" && o.value_added != "stressor")
      fail(ErrorKind::usage, fmt::format("value added '{}': use total (x - 1'Z) or stressor", o.value_added));
    const size_t k = m.stressor_index(o.factor);
    for (size_t j = 0; j < n; ++j) v[j] = m.F(k, j) * inv_x[j];
    unit = m.stressors[k].unit;
  }

  // Exports: what each row sells to other countries, as intermediates and as final goods.
  E = Matrix(n, G);
  for (size_t j = 0; j < n; ++j) {
    const size_t r = country_of[j];
    const double* z = m.Z.col(j);
    for (size_t i = 0; i < n; ++i) E(i, r) += z[i];
  }
  e.assign(n, 0.0);
  for (size_t r = 0; r < G; ++r)
    for (size_t i = 0; i < n; ++i) {
      E(i, r) = country_of[i] == r ? 0.0 : E(i, r) + Y(i, r);
      e[i] += E(i, r);
    }

  // What the table trades of products with no output, both ways: the model has no origin for it (a sale by such a
  // row) or no demand for it (a purchase by such a column), so it shifts every identity in money by up to as much.
  for (size_t i = 0; i < n; ++i) {
    if (x[i] > 0) continue;
    for (size_t u = 0; u < G; ++u) imbalance += std::fabs(Y(i, u));
    for (size_t k = 0; k < n; ++k) imbalance += std::fabs(m.Z(k, i)) + std::fabs(m.Z(i, k));
  }

  // One factorization of I - A (x = Z1 + Y1; Z is m's own, not copied).
  view_.regions = m.regions;
  view_.sectors = m.sectors;
  view_.Z = Matrix(n, n, const_cast<double*>(m.Z.data()), nullptr);  // read only: Leontief never writes Z
  view_.x = x;
  leontief_.emplace(view_);

  // And one of each country's I - A^ss (small: N_s x N_s).
  for (size_t s = 0; s < G; ++s) {
    const auto& R = rows[s];
    Matrix M(R.size(), R.size());
    for (size_t b = 0; b < R.size(); ++b) {
      for (size_t a = 0; a < R.size(); ++a) M(a, b) = -A(R[a], R[b]);
      M(b, b) += 1.0;
    }
    local_.emplace_back(std::move(M), [&](size_t a) { return m.label(R[a]); });
  }

  // The content of each product by country of origin: one transposed solve per country.
  Matrix V(G, n);
  for (size_t i = 0; i < n; ++i) V(country_of[i], i) = v[i];
  VB = solve_left(V);
  content.assign(n, 0.0);
  for (size_t j = 0; j < n; ++j)
    for (size_t t = 0; t < G; ++t) content[j] += VB(t, j);
  VL = local_solve(v, true);
}

std::vector<double> Model::local_solve(std::vector<double> y, bool transposed) const {
  for (size_t s = 0; s < G; ++s) {
    const auto& R = rows[s];
    Matrix b(R.size(), 1);
    for (size_t a = 0; a < R.size(); ++a) b(a, 0) = y[R[a]];
    transposed ? local_[s].solve_transposed(b) : local_[s].solve(b);
    for (size_t a = 0; a < R.size(); ++a) y[R[a]] = b(a, 0);
  }
  return y;
}

std::vector<double> Model::local_diagonal() const {
  std::vector<double> d(n);
  for (size_t s = 0; s < G; ++s) {
    const Matrix inv = local_[s].inverse();  // N_s x N_s: the local inverse is small, its diagonal is what TiVA asks
    for (size_t a = 0; a < rows[s].size(); ++a) d[rows[s][a]] = inv(a, a);
  }
  return d;
}

Matrix Model::A_block(size_t s, size_t r, Matrix M) const {
  const auto &Rs = rows[s], &Rr = rows[r];
  for (size_t c = 0; c < M.cols(); ++c)
    for (size_t b = 0; b < Rr.size(); ++b) M(b, c) *= inv_x[Rr[b]];
  Matrix out(Rs.size(), M.cols());
  if (Rs.empty() || Rr.empty() || M.cols() == 0) return out;
  if (first_[s] != npos && first_[r] != npos) {
    gemm_block(Rs.size(), M.cols(), Rr.size(), 1.0, m.Z.data() + first_[s] + first_[r] * n, n, M.data(), Rr.size(),
               0.0, out.data(), Rs.size());
    return out;
  }
  Matrix Zsr(Rs.size(), Rr.size());
  for (size_t b = 0; b < Rr.size(); ++b)
    for (size_t a = 0; a < Rs.size(); ++a) Zsr(a, b) = m.Z(Rs[a], Rr[b]);
  gemm(Zsr, false, M, false, out);
  return out;
}

std::vector<double> Model::A_foreign(const std::vector<double>& y) const {
  std::vector<double> out(n, 0.0);
  for (size_t j = 0; j < n; ++j) {
    const double w = y[j] * inv_x[j];
    if (w == 0) continue;
    const double* z = m.Z.col(j);
    for (size_t i = 0; i < n; ++i)
      if (country_of[i] != country_of[j]) out[i] += z[i] * w;
  }
  return out;
}

std::vector<double> Model::A_foreign_left(const std::vector<double>& y) const {
  std::vector<double> out(n, 0.0);
  for (size_t j = 0; j < n; ++j) {
    const double* z = m.Z.col(j);
    double s = 0;
    for (size_t i = 0; i < n; ++i)
      if (country_of[i] != country_of[j]) s += y[i] * z[i];
    out[j] = s * inv_x[j];
  }
  return out;
}

}  // namespace worldsys::gvc::detail
