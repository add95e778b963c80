#pragma once
// Parametric Lorenz curves fitted to grouped data, as PovcalNet/PIP does (Datt 1998):
//  * General Quadratic (Villaseñor & Arnold 1989): L(1-L) = a(p²-L) + bL(p-1) + c(p-L)
//  * Beta (Kakwani 1980):                         L = p - θ p^γ (1-p)^δ
// each by least squares on the grouped points, with validity checks (the fitted curve is a Lorenz curve) and
// normality checks (the poverty measures it gives are finite and consistent), and PIP's choice between them.
#include <string>

#include "worldsys/distrib/distribution.hpp"
#include "worldsys/distrib/measures.hpp"

namespace worldsys::distrib {

enum class LorenzModel { quadratic, beta };
const char* name(LorenzModel m);

struct LorenzFit {
  LorenzModel model = LorenzModel::quadratic;
  double a = 0, b = 0, c = 0;  // GQ: a, b, c;  Beta: θ, γ, δ
  double sse = 0;              // sum of squared residuals of L over the fitted points
  bool valid = false;          // the fitted curve is a Lorenz curve on (0, 1)
  // Welfare L'(p) finite and non-decreasing over (0, 1), checked on a grid down to p = 1e-6 and up to 1 - 1e-6,
  // so headcounts are continuous and non-decreasing in the line. Neither implies the other: a valid Beta curve
  // (convex on PIP's grid 0.01..0.99) may fall below p = 0.01, and a monotone curve may give negative welfare to
  // the very bottom or miss (1, 1) a little, as PIP's "normal" fits may.
  bool monotone = false;
  double floor_rank = 0;       // rank below which the curve's welfare is under the Watts floor (0.5 % of the mean)
  std::string why_invalid;     // first failed condition, for messages

  double lorenz(double p) const;  // L(p)
  double slope(double p) const;   // L'(p) = y(p)/mean
  // Sum of squared residuals over the data points with p < `upto` (PIP's "fit error up to the line").
  double sse_below(const Grouped& g, double upto) const;
};

LorenzFit fit_quadratic(const Grouped& g);
LorenzFit fit_beta(const Grouped& g);

// Headcount, gap, severity (closed forms for GQ after Datt 1998; for Beta the headcount solves
// L'(H) = z/mean by safeguarded Newton–bisection to kRootTolerance in p) and Watts (Gauss–Legendre).
// `normal` is false when the measures are not finite or not ordered 0 <= severity <= gap <= headcount <= 1.
struct CurvePoverty {
  Poverty measures;
  bool normal = false;
};
inline constexpr double kRootTolerance = 1e-12;
CurvePoverty poverty(const LorenzFit& f, double mean, double z);
// The headcount alone (what a search over lines or ranks needs).
double headcount(const LorenzFit& f, double mean, double z);
// The same without Watts (left 0): the part that decides PIP's choice of curve.
CurvePoverty poverty_fgt(const LorenzFit& f, double mean, double z);

double gini(const LorenzFit& f);                          // 1 - 2∫L
double quantile(const LorenzFit& f, double mean, double p);  // welfare at rank p: mean·L'(p)

enum class LorenzMethod { automatic, quadratic, beta };
LorenzMethod parse_lorenz_method(const std::string& s);  // "auto", "gq", "beta"

// Everything `worldsys poverty --grouped` reports for one distribution at one line.
struct GroupedResult {
  LorenzModel poverty_model;  // the curve the poverty measures come from
  LorenzModel dist_model;     // the curve Gini and median come from (smaller overall SSE among valid fits)
  Poverty measures;
  double gini = 0, median = 0;
  LorenzFit gq, beta;
};
// PIP's rule for `automatic`: among fits that are valid and normal at this line, the smaller SSE over points
// below the headcount; else a valid one; else a normal one; else a numeric error naming both failures.
GroupedResult analyse_grouped(const Grouped& g, double z, LorenzMethod method = LorenzMethod::automatic);
// The same with the fits done already (for many lines on one distribution).
GroupedResult analyse_grouped(const Grouped& g, const LorenzFit& gq, const LorenzFit& beta, double z,
                              LorenzMethod method = LorenzMethod::automatic);

// Equal-population bins (n of them) from a fitted curve: bin k's mean is mean·(L(p_k+1)-L(p_k))/Δp.
WeightedSample to_bins(const LorenzFit& f, double mean, double population, int n);

}  // namespace worldsys::distrib
