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
    : m_(&m), inv_x_(detail::inverse_output(m.x)), precision_(precision) {
  detail::require_productive(m, inv_x_);
  factor();
}

Leontief::Leontief(const Mrio& m, const Leontief& near)
    : m_(&m),
      inv_x_(detail::inverse_output(m.x)),
      precision_(near.precision_),
      near_(near.lu_ ? &near : near.near_) {  // a neighbour still refining lends its own neighbour's factors
  if (near.n() != n())
    fail(ErrorKind::usage, fmt::format("refining on the factors of a {0}x{0} table needs a table of that size, this "
                                       "one is {1}x{1}",
                                       near.n(), n()));
  detail::require_productive(m, inv_x_);
  if (precision_ == Precision::float32) factor();
  else stats_.factored = false;
}

Leontief::~Leontief() = default;
Leontief::Leontief(Leontief&&) noexcept = default;

void Leontief::factor() const {
  // I - A straight from Z and x into the factorization's own buffer, in its precision: one n x n besides Z.
  const Mrio& m = *m_;
  const size_t n = this->n();
  auto label = [&m](size_t i) { return m.label(i); };
  if (precision_ == Precision::float64) {
    Matrix IA(n, n);
    for (size_t j = 0; j < n; ++j) {
      for (size_t i = 0; i < n; ++i) IA(i, j) = -m.Z(i, j) * inv_x_[j];
      IA(j, j) += 1.0;
    }
    lu_ = std::make_unique<LuFactor>(std::move(IA), label);
  } else {
    lu_ = std::make_unique<LuFactor>(detail::identity_minus_A_f32(m.Z, inv_x_), n, label);
  }
  stats_.factored = true;
}

Matrix Leontief::A() const { return technical_coefficients(m_->Z, m_->x); }

Matrix Leontief::apply(const Matrix& X, bool transposed) const {
  // (I - A) X = X - Z (diag(1/x) X);  (I - A)^T X = X - diag(1/x) (Z^T X).
  Matrix R = X;
  if (!transposed) {
    Matrix W = X;
    for (size_t j = 0; j < W.cols(); ++j)
      for (size_t i = 0; i < W.rows(); ++i) W(i, j) *= inv_x_[i];
    gemm(m_->Z, false, W, false, R, -1.0, 1.0);
  } else {
    Matrix W(X.rows(), X.cols());
    gemm(m_->Z, true, X, false, W);
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

// max over columns of ||R_j|| / ||B_j||: a column with little final demand must converge as well as the rest.
double worst_column(const Matrix& R, const Matrix& B) {
  double worst = 0;
  for (size_t j = 0; j < R.cols(); ++j) {
    double r = 0, b = 0;
    for (size_t i = 0; i < R.rows(); ++i) r += R(i, j) * R(i, j), b += B(i, j) * B(i, j);
    if (r > 0) worst = std::max(worst, b > 0 ? std::sqrt(r / b) : INFINITY);
  }
  return worst;
}
}  // namespace

// Iterative refinement on factors that are not this table's exact LU: float32 ones (mixed precision, converges
// when cond(I - A) * 6e-8 << 1, true of any productive MRIO we know) or a neighbouring table's (a Monte Carlo draw).
// The residual is formed in float64 from Z and x each step.
Matrix Leontief::solve_system(const Matrix& B, bool transposed) const {
  Matrix X = B;
  auto direct = [&](const LuFactor& f, Matrix& Y) { transposed ? f.solve_transposed(Y) : f.solve(Y); };
  if (lu_ && (!lu_->single() || precision_ == Precision::float32)) {  // exact factors, or float32 asked for
    direct(*lu_, X);
    return X;
  }
  const bool neighbour = !lu_;
  direct(neighbour ? *near_->lu_ : *lu_, X);
  // A step costs a product with Z and a pair of triangular solves, 4 n^2 k flops for k right-hand sides; a
  // factorization 2/3 n^3. Refinement stops paying after n / (6 k) steps.
  const double budget = std::min(60.0, std::max(2.0, double(n()) / (6.0 * std::max<size_t>(B.cols(), 1))));
  const double tolerance = neighbour ? 1e-13 : 1e-15;
  double previous = INFINITY;
  for (int it = 0;; ++it) {
    Matrix R = apply(X, transposed);
    for (size_t i = 0; i < R.size(); ++i) R.data()[i] = B.data()[i] - R.data()[i];
    const double r = worst_column(R, B);
    if (r <= tolerance) {
      stats_.residual = std::max(stats_.residual, r);
      break;
    }
    const double rho = r / previous;
    if (std::isfinite(previous)) stats_.contraction = std::max(stats_.contraction, rho);
    if (neighbour) {
      // Steps still needed at this rate, against what is left of the budget: factor when they do not pay.
      const double needed = rho < 1 ? std::log(tolerance / r) / std::log(rho) : INFINITY;
      if (rho > 0.5 || double(it) + needed > budget || !std::isfinite(r)) {
        factor();
        X = B;
        direct(*lu_, X);
        return X;
      }
    } else if (r > 0.5 * previous || it >= 10) {
      if (r > 1e-12) detail::refinement_stalled(r);
      stats_.residual = std::max(stats_.residual, r);
      break;
    }
    previous = r;
    direct(neighbour ? *near_->lu_ : *lu_, R);
    for (size_t i = 0; i < X.size(); ++i) X.data()[i] += R.data()[i];
    ++stats_.iterations;
  }
  return X;
}

Matrix Leontief::solve(const Matrix& Y) const { return solve_system(Y, false); }

Matrix Leontief::multipliers(const Matrix& S) const {
  Matrix St = S.transposed();
  if (lu_ && precision_ != Precision::mixed) {  // solve in place: no copy of the s x n right-hand side
    lu_->solve_transposed(St);
    return St.transposed();
  }
  return solve_system(St, true).transposed();
}

Matrix Leontief::L() const {
  Matrix I(n(), n());
  for (size_t i = 0; i < n(); ++i) I(i, i) = 1.0;
  return solve(I);
}

double Leontief::rcond() const {
  if (lu_) return lu_->rcond();
  // Not factored: from the neighbour's, shrunk by the measured contraction c (||L|| <= ||L0|| / (1 - c) where c
  // bounds ||L0 (A - A0)||; an estimate, as gecon's own is).
  const double c = std::min(stats_.contraction, 0.9);
  return near_->rcond() * (1 - c) / (1 + c);
}

double Leontief::residual(const Matrix& X, const Matrix& Y) const { return relative_residual(X, Y, false); }
double Leontief::residual_transposed(const Matrix& X, const Matrix& Y) const { return relative_residual(X, Y, true); }

double Leontief::relative_residual(const Matrix& X, const Matrix& Y, bool transposed) const {
  Matrix R = apply(X, transposed);
  for (size_t i = 0; i < R.size(); ++i) R.data()[i] -= Y.data()[i];
  const double y = norm(Y);
  return norm(R) / (y > 0 ? y : 1.0);
}

}  // namespace worldsys
