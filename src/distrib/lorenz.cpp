// Lorenz-curve fits for grouped data. Formulas re-derived from Villaseñor & Arnold (1989), Kakwani (1980) and
// Datt (1998, FCND DP 50, tables 1–2); see docs/methods/poverty.md.
#include "worldsys/distrib/lorenz.hpp"

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

#include "distrib/quadrature.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::distrib {

namespace {

// Points used in the regressions: 0 < p < 1 (the end points hold for every curve by construction).
bool is_interior(const Grouped& g, size_t i) { return g.p[i] > 0 && g.p[i] < 1 - 1e-12 && g.L[i] < g.p[i]; }
std::vector<size_t> interior(const Grouped& g) {
  std::vector<size_t> k;
  for (size_t i = 0; i < g.p.size(); ++i)
    if (is_interior(g, i)) k.push_back(i);
  return k;
}

Eigen::VectorXd least_squares(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) {
  return X.colPivHouseholderQr().solve(y);
}

// Watts index of a fitted curve: ∫_0^H ln(z / y(p)) dp with y(p) = mean·L'(p). Welfare the curve puts below
// kWattsFloor × mean (including the negative welfare of a Beta with γ < 1 near 0) is bottom-coded there
// (docs/methods/poverty.md): below the fit's floor_rank the integrand is constant, above it smooth, so the
// kink is integrated exactly and Gauss–Legendre (p = p0 + (H-p0) t²) handles the rest.
constexpr double kWattsFloor = 0.005;
constexpr int kWattsPoints = 64;  // agrees with a 2·10⁵-step Simpson rule to 1e-8 on Datt's data (32: 2e-7)

double floor_rank(const LorenzFit& f) {
  double lo = 1e-15, hi = 1 - 1e-12;
  if (f.slope(lo) >= kWattsFloor) return 0;
  if (f.slope(hi) < kWattsFloor) return 1;
  for (int it = 0; it < 200 && hi - lo > 1e-15; ++it) {
    const double mid = (lo + hi) / 2;
    (f.slope(mid) < kWattsFloor ? lo : hi) = mid;
  }
  return hi;
}

double watts(const LorenzFit& f, double mean, double z, double H) {
  if (H <= 0) return 0;
  const double p0 = std::min(f.floor_rank, H), flat = std::log(z / (kWattsFloor * mean)) * p0;
  if (H <= p0) return flat;
  const auto& gl = detail::gauss_legendre<kWattsPoints>();
  const double w = H - p0;
  double sum = 0;
  for (int i = 0; i < kWattsPoints; ++i) {
    const double t = gl.x[i], p = p0 + w * t * t;
    const double y = std::max(mean * f.slope(p), kWattsFloor * mean);
    sum += gl.w[i] * std::max(0.0, std::log(z / y)) * 2 * w * t;
  }
  return flat + sum;
}

// The Beta's severity is computed at every line for both the choice and the result: 32 points keep it to
// ~1e-9 after the smoothing substitution (tested against Simpson with 2·10⁵ steps on Datt's data).
constexpr int kSeverityPoints = 32;

bool ordered(const Poverty& m) {
  const double eps = 1e-12;
  return std::isfinite(m.headcount) && std::isfinite(m.gap) && std::isfinite(m.severity) &&
         m.headcount >= -eps && m.headcount <= 1 + eps && m.gap >= -eps && m.gap <= m.headcount + eps &&
         m.severity >= -eps && m.severity <= m.gap + eps;
}

struct Quadratic {  // Datt's derived parameters
  double a, b, c, e, m, n, r2;
  explicit Quadratic(const LorenzFit& f) : a(f.a), b(f.b), c(f.c) {
    e = -(a + b + c + 1);
    m = b * b - 4 * a;
    n = 2 * b * e - 4 * c;
    r2 = n * n - 4 * m * e * e;
  }
};

}  // namespace

const char* name(LorenzModel m) { return m == LorenzModel::quadratic ? "gq" : "beta"; }

double LorenzFit::lorenz(double p) const {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  if (model == LorenzModel::beta) return p - a * std::pow(p, b) * std::pow(1 - p, c);
  const Quadratic q(*this);
  return -(q.b * p + q.e + std::sqrt(std::max(0.0, q.m * p * p + q.n * p + q.e * q.e))) / 2;
}

double LorenzFit::slope(double p) const {
  if (model == LorenzModel::beta) {
    p = std::clamp(p, 1e-300, 1 - 1e-16);
    // θ p^γ (1-p)^δ by one exp and two logs (cheaper than two pows; this is the hot path of many lines).
    return 1 - a * std::exp(b * std::log(p) + c * std::log1p(-p)) * (b / p - c / (1 - p));
  }
  const Quadratic q(*this);
  return -q.b / 2 - (2 * q.m * p + q.n) / (4 * std::sqrt(q.m * p * p + q.n * p + q.e * q.e));
}

