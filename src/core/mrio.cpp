#include "worldsys/core/mrio.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "worldsys/core/error.hpp"

namespace worldsys {

size_t Mrio::stressor_index(const std::string& name) const {
  std::string names;
  for (size_t k = 0; k < stressors.size(); ++k) {
    if (stressors[k].name == name) return k;
    names += (k ? ", " : "") + stressors[k].name;
  }
  fail(ErrorKind::usage, fmt::format("unknown stressor '{}'; this table has: {}", name, names));
}

bool Mrio::has_stressor(const std::string& name) const {
  return std::any_of(stressors.begin(), stressors.end(), [&](const Stressor& s) { return s.name == name; });
}

std::vector<std::string> Mrio::stressor_list(const std::string& spec) const {
  if (has_stressor(spec)) return {spec};
  std::vector<std::string> out;
  for (size_t a = 0, b; a <= spec.size(); a = b + 1) {
    b = std::min(spec.find(',', a), spec.size());
    std::string name = spec.substr(a, b - a);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (name.empty())
      fail(ErrorKind::usage, fmt::format("factor: an empty name in '{}'; give e.g. value_added,labour_hours", spec));
    out.push_back(name);
  }
  return out;
}

Matrix Mrio::Y_by_region() const {
  const size_t R = regions.size(), K = categories.size();
  Matrix out(Y.rows(), R);
  for (size_t j = 0; j < Y.cols(); ++j) {
    const double* c = Y.col(j);
    double* o = out.col(j / K);
    for (size_t i = 0; i < Y.rows(); ++i) o[i] += c[i];
  }
  return out;
}

Matrix Mrio::F_Y_by_region() const {
  const size_t R = regions.size(), K = categories.size();
  Matrix out(F_Y.rows(), R);
  for (size_t j = 0; j < F_Y.cols(); ++j)
    for (size_t k = 0; k < F_Y.rows(); ++k) out(k, j / K) += F_Y(k, j);
  return out;
}

std::string Mrio::label(size_t i) const { return regions[region_of(i)] + "/" + sectors[sector_of(i)]; }

namespace {

void check_unique(const std::vector<std::string>& labels, const char* kind, const std::string& what) {
  if (labels.empty()) fail(ErrorKind::input, fmt::format("{}: no {} given", what, kind));
  std::unordered_set<std::string> seen;
  for (const auto& l : labels) {
    if (l.empty()) fail(ErrorKind::input, fmt::format("{}: empty {} label", what, kind));
    if (!seen.insert(l).second) fail(ErrorKind::input, fmt::format("{}: duplicate {} label '{}'", what, kind, l));
  }
}

void check_shape(const Matrix& m, size_t rows, size_t cols, const char* name, const std::string& what) {
  if (m.rows() != rows || m.cols() != cols)
    fail(ErrorKind::input, fmt::format("{}: {} is {}x{}, expected {}x{} from the labels", what, name, m.rows(),
                                       m.cols(), rows, cols));
}

}  // namespace

void validate(const Mrio& m, const std::string& what) {
  check_unique(m.regions, "region", what);
  check_unique(m.sectors, "sector", what);
  check_unique(m.categories, "final-demand category", what);
  if (m.sector_names.size() != m.sectors.size())
    fail(ErrorKind::input, fmt::format("{}: {} sector names for {} sectors", what, m.sector_names.size(),
                                       m.sectors.size()));
  const size_t n = m.n(), fd = m.regions.size() * m.categories.size(), s = m.stressors.size();
  check_shape(m.Z, n, n, "Z", what);
  check_shape(m.Y, n, fd, "Y", what);
  if (m.x.size() != n)
    fail(ErrorKind::input, fmt::format("{}: x has {} entries, expected {} (regions x sectors)", what, m.x.size(), n));
  check_shape(m.F, s, n, "F", what);
  check_shape(m.F_Y, s, fd, "F_Y", what);
  std::vector<std::string> names;
  for (const auto& st : m.stressors) names.push_back(st.name);
  if (s) check_unique(names, "stressor", what);

  auto bad_cell = [&](const char* name, size_t i, size_t j, const std::string& rowlab, const std::string& collab,
                      double v) {
    fail(ErrorKind::input, fmt::format("{}: {}[{}, {}] ({} -> {}) is {}; every value must be a finite number", what,
                                       name, i, j, rowlab, collab, v));
  };
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i)
      if (!std::isfinite(m.Z(i, j))) bad_cell("Z", i, j, m.label(i), m.label(j), m.Z(i, j));
  for (size_t j = 0; j < fd; ++j)
    for (size_t i = 0; i < n; ++i)
      if (!std::isfinite(m.Y(i, j)))
        bad_cell("Y", i, j, m.label(i), m.regions[m.region_of_fd_column(j)], m.Y(i, j));
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(m.x[i]))
      fail(ErrorKind::input, fmt::format("{}: output x of {} is {}; it must be a finite number", what, m.label(i), m.x[i]));
    if (m.x[i] < 0)
      fail(ErrorKind::input, fmt::format("{}: negative gross output {} for {}; output must be >= 0", what, m.x[i],
                                         m.label(i)));
  }
  for (size_t j = 0; j < n; ++j)
    for (size_t k = 0; k < s; ++k)
      if (!std::isfinite(m.F(k, j))) bad_cell("F", k, j, m.stressors[k].name, m.label(j), m.F(k, j));
  for (size_t j = 0; j < fd; ++j)
    for (size_t k = 0; k < s; ++k)
      if (!std::isfinite(m.F_Y(k, j)))
        bad_cell("F_Y", k, j, m.stressors[k].name, m.regions[m.region_of_fd_column(j)], m.F_Y(k, j));
  // A sector that produces nothing cannot buy inputs: such a column would make A undefined.
  const auto used = m.Z.col_sums();
  for (size_t j = 0; j < n; ++j)
    if (m.x[j] == 0 && used[j] != 0)
      fail(ErrorKind::input, fmt::format("{}: {} has zero output but buys {} {} of inputs (column of Z); "
                                         "the table is inconsistent",
                                         what, m.label(j), used[j], m.unit));
}

