// Monte Carlo: perturbed tables from a counter-based generator, the accounts and the drain of each, intervals.
#include "worldsys/scenario/uncertainty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "worldsys/accounts/accounts.hpp"
#include "worldsys/accounts/tables.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/linalg/threads.hpp"

namespace worldsys::scenario {

namespace {

// SplitMix64's finalizer: a bijective 64-bit mix with full avalanche; chained over the key's parts it gives a
// hash that serves as an independent uniform number per key (a counter-based generator, no state).
std::uint64_t mix(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
// Uniform in (0, 1): the top 53 bits, shifted off 0.
double uniform(std::uint64_t h) { return (double(h >> 11) + 0.5) * 0x1.0p-53; }

enum MatrixId : std::uint64_t { kZ = 1, kY = 2, kF = 3, kFY = 4 };

// Above this, exp(s e - s^2/2) has a median of exp(-2) or less: nearly every draw collapses towards zero and the
// mean rests on a few huge draws (sigma 50 gave a mean of 0 everywhere). A relative sd of 730 %.
constexpr double kMaxSigma = 2.0;

// z <- z exp(s e - s^2/2) for every non-zero cell; s from sigma or from the cell's sd.
void perturb_matrix(Matrix& M, double sigma, const Matrix& sd, const char* name, std::uint64_t seed,
                    std::uint64_t draw, MatrixId id) {
  const bool cellwise = !sd.empty();
  if (cellwise && (sd.rows() != M.rows() || sd.cols() != M.cols()))
    fail(ErrorKind::usage, fmt::format("standard deviations for {} are {}x{}, the matrix is {}x{}", name, sd.rows(),
                                       sd.cols(), M.rows(), M.cols()));
  if (!cellwise && sigma == 0) return;
  double* z = M.data();
  for (size_t c = 0; c < M.size(); ++c) {
    if (z[c] == 0) continue;
    double s = sigma;
    if (cellwise) {
      const double cell = sd.data()[c], cv = cell / z[c];
      s = std::sqrt(std::log1p(cv * cv));
      if (!(cell >= 0) || !std::isfinite(cell) || !(s <= kMaxSigma))
        fail(ErrorKind::usage,
             fmt::format("{}_sd at row {}, column {} is {} for a cell of {}: a standard deviation must be finite, >= 0 "
                         "and at most {:.3g} times the cell (lognormal sigma {})",
                         name, c % M.rows() + 1, c / M.rows() + 1, cell, z[c], std::sqrt(std::expm1(kMaxSigma * kMaxSigma)),
                         kMaxSigma));
    }
    if (s == 0) continue;
    z[c] *= std::exp(s * standard_normal(seed, draw, id, c) - 0.5 * s * s);
  }
}

struct Metric {
  std::string measure, region, stressor, unit;
};

// Every number the uncertainty table reports, for one table, in a fixed order (the labels once, on request).
struct Evaluator {
  const UncertaintyOptions& o;
  std::vector<size_t> stressors;  // reported
  AccountsOptions acc_opt;
  std::vector<exchange::Valuation> valuations;

  std::vector<double> operator()(const Mrio& m, std::vector<Metric>* labels) const {
    const Accounts a = compute_accounts(m, acc_opt);
    std::vector<double> v;
    auto put = [&](double value, Metric&& label) {
      v.push_back(value);
      if (labels) labels->push_back(std::move(label));
    };
    for (size_t q = 0; q < stressors.size(); ++q) {
      const size_t k = size_t(std::find(a.stressors.begin(), a.stressors.end(), stressors[q]) - a.stressors.begin());
      const Stressor& st = m.stressors[stressors[q]];
      for (const char* measure : {"cba", "pba"}) {
        const Matrix& M = measure[0] == 'c' ? a.cba : a.pba;
        for (size_t r = 0; r < m.regions.size(); ++r) put(M(k, r), {measure, m.regions[r], st.name, st.unit});
        if (o.groups) {
          const GroupedAccounts g = group_accounts(a, k, *o.groups);
          for (size_t gi = 0; gi < o.groups->groups.size(); ++gi)
            put(measure[0] == 'c' ? g.cba[gi] : g.pba[gi], {measure, o.groups->groups[gi], st.name, st.unit});
        }
      }
    }
    if (o.partition)
      for (size_t iv = 0; iv < valuations.size(); ++iv) {
        exchange::DrainOptions d = o.drain;
        d.valuation = valuations[iv];
        const exchange::Drain dr = exchange::compute_drain(m, a, *o.partition, d);
        if (iv == 0) put(dr.net(), {"net_appropriation", "North<->South", dr.factor, dr.factor_unit});
        put(dr.value, {"drain", "North<->South", exchange::to_string(valuations[iv]), dr.money_unit});
      }
    return v;
  }
};

double quantile(const std::vector<double>& sorted, double p) {
  const double h = (sorted.size() - 1) * p;
  const size_t lo = size_t(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - double(lo)) * (sorted[lo + 1] - sorted[lo]);
}

}  // namespace

double standard_normal(std::uint64_t seed, std::uint64_t draw, std::uint64_t matrix, std::uint64_t cell) {
  const std::uint64_t h = mix(mix(mix(mix(seed) ^ draw) ^ matrix) ^ cell);
  const double u1 = uniform(h), u2 = uniform(mix(h ^ 0x5851f42d4c957f2dULL));
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

bool ErrorModel::is_zero() const {
  return sigma_Z == 0 && sigma_Y == 0 && sigma_F == 0 && Z_sd.empty() && Y_sd.empty() && F_sd.empty() &&
         F_Y_sd.empty();
}

Mrio perturb(const Mrio& base, const ErrorModel& e, std::uint64_t seed, std::size_t draw) {
  for (double s : {e.sigma_Z, e.sigma_Y, e.sigma_F})
    if (!(s >= 0) || !(s <= kMaxSigma))
      fail(ErrorKind::usage, fmt::format("error model: sigma must be a number from 0 to {} (a relative standard "
                                         "deviation of up to {:.0f} %), found {}; larger ones make nearly every draw "
                                         "collapse to zero",
                                         kMaxSigma, 100 * std::sqrt(std::expm1(kMaxSigma * kMaxSigma)), s));
  if (e.is_zero()) return base;
  Mrio m = base;
  perturb_matrix(m.Z, e.sigma_Z, e.Z_sd, "Z", seed, draw, kZ);
  perturb_matrix(m.Y, e.sigma_Y, e.Y_sd, "Y", seed, draw, kY);
  perturb_matrix(m.F, e.sigma_F, e.F_sd, "F", seed, draw, kF);
  perturb_matrix(m.F_Y, e.sigma_F, e.F_Y_sd, "F_Y", seed, draw, kFY);
  if (e.rebalance) {
    // x' = Z'1 + Y'1 + e with e = x - Z1 - Y1: the same row sums where nothing moved, so x' = x exactly there.
    // A row whose output is a small difference of large flows (inventory drawdowns) can come out with no room
    // for its own inputs (x' <= Z' column sum, value added < 0) or none at all; such a row keeps its published x
    // and its imbalance absorbs the draw (the accounts' identity check allows for it).
    const auto z0 = base.Z.row_sums(), y0 = base.Y.row_sums(), z1 = m.Z.row_sums(), y1 = m.Y.row_sums();
    const auto inputs = m.Z.col_sums();
    size_t kept = 0;
    for (size_t i = 0; i < m.n(); ++i) {
      const double x = base.x[i] + ((z1[i] - z0[i]) + (y1[i] - y0[i]));
      if (base.x[i] > 0 && !(x > 0 && x >= inputs[i]))
        ++kept;
      else
        m.x[i] = x;
    }
    if (kept)
      m.provenance.history.push_back(fmt::format("Monte Carlo draw {} (seed {}): published output kept for {} rows "
                                                 "whose rebalanced output could not cover their inputs",
                                                 draw, seed, kept));
  }
  return m;
}

Table uncertainty(const Mrio& base, const ErrorModel& e, std::uint64_t seed, std::size_t draws,
                  const UncertaintyOptions& o) {
  if (draws == 0) fail(ErrorKind::usage, "Monte Carlo needs at least one draw");
  // Every draw's results are kept for the quantiles; beyond a million the percentiles move by less than their
  // sampling error long before memory runs out (a count like 2^62 would be a bad_alloc, not an answer).
  constexpr std::size_t kMaxDraws = 1'000'000;
  if (draws > kMaxDraws)
    fail(ErrorKind::usage, fmt::format("{} Monte Carlo draws: at most {} (a few thousand give stable 95% intervals)",
                                       draws, kMaxDraws));
  Evaluator ev{o, {}, {}, o.valuations};
  if (o.stressors.empty())
    for (size_t k = 0; k < base.stressors.size(); ++k) ev.stressors.push_back(k);
  for (const auto& s : o.stressors) ev.stressors.push_back(base.stressor_index(s));
  ev.acc_opt.multipliers = false;
  ev.acc_opt.precision = o.precision;
  ev.acc_opt.stressors = ev.stressors;
  if (o.partition) {
    if (ev.valuations.empty()) ev.valuations.push_back(o.drain.valuation);
    for (const auto& name : {o.drain.factor, o.drain.value, o.drain.wage}) {
      const size_t k = base.stressor_index(name);
      if (std::find(ev.acc_opt.stressors.begin(), ev.acc_opt.stressors.end(), k) == ev.acc_opt.stressors.end())
        ev.acc_opt.stressors.push_back(k);
    }
  }

  const SerialBlas serial;  // the same kernels for the baseline and every draw, whatever the thread count
  std::vector<Metric> labels;
  const std::vector<double> baseline = ev(base, &labels);
  std::vector<std::vector<double>> values(draws);
  parallel_for(
      draws,
      [&](size_t d) {
        const Mrio m = perturb(base, e, seed, d);  // its errors name the draw
        try {
          values[d] = ev(m, nullptr);
        } catch (const Error& err) {
          throw Error(err.kind(), fmt::format("Monte Carlo draw {} (seed {}): {}", d, seed, err.what()));
        }
      },
      o.threads);

  Table t({"measure", "region", "stressor", "unit", "baseline", "mean", "sd", "p2_5", "p50", "p97_5", "draws"},
          {false, false, false, false, true, true, true, true, true, true, true});
  std::vector<double> v(draws);
  for (size_t q = 0; q < labels.size(); ++q) {
    // Shifted by the first draw: more accurate, and exactly the common value when every draw is the same.
    double sum = 0;
    for (size_t d = 0; d < draws; ++d) sum += (v[d] = values[d][q]) - values[0][q];
    const double mean = values[0][q] + sum / double(draws);
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    const double sd = draws > 1 ? std::sqrt(ss / double(draws - 1)) : std::numeric_limits<double>::quiet_NaN();
    std::sort(v.begin(), v.end());
    const Metric& l = labels[q];
    t.add_row({l.measure, l.region, l.stressor, l.unit, baseline[q], mean, sd, quantile(v, 0.025), quantile(v, 0.5),
               quantile(v, 0.975), double(draws)});
  }
  return t;
}

}  // namespace worldsys::scenario