double LorenzFit::sse_below(const Grouped& g, double upto) const {
  double s = 0;
  for (size_t k = 0; k < g.p.size() && g.p[k] <= upto; ++k)
    if (is_interior(g, k)) s += std::pow(lorenz(g.p[k]) - g.L[k], 2);
  return s;
}

namespace {
// Welfare non-decreasing in the rank on a grid: 1e-6, 1e-5, 1e-4, then steps of 0.001, then 1 - 1e-4 ... 1 - 1e-6.
bool monotone_slope(const LorenzFit& f) {
  std::vector<double> grid = {1e-6, 1e-5, 1e-4};
  for (int i = 1; i < 1000; ++i) grid.push_back(i / 1000.0);
  for (double e : {1e-4, 1e-5, 1e-6}) grid.push_back(1 - e);
  double prev = -INFINITY;
  for (double p : grid) {
    const double s = f.slope(p);
    if (!std::isfinite(s) || s < prev - 1e-12 * std::abs(prev)) return false;
    prev = s;
  }
  return true;
}
}  // namespace

LorenzFit fit_quadratic(const Grouped& g) {
  validate(g);
  const auto pts = interior(g);
  if (pts.size() < 3) fail(ErrorKind::input, "the quadratic Lorenz curve needs at least 3 points strictly inside (0, 1)");
  // L(1-L) = a(p²-L) + b L(p-1) + c(p-L): linear in (a, b, c), no intercept.
  Eigen::MatrixXd X(pts.size(), 3);
  Eigen::VectorXd y(pts.size());
  for (size_t i = 0; i < pts.size(); ++i) {
    const double p = g.p[pts[i]], L = g.L[pts[i]];
    X(i, 0) = p * p - L, X(i, 1) = L * (p - 1), X(i, 2) = p - L;
    y(i) = L * (1 - L);
  }
  const Eigen::VectorXd beta = least_squares(X, y);
  LorenzFit f;
  f.model = LorenzModel::quadratic;
  f.a = beta(0), f.b = beta(1), f.c = beta(2);
  f.sse = f.sse_below(g, 1);
  // Datt (1998) table 2: conditions for a valid Lorenz curve.
  const Quadratic q(f);
  if (!(q.e < 0)) f.why_invalid = "e = -(a+b+c+1) is not negative, so L(0) != 0";
  else if (!(q.a + q.c >= 1)) f.why_invalid = "a + c < 1, so L(1) != 1";
  else if (!(q.c >= 0)) f.why_invalid = "c < 0, so L'(0+) < 0";
  else if (!(q.m < 0 || (q.m > 0 && q.m < q.n * q.n / (4 * q.e * q.e) && q.n >= 0) ||
             (q.m > 0 && q.m < -q.n / 2 && q.m < q.n * q.n / (4 * q.e * q.e))))
    f.why_invalid = "m and n violate the convexity condition (L'' < 0 somewhere in (0, 1))";
  f.valid = f.why_invalid.empty();
  f.monotone = f.valid || monotone_slope(f);  // Datt's conditions make the curve convex on (0, 1)
  f.floor_rank = floor_rank(f);
  return f;
}

LorenzFit fit_beta(const Grouped& g) {
  validate(g);
  const auto pts = interior(g);
  if (pts.size() < 3) fail(ErrorKind::input, "the Beta Lorenz curve needs at least 3 points strictly inside (0, 1)");
  // ln(p - L) = ln θ + γ ln p + δ ln(1-p).
  Eigen::MatrixXd X(pts.size(), 3);
  Eigen::VectorXd y(pts.size());
  for (size_t i = 0; i < pts.size(); ++i) {
    const double p = g.p[pts[i]], L = g.L[pts[i]];
    X(i, 0) = 1, X(i, 1) = std::log(p), X(i, 2) = std::log(1 - p);
    y(i) = std::log(p - L);
  }
  const Eigen::VectorXd beta = least_squares(X, y);
  LorenzFit f;
  f.model = LorenzModel::beta;
  f.a = std::exp(beta(0)), f.b = beta(1), f.c = beta(2);
  f.sse = f.sse_below(g, 1);
  // Kakwani (1980): θ, γ, δ > 0; welfare non-negative at the bottom (checked at p = 0.001, as PovcalNet
  // does, since L'(0+) = -∞ whenever γ < 1) and L'' >= 0 on a grid of (0, 1).
  if (!(f.a > 0 && f.b > 0 && f.c > 0)) f.why_invalid = "θ, γ and δ must all be positive";
  else if (f.slope(0.001) < 0) f.why_invalid = "L'(0.001) < 0: the curve gives negative welfare at the bottom";
  else {
    for (int i = 1; i < 100 && f.why_invalid.empty(); ++i) {
      const double p = i / 100.0;
      const double curv = f.b * (1 - f.b) / (p * p) + 2 * f.b * f.c / (p * (1 - p)) + f.c * (1 - f.c) / ((1 - p) * (1 - p));
      if (curv < 0) f.why_invalid = fmt::format("L''({}) < 0: the curve is not convex", p);
    }
  }
  f.valid = f.why_invalid.empty();
  // L'' = θ p^γ (1-p)^δ · [γ(1-γ)/p² + 2γδ/(p(1-p)) + δ(1-δ)/(1-p)²]: with 0 < γ, δ <= 1 every term is >= 0; with
  // γ > 1 (δ > 1) the first (last) term wins near 0 (1) and the curve bends the wrong way there.
  f.monotone = f.a > 0 && f.b > 0 && f.b <= 1 && f.c > 0 && f.c <= 1;
  f.floor_rank = floor_rank(f);
  return f;
}