Balance balance_of(const Mrio& m) {
  const auto z = m.Z.row_sums(), y = m.Y.row_sums();
  Balance b;
  double abs_e = 0, out = 0;
  for (size_t i = 0; i < m.n(); ++i) {
    const double e = std::fabs(m.x[i] - z[i] - y[i]);
    abs_e += e, out += std::fabs(m.x[i]);
    if (m.x[i] > 0 && e / m.x[i] > b.worst) b.worst = e / m.x[i], b.worst_row = m.label(i);
  }
  b.total = out > 0 ? abs_e / out : 0;
  return b;
}

void add_value_added(Mrio& m) {
  const size_t n = m.n(), fd = m.Y.cols();
  const auto inputs = m.Z.col_sums();
  size_t k = m.stressors.size();
  for (size_t s = 0; s < m.stressors.size(); ++s)
    if (m.stressors[s].name == "value_added") k = s;
  if (k == m.stressors.size()) {
    Matrix F(k + 1, n), F_Y(k + 1, fd);
    for (size_t j = 0; j < n; ++j)
      for (size_t s = 0; s < k; ++s) F(s, j) = m.F(s, j);
    for (size_t j = 0; j < fd; ++j)
      for (size_t s = 0; s < k; ++s) F_Y(s, j) = m.F_Y(s, j);
    m.F = std::move(F);
    m.F_Y = std::move(F_Y);
    m.stressors.push_back({});
  }
  m.stressors[k] = {"value_added", m.unit,
                    "x - column sums of Z (includes taxes less subsidies on products and margins)", {}};
  for (size_t j = 0; j < n; ++j) m.F(k, j) = m.x[j] - inputs[j];
  for (size_t j = 0; j < fd; ++j) m.F_Y(k, j) = 0.0;
}

}  // namespace worldsys
