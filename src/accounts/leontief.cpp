#include "worldsys/accounts/leontief.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "worldsys/core/error.hpp"
#include "worldsys/linalg/lu.hpp"

namespace worldsys {

Matrix technical_coefficients(const Matrix& Z, const std::vector<double>& x) {
  Matrix A(Z.rows(), Z.cols());
  for (size_t j = 0; j < Z.cols(); ++j) {
    if (x[j] == 0) continue;
    const double inv = 1.0 / x[j];
    const double* z = Z.col(j);
    double* a = A.col(j);
    for (size_t i = 0; i < Z.rows(); ++i) a[i] = z[i] * inv;
  }
  return A;
}

Matrix intensities(const Matrix& F, const std::vector<double>& x) {
  Matrix S(F.rows(), F.cols());
  for (size_t j = 0; j < F.cols(); ++j)
    if (x[j] != 0)
      for (size_t k = 0; k < F.rows(); ++k) S(k, j) = F(k, j) / x[j];
  return S;
}

Productivity spectral_radius_bounds(const Matrix& A, int max_iterations) {
  const size_t n = A.rows();
  Productivity p;
  if (n == 0) return p;
  // Column sums bound the spectral radius from both sides; usually they settle it at once.
  std::vector<double> cs(n, 0.0);
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) cs[j] += std::fabs(A(i, j));
  p.lower = *std::min_element(cs.begin(), cs.end());
  p.upper = *std::max_element(cs.begin(), cs.end());
  if (p.upper < 1.0 || p.lower >= 1.0) return p;
  // Otherwise iterate v <- |A|^T v (same spectral radius); for v > 0, min and max of (|A|^T v)_i / v_i bracket it.
  std::vector<double> v(n, 1.0), w(n);
  for (int it = 0; it < max_iterations; ++it) {
    double lo = INFINITY, hi = 0, norm = 0;
    for (size_t j = 0; j < n; ++j) {
      double s = 0;
      for (size_t i = 0; i < n; ++i) s += std::fabs(A(i, j)) * v[i];
      w[j] = s + 1e-300;
      lo = std::min(lo, w[j] / v[j]);
      hi = std::max(hi, w[j] / v[j]);
      norm = std::max(norm, w[j]);
    }
    p.lower = std::max(p.lower, lo);
    p.upper = std::min(p.upper, hi);
    if (p.upper < 1.0 || p.lower >= 1.0) break;
    for (size_t j = 0; j < n; ++j) v[j] = w[j] / norm + 1e-12;  // stay strictly positive
  }
  return p;
}

Leontief::Leontief(const Mrio& m) : A_(technical_coefficients(m.Z, m.x)) {
  const size_t n = A_.rows();
  const Productivity p = spectral_radius_bounds(A_);
  if (!p.productive()) {
    std::vector<std::pair<double, size_t>> bad;
    for (size_t j = 0; j < n; ++j) {
      double s = 0;
      for (size_t i = 0; i < n; ++i) s += A_(i, j);
      if (s >= 1.0) bad.push_back({s, j});
    }
    std::sort(bad.rbegin(), bad.rend());
    std::string list;
    for (size_t b = 0; b < std::min<size_t>(bad.size(), 5); ++b)
      list += fmt::format("{}{} (inputs {:.4g} per unit of output)", b ? ", " : "", m.label(bad[b].second),
                          bad[b].first);
    fail(ErrorKind::numeric,
         fmt::format("the system is not productive: spectral radius of A is at least {:.6g} (must be < 1){}; check "
                     "the output x of these sectors against their inputs in Z",
                     p.lower, list.empty() ? "" : "; sectors buying more than they produce: " + list));
  }
  Matrix IA(n, n);
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) IA(i, j) = (i == j ? 1.0 : 0.0) - A_(i, j);
  lu_ = std::make_unique<LuFactor>(std::move(IA), [&m](size_t i) { return m.label(i); });
}

Leontief::~Leontief() = default;
Leontief::Leontief(Leontief&&) noexcept = default;

Matrix Leontief::solve(const Matrix& Y) const {
  Matrix X = Y;
  lu_->solve(X);
  return X;
}

Matrix Leontief::multipliers(const Matrix& S) const {
  Matrix Mt = S.transposed();
  lu_->solve_transposed(Mt);
  return Mt.transposed();
}

Matrix Leontief::L() const { return lu_->inverse(); }

double Leontief::rcond() const { return lu_->rcond(); }

double Leontief::residual(const Matrix& X, const Matrix& Y) const {
  // (I - A) X - Y = X - A X - Y
  Matrix R = X;
  gemm(A_, false, X, false, R, -1.0, 1.0);
  double r = 0, b = 0;
  for (size_t i = 0; i < R.size(); ++i) {
    const double d = R.data()[i] - Y.data()[i];
    r += d * d;
    b += Y.data()[i] * Y.data()[i];
  }
  return b > 0 ? std::sqrt(r / b) : std::sqrt(r);
}

}  // namespace worldsys