CurvePoverty poverty(const LorenzFit& f, double mean, double z) {
  CurvePoverty out = poverty_fgt(f, mean, z);
  out.measures.watts = watts(f, mean, z, out.measures.headcount);
  out.normal = out.normal && std::isfinite(out.measures.watts);
  return out;
}

double headcount(const LorenzFit& f, double mean, double z) {
  if (!(z > 0)) fail(ErrorKind::usage, fmt::format("poverty line {} must be positive", z));
  if (!(mean > 0)) fail(ErrorKind::input, fmt::format("mean welfare {} must be positive", mean));
  const double zm = z / mean;
  if (f.model == LorenzModel::quadratic) {
    if (zm >= f.slope(1)) return 1;
    if (zm <= f.slope(0)) return 0;  // nobody is poor
    const Quadratic q(f);
    const double rr = std::sqrt(q.r2), k = q.b + 2 * zm;
    return -(q.n + rr * k / std::sqrt(k * k - q.m)) / (2 * q.m);
  }
  // The rank at which welfare reaches the line, L'(H) = z/mean. L' increases on a valid curve, so bisection
  // always brackets the root; Newton steps speed it up when they stay inside the bracket.
  double lo = 1e-12, hi = 1 - 1e-12;
  if (f.slope(lo) >= zm) return 0;
  if (f.slope(hi) <= zm) return 1;
  double H = 0.5;
  for (int it = 0; it < 200 && hi - lo > kRootTolerance; ++it) {
    const double p = H, th = f.a, g = f.b, d = f.c;
    const double pw = th * std::exp(g * std::log(p) + d * std::log1p(-p));
    const double v = 1 - pw * (g / p - d / (1 - p)) - zm;  // L'(H) - z/mean
    (v < 0 ? lo : hi) = H;
    const double curv = pw * (g * (1 - g) / (p * p) + 2 * g * d / (p * (1 - p)) + d * (1 - d) / ((1 - p) * (1 - p)));
    const double newton = curv > 0 ? H - v / curv : -1;
    if (newton > lo && newton < hi) {
      const double step = std::abs(newton - H);
      H = newton;
      if (step < kRootTolerance) break;  // Newton converges from one side: the bracket need not shrink
    } else {
      H = (lo + hi) / 2;
    }
  }
  return H;
}

CurvePoverty poverty_fgt(const LorenzFit& f, double mean, double z) {
  const double H = headcount(f, mean, z), mz = mean / z;
  CurvePoverty out;
  Poverty& r = out.measures;
  r.headcount = H;
  r.gap = H - mz * f.lorenz(H);
  if (f.model == LorenzModel::quadratic) {
    const Quadratic q(f);
    const double rr = std::sqrt(q.r2);
    const double s1 = (rr - q.n) / (2 * q.m), s2 = -(rr + q.n) / (2 * q.m);
    r.severity = H <= 0 ? 0
                        : 2 * r.gap - H -
                              mz * mz * (q.a * H + q.b * f.lorenz(H) - rr / 16 * std::log((1 - H / s1) / (1 - H / s2)));
  } else {
    // Severity ∫_0^H (1 - mean·L'(p)/z)² dp by quadrature: the closed form with incomplete beta functions
    // (Kakwani 1980) cancels catastrophically when H is small. Near 0 the integrand grows like p^(2γ-2), so
    // it is finite iff 2γ > 1; p = H u^m with m = 2/(2γ-1) makes it smooth in u.
    const double g = f.b;
    if (H <= 0) r.severity = 0;
    else if (2 * g - 1 <= 0) r.severity = INFINITY;
    else {
      // Work in ln p = ln H + m ln u (nodes' logs are tabulated): three transcendental calls per point.
      const double m = 2 / (2 * g - 1), lnH = std::log(H), th = f.a, d = f.c;
      const auto& gl = detail::gauss_legendre<kSeverityPoints>();
      double sum = 0;
      for (int i = 0; i < kSeverityPoints; ++i) {
        const double lp = lnH + m * gl.log_x[i], p = std::exp(lp);
        const double slope = 1 - th * std::exp(g * lp + d * std::log1p(-p)) * (g / p - d / (1 - p));
        const double gap = 1 - mean * slope / z;
        sum += gl.w[i] * gap * gap * m * p / gl.x[i];  // dp = m p/u du
      }
      r.severity = sum;
    }
  }
  out.normal = ordered(r);
  return out;
}

