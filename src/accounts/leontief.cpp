#include "worldsys/accounts/leontief.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "accounts/products.hpp"
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

Productivity spectral_radius_bounds(const Matrix& Z, const std::vector<double>& scale, int max_iterations) {
  const size_t n = Z.rows();
  Productivity p;
  if (n == 0) return p;
  auto a = [&](size_t i, size_t j) { return std::fabs(Z(i, j) * scale[j]); };
  // Column sums bound the spectral radius from both sides; usually they settle it at once.
  std::vector<double> cs(n, 0.0);
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) cs[j] += a(i, j);
  p.lower = *std::min_element(cs.begin(), cs.end());
  p.upper = *std::max_element(cs.begin(), cs.end());
  if (p.upper < 1.0 || p.lower >= 1.0) return p;
  // Otherwise iterate v <- |A|^T v (same spectral radius); for v > 0, min and max of (|A|^T v)_i / v_i bracket it.
  std::vector<double> v(n, 1.0), w(n);
  for (int it = 0; it < max_iterations; ++it) {
    double lo = INFINITY, hi = 0, norm = 0;
    for (size_t j = 0; j < n; ++j) {
      double s = 0;
      for (size_t i = 0; i < n; ++i) s += a(i, j) * v[i];
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

namespace detail {

std::vector<double> inverse_output(const std::vector<double>& x) {
  std::vector<double> inv(x.size());
  for (size_t i = 0; i < x.size(); ++i) inv[i] = x[i] == 0 ? 0.0 : 1.0 / x[i];
  return inv;
}

void require_productive(const Mrio& m, const std::vector<double>& inv_x) {
  const size_t n = m.x.size();
  const Productivity p = spectral_radius_bounds(m.Z, inv_x);
  if (p.productive()) return;
  std::vector<std::pair<double, size_t>> bad;
  for (size_t j = 0; j < n; ++j) {
    double s = 0;
    for (size_t i = 0; i < n; ++i) {
      const double a = m.Z(i, j) * inv_x[j];
      if (!std::isfinite(a))  // an overflow (a scenario's factor, 1e308 in a cell) is no spectral radius
        fail(ErrorKind::numeric, fmt::format("A = Z / x is {} at ({}, {}) (Z = {:.6g}, x = {:.6g}): the table "
                                             "overflowed or holds a non-finite number; check Z and x there",
                                             a, m.label(i), m.label(j), m.Z(i, j), m.x[j]));
      s += a;
    }
    if (s >= 1.0) bad.push_back({s, j});
  }
  std::sort(bad.rbegin(), bad.rend());
  std::string list;
  for (size_t b = 0; b < std::min<size_t>(bad.size(), 5); ++b)
    list += fmt::format("{}{} (inputs {:.4g} per unit of output)", b ? ", " : "", m.label(bad[b].second),
                        bad[b].first);
  // The lower bound proves it when it reaches 1; otherwise the bounds never closed below 1.
  const std::string radius =
      p.lower >= 1.0 ? fmt::format("spectral radius of A is at least {:.6g} (must be < 1)", p.lower)
                     : fmt::format("the spectral radius of A could not be shown below 1 (it lies between {:.3g} and "
                                   "{:.3g})",
                                   p.lower, p.upper);
  fail(ErrorKind::numeric,
       fmt::format("the system is not productive: {}{}; check the output x of these sectors against their inputs in Z",
                   radius, list.empty() ? "" : "; sectors buying more than they produce: " + list));
}

std::vector<float> identity_minus_A_f32(const Matrix& Z, const std::vector<double>& inv_x) {
  const size_t n = inv_x.size();
  std::vector<float> IA(n * n);
  for (size_t j = 0; j < n; ++j) {
    for (size_t i = 0; i < n; ++i) IA[i + j * n] = float(-Z(i, j) * inv_x[j]);
    IA[j + j * n] += 1.0f;
  }
  return IA;
}

double identity_minus_A_norm1(const Mrio& m, const std::vector<double>& inv_x) {
  const size_t n = inv_x.size();
  double norm = 0;
  for (size_t j = 0; j < n; ++j) {
    double s = 0;
    for (size_t i = 0; i < n; ++i) {
      const double v = (i == j ? 1.0 : 0.0) - m.Z(i, j) * inv_x[j];
      if (!std::isfinite(v))
        fail(ErrorKind::numeric, fmt::format("matrix entry ({}, {}) is {}", m.label(i), m.label(j), v));
      s += std::fabs(v);
    }
    norm = std::max(norm, s);
  }
  return norm;
}

void refinement_stalled(double r) {
  fail(ErrorKind::numeric, fmt::format("mixed-precision refinement stalled at relative residual {:.3g}; the system "
                                       "is too ill-conditioned for it: use --precision float64",
                                       r));
}

}  // namespace detail

Leontief::Leontief(const Mrio& m, Precision precision)
    : Z_(&m.Z), x_(&m.x), inv_x_(detail::inverse_output(m.x)), precision_(precision) {
  const size_t n = m.x.size();
  detail::require_productive(m, inv_x_);
  // I - A straight from Z and x into the factorization's own buffer, in its precision: one n x n besides Z.
  auto label = [&m](size_t i) { return m.label(i); };
  if (precision == Precision::float64) {
    Matrix IA(n, n);
    for (size_t j = 0; j < n; ++j) {
      for (size_t i = 0; i < n; ++i) IA(i, j) = -m.Z(i, j) * inv_x_[j];
      IA(j, j) += 1.0;
    }
    lu_ = std::make_unique<LuFactor>(std::move(IA), label);
  } else {
    lu_ = std::make_unique<LuFactor>(detail::identity_minus_A_f32(m.Z, inv_x_), n, label);
  }
}

Leontief::~Leontief() = default;
Leontief::Leontief(Leontief&&) noexcept = default;

Matrix Leontief::A() const { return technical_coefficients(*Z_, *x_); }

Matrix Leontief::apply(const Matrix& X, bool transposed) const {
  // (I - A) X = X - Z (diag(1/x) X);  (I - A)^T X = X - diag(1/x) (Z^T X).
  Matrix R = X;
  if (!transposed) {
    Matrix W = X;
    for (size_t j = 0; j < W.cols(); ++j)
      for (size_t i = 0; i < W.rows(); ++i) W(i, j) *= inv_x_[i];
    gemm(*Z_, false, W, false, R, -1.0, 1.0);
  } else {
    Matrix W(X.rows(), X.cols());
    gemm(*Z_, true, X, false, W);
    for (size_t j = 0; j < W.cols(); ++j)
      for (size_t i = 0; i < W.rows(); ++i) R(i, j) -= inv_x_[i] * W(i, j);
  }
  return R;
}

namespace {
double norm(const Matrix& M) {
  double s = 0;
  for (size_t i = 0; i < M.size(); ++i) s += M.data()[i] * M.data()[i];
  return std::sqrt(s);
}
}  // namespace

// Mixed precision: the float32 factors solve for corrections to a float64 residual until it stops shrinking
// (classical iterative refinement; converges when cond(I - A) * 6e-8 << 1, true of any productive MRIO we know).
Matrix Leontief::refine(Matrix X, const Matrix& B, bool transposed) const {
  if (precision_ != Precision::mixed) return X;
  const double b = norm(B);
  double previous = INFINITY;
  for (int it = 0; it < 10; ++it) {
    Matrix R = apply(X, transposed);
    for (size_t i = 0; i < R.size(); ++i) R.data()[i] = B.data()[i] - R.data()[i];
    const double r = norm(R) / (b > 0 ? b : 1.0);
    if (r <= 1e-15 || r > 0.5 * previous) {
      if (r > 1e-12) detail::refinement_stalled(r);
      break;
    }
    previous = r;
    transposed ? lu_->solve_transposed(R) : lu_->solve(R);
    for (size_t i = 0; i < X.size(); ++i) X.data()[i] += R.data()[i];
  }
  return X;
}

Matrix Leontief::solve(const Matrix& Y) const {
  Matrix X = Y;
  lu_->solve(X);
  return refine(std::move(X), Y, false);
}

Matrix Leontief::multipliers(const Matrix& S) const {
  Matrix St = S.transposed();
  if (precision_ != Precision::mixed) {  // solve in place: no copy of the s x n right-hand side
    lu_->solve_transposed(St);
    return St.transposed();
  }
  Matrix Mt = St;
  lu_->solve_transposed(Mt);
  return refine(std::move(Mt), St, true).transposed();
}

Matrix Leontief::L() const {
  Matrix I(n(), n());
  for (size_t i = 0; i < n(); ++i) I(i, i) = 1.0;
  return solve(I);
}

double Leontief::rcond() const { return lu_->rcond(); }

double Leontief::residual(const Matrix& X, const Matrix& Y) const { return relative_residual(X, Y, false); }
double Leontief::residual_transposed(const Matrix& X, const Matrix& Y) const { return relative_residual(X, Y, true); }

double Leontief::relative_residual(const Matrix& X, const Matrix& Y, bool transposed) const {
  Matrix R = apply(X, transposed);
  for (size_t i = 0; i < R.size(); ++i) R.data()[i] -= Y.data()[i];
  const double y = norm(Y);
  return norm(R) / (y > 0 ? y : 1.0);
}

}  // namespace worldsys