double gini(const LorenzFit& f) {
  if (f.model == LorenzModel::beta)  // 1 - 2∫(p - θ p^γ (1-p)^δ) = 2θ B(γ+1, δ+1)
    return 2 * f.a * std::exp(std::lgamma(f.b + 1) + std::lgamma(f.c + 1) - std::lgamma(f.b + f.c + 2));
  return 1 - 2 * detail::integrate01([&](double p) { return f.lorenz(p); });
}

double quantile(const LorenzFit& f, double mean, double p) { return mean * f.slope(p); }

LorenzMethod parse_lorenz_method(const std::string& s) {
  if (s == "auto") return LorenzMethod::automatic;
  if (s == "gq" || s == "quadratic") return LorenzMethod::quadratic;
  if (s == "beta") return LorenzMethod::beta;
  fail(ErrorKind::usage, fmt::format("unknown Lorenz method '{}'; expected auto, gq or beta", s));
}

GroupedResult analyse_grouped(const Grouped& g, double z, LorenzMethod method) {
  return analyse_grouped(g, fit_quadratic(g), fit_beta(g), z, method);
}

namespace {

// PIP's choice of curve at line z and the chosen curve's measures.
struct PovertyChoice {
  LorenzModel model;
  Poverty measures;
};
PovertyChoice choose_poverty(const Grouped& g, const LorenzFit& gq, const LorenzFit& beta, double z,
                             LorenzMethod method) {
  // FGT0-2 of both curves decide the choice (severity above the gap flags a curve that puts negative welfare
  // at the bottom); Watts, a quadrature not needed for the choice, only for the chosen curve.
  const CurvePoverty pq = poverty_fgt(gq, g.mean, z), pb = poverty_fgt(beta, g.mean, z);
  const double first = g.p.front();
  auto err = [&](const LorenzFit& f, const CurvePoverty& cp) {
    return f.sse_below(g, std::max(cp.measures.headcount, first));
  };
  bool use_gq;
  if (method == LorenzMethod::quadratic) use_gq = true;
  else if (method == LorenzMethod::beta) use_gq = false;
  else {
    const bool okq = gq.valid && pq.normal, okb = beta.valid && pb.normal;
    if (okq && okb) use_gq = err(gq, pq) <= err(beta, pb);
    else if (okq || okb) use_gq = okq;
    else if (gq.valid || beta.valid) use_gq = gq.valid && (!beta.valid || gq.sse <= beta.sse);
    else if (pq.normal || pb.normal) use_gq = pq.normal;
    else
      fail(ErrorKind::numeric, fmt::format("neither Lorenz curve fits these grouped data: quadratic invalid ({}), "
                                           "Beta invalid ({})", gq.why_invalid, beta.why_invalid));
  }
  PovertyChoice out;
  out.model = use_gq ? LorenzModel::quadratic : LorenzModel::beta;
  out.measures = use_gq ? pq.measures : pb.measures;
  out.measures.watts = watts(use_gq ? gq : beta, g.mean, z, out.measures.headcount);
  return out;
}

}  // namespace

GroupedResult analyse_grouped(const Grouped& g, const LorenzFit& gq, const LorenzFit& beta, double z,
                              LorenzMethod method) {
  GroupedResult out;
  out.gq = gq, out.beta = beta;
  const PovertyChoice c = choose_poverty(g, gq, beta, z, method);
  out.poverty_model = c.model;
  out.measures = c.measures;
  // Distributional statistics come from the better overall fit among valid curves.
  bool dist_gq;
  if (method == LorenzMethod::automatic)
    dist_gq = gq.valid != beta.valid ? gq.valid : gq.sse <= beta.sse;
  else
    dist_gq = c.model == LorenzModel::quadratic;
  const LorenzFit& d = dist_gq ? gq : beta;
  out.dist_model = d.model;
  out.gini = gini(d);
  out.median = quantile(d, g.mean, 0.5);
  return out;
}

WeightedSample to_bins(const LorenzFit& f, double mean, double population, int n) {
  WeightedSample s;
  s.y.reserve(n);
  s.w.assign(n, population / n);
  double prev = 0;
  for (int k = 1; k <= n; ++k) {
    const double L = f.lorenz(double(k) / n);
    s.y.push_back(std::max(0.0, mean * (L - prev) * n));
    prev = L;
  }
  return s;
}

}  // namespace worldsys::distrib
