// Monte Carlo: perturbed tables from a counter-based generator, the accounts and the drain of each, intervals.
#include "worldsys/scenario/uncertainty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <numbers>
#include <optional>
#include <thread>

#include <unistd.h>

#include "worldsys/accounts/accounts.hpp"
#include "worldsys/accounts/leontief.hpp"
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

double normal_from(std::uint64_t h) {
  const double u1 = uniform(h), u2 = uniform(mix(h ^ 0x5851f42d4c957f2dULL));
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}
// The key's first three parts, hashed once per matrix and draw; the cell's number is normal_from(mix(key ^ cell)).
std::uint64_t key(std::uint64_t seed, std::uint64_t draw, std::uint64_t matrix) {
  return mix(mix(mix(seed) ^ draw) ^ matrix);
}

void check_sigma(const ErrorModel& e) {
  for (double s : {e.sigma_Z, e.sigma_Y, e.sigma_F})
    if (!(s >= 0) || !(s <= kMaxSigma))
      fail(ErrorKind::usage, fmt::format("error model: sigma must be a number from 0 to {} (a relative standard "
                                         "deviation of up to {:.0f} %), found {}; larger ones make nearly every draw "
                                         "collapse to zero",
                                         kMaxSigma, 100 * std::sqrt(std::expm1(kMaxSigma * kMaxSigma)), s));
}

// out <- in with every non-zero cell times exp(s e - s^2/2); s from sigma or from the cell's sd. out holds the
// rows `rows` of in (all when empty); a cell's number is keyed by its place in `in`, so a row draws the same
// numbers whichever other rows are asked for. `sums`, when given, receives out's row sums.
void perturb_matrix(const Matrix& in, Matrix& out, const std::vector<size_t>& rows, double sigma, const Matrix& sd,
                    const char* name, std::uint64_t seed, std::uint64_t draw, MatrixId id,
                    std::vector<double>* sums = nullptr) {
  const bool cellwise = !sd.empty();
  if (cellwise && (sd.rows() != in.rows() || sd.cols() != in.cols()))
    fail(ErrorKind::usage, fmt::format("standard deviations for {} are {}x{}, the matrix is {}x{}", name, sd.rows(),
                                       sd.cols(), in.rows(), in.cols()));
  const std::uint64_t k = key(seed, draw, id);
  const size_t R = out.rows();
  if (sums) sums->assign(R, 0.0);
  for (size_t j = 0; j < in.cols(); ++j) {
    const double* src = in.col(j);
    double* dst = out.col(j);
    for (size_t r = 0; r < R; ++r) {
      const size_t i = rows.empty() ? r : rows[r], c = i + j * in.rows();
      const double z = src[i];
      double v = z;
      if (z != 0) {
        double s = sigma;
        if (cellwise) {
          const double cell = sd.data()[c], cv = cell / z;
          s = std::sqrt(std::log1p(cv * cv));
          if (!(cell >= 0) || !std::isfinite(cell) || !(s <= kMaxSigma))
            fail(ErrorKind::usage,
                 fmt::format("{}_sd at row {}, column {} is {} for a cell of {}: a standard deviation must be finite, "
                             ">= 0 and at most {:.3g} times the cell (lognormal sigma {})",
                             name, i + 1, j + 1, cell, z, std::sqrt(std::expm1(kMaxSigma * kMaxSigma)), kMaxSigma));
        }
        if (s != 0) v = z * std::exp(s * normal_from(mix(k ^ c)) - 0.5 * s * s);
      }
      dst[r] = v;
      if (sums) (*sums)[r] += v;
    }
  }
}

// Draws of one table into a table of the same shape, allocated once: Z, Y, x and the stressor rows `rows` of F
// and F_Y (all when empty).
class Perturber {
 public:
  Perturber(const Mrio& base, const ErrorModel& e, std::vector<size_t> rows) : base_(base), e_(e), rows_(std::move(rows)) {
    check_sigma(e);
    if (e.rebalance) z0_ = base.Z.row_sums(), y0_ = base.Y.row_sums();
  }

  // The draw's cells into `m`, which has the shape of the base table cut to the rows (its labels are not touched).
  void draw(Mrio& m, std::uint64_t seed, std::size_t d) {
    const std::vector<size_t> all;
    perturb_matrix(base_.Z, m.Z, all, e_.sigma_Z, e_.Z_sd, "Z", seed, d, kZ, &z1_);
    perturb_matrix(base_.Y, m.Y, all, e_.sigma_Y, e_.Y_sd, "Y", seed, d, kY, &y1_);
    perturb_matrix(base_.F, m.F, rows_, e_.sigma_F, e_.F_sd, "F", seed, d, kF);
    perturb_matrix(base_.F_Y, m.F_Y, rows_, e_.sigma_F, e_.F_Y_sd, "F_Y", seed, d, kFY);
    m.x = base_.x;
    if (!e_.rebalance) return;
    // x' = Z'1 + Y'1 + e with e = x - Z1 - Y1: the same row sums where nothing moved, so x' = x exactly there.
    // A row whose output is a small difference of large flows (inventory drawdowns) can come out with no room
    // for its own inputs (x' <= Z' column sum, value added < 0) or none at all; such a row keeps its published x
    // and its imbalance absorbs the draw (the accounts' identity check allows for it).
    const auto inputs = m.Z.col_sums();
    size_t kept = 0;
    for (size_t i = 0; i < m.n(); ++i) {
      const double x = base_.x[i] + ((z1_[i] - z0_[i]) + (y1_[i] - y0_[i]));
      if (base_.x[i] > 0 && !(x > 0 && x >= inputs[i]))
        ++kept;
      else
        m.x[i] = x;
    }
    m.provenance.history = base_.provenance.history;
    if (kept)
      m.provenance.history.push_back(fmt::format("Monte Carlo draw {} (seed {}): published output kept for {} rows "
                                                 "whose rebalanced output could not cover their inputs",
                                                 d, seed, kept));
  }

 private:
  const Mrio& base_;
  const ErrorModel& e_;
  std::vector<size_t> rows_;
  std::vector<double> z0_, y0_, z1_, y1_;  // row sums of the published Z and Y, and of the draw's
};

// The table with only the stressor rows `rows`.
Mrio with_stressors(const Mrio& base, const std::vector<size_t>& rows) {
  Mrio m;
  m.regions = base.regions;
  m.sectors = base.sectors;
  m.sector_names = base.sector_names;
  m.categories = base.categories;
  m.unit = base.unit;
  m.Z = base.Z;
  m.Y = base.Y;
  m.x = base.x;
  m.provenance = base.provenance;
  m.F = Matrix(rows.size(), base.n());
  m.F_Y = Matrix(rows.size(), base.F_Y.cols());
  for (size_t r = 0; r < rows.size(); ++r) {
    m.stressors.push_back(base.stressors[rows[r]]);
    for (size_t j = 0; j < m.F.cols(); ++j) m.F(r, j) = base.F(rows[r], j);
    for (size_t j = 0; j < m.F_Y.cols(); ++j) m.F_Y(r, j) = base.F_Y(rows[r], j);
  }
  return m;
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

  std::vector<double> operator()(const Mrio& m, const Leontief& leo, std::vector<Metric>* labels) const {
    const Accounts a = compute_accounts(m, leo, acc_opt);
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

// Workers that fit in memory beside the published table's LU: each holds a copy of the table (Z, Y, the rows of F
// read) and, when a draw factors, its own LU and accounts. At least one, or a usage error saying what would help.
size_t workers_that_fit(const Mrio& m, const AccountsOptions& acc, size_t limit) {
  if (!limit) limit = size_t(::sysconf(_SC_PHYS_PAGES)) * size_t(::sysconf(_SC_PAGE_SIZE));
  const size_t n = m.n(), lu = n * n * (acc.precision == Precision::float64 ? 8 : 4);
  const size_t table = (m.Z.size() + m.Y.size() + m.F.size() + m.F_Y.size() + n) * 8;
  const size_t per_worker = table + accounts_memory(m, acc);
  if (lu + per_worker > limit)
    fail(ErrorKind::usage,
         fmt::format("Monte Carlo on this table needs {:.1f} GiB for one worker and {:.1f} GiB are available; use "
                     "--precision float32, fewer --stressor, or aggregate the table (worldsys aggregate)",
                     double(lu + per_worker) / 1073741824.0, double(limit) / 1073741824.0));
  return (limit - lu) / per_worker;
}

double quantile(const std::vector<double>& sorted, double p) {
  const double h = (sorted.size() - 1) * p;
  const size_t lo = size_t(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back();
  return sorted[lo] + (h - double(lo)) * (sorted[lo + 1] - sorted[lo]);
}

}  // namespace

double standard_normal(std::uint64_t seed, std::uint64_t draw, std::uint64_t matrix, std::uint64_t cell) {
  return normal_from(mix(key(seed, draw, matrix) ^ cell));
}

bool ErrorModel::is_zero() const {
  return sigma_Z == 0 && sigma_Y == 0 && sigma_F == 0 && Z_sd.empty() && Y_sd.empty() && F_sd.empty() &&
         F_Y_sd.empty();
}

Mrio perturb(const Mrio& base, const ErrorModel& e, std::uint64_t seed, std::size_t draw) {
  check_sigma(e);
  Mrio m = base;
  if (!e.is_zero()) Perturber(base, e, {}).draw(m, seed, draw);
  return m;
}

const char* to_string(DrawSolver s) { return s == DrawSolver::refine ? "refine" : "factor"; }

DrawSolver parse_draw_solver(const std::string& name) {
  if (name == "refine") return DrawSolver::refine;
  if (name == "factor") return DrawSolver::factor;
  fail(ErrorKind::usage, fmt::format("unknown solver '{}'; use refine (on the published table's LU, the default) or "
                                     "factor (each draw's own LU)",
                                     name));
}

MonteCarlo uncertainty(const Mrio& base, const ErrorModel& e, std::uint64_t seed, std::size_t draws,
                       const UncertaintyOptions& o) {
  if (draws == 0) fail(ErrorKind::usage, "Monte Carlo needs at least one draw");
  // Every draw's results are kept for the quantiles; beyond a million the percentiles move by less than their
  // sampling error long before memory runs out (a count like 2^62 would be a bad_alloc, not an answer).
  constexpr std::size_t kMaxDraws = 1'000'000;
  if (draws > kMaxDraws)
    fail(ErrorKind::usage, fmt::format("{} Monte Carlo draws: at most {} (a few thousand give stable 95% intervals)",
                                       draws, kMaxDraws));
  check_sigma(e);
  // The stressor rows any result reads; the draws perturb only these.
  std::vector<size_t> reported;
  for (const auto& s : o.stressors) reported.push_back(base.stressor_index(s));
  std::vector<size_t> rows = reported;
  if (o.partition)
    for (const auto& name : {o.drain.factor, o.drain.value, o.drain.wage}) {
      const size_t k = base.stressor_index(name);
      if (std::find(rows.begin(), rows.end(), k) == rows.end()) rows.push_back(k);
    }
  if (o.stressors.empty()) rows.clear();  // every stressor is reported
  std::optional<Mrio> cut;
  if (!rows.empty()) cut = with_stressors(base, rows);
  const Mrio& table = cut ? *cut : base;

  Evaluator ev{o, {}, {}, o.valuations};
  for (size_t k = 0; k < (o.stressors.empty() ? table.stressors.size() : reported.size()); ++k)
    ev.stressors.push_back(k);  // reported ones come first in `table`
  ev.acc_opt.multipliers = false;
  ev.acc_opt.precision = o.precision;
  if (o.partition && ev.valuations.empty()) ev.valuations.push_back(o.drain.valuation);

  const SerialBlas serial;  // the same kernels for the baseline and every draw, whatever the thread count
  std::vector<Metric> labels;
  const Leontief published(table, o.precision);
  const std::vector<double> baseline = ev(table, published, &labels);
  std::vector<std::vector<double>> values(draws);
  std::vector<SolveStats> solves(draws);
  // Draws are handed out in order to one worker per thread, each with its own table, allocated once. On an error
  // every worker stops after its current draw; all draws below the highest one started have then run, so the error
  // reported is that of the lowest failing draw, whatever the thread count.
  const size_t cores = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  const size_t workers = std::min({cores, draws, workers_that_fit(table, ev.acc_opt, o.memory_limit)});
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex failed_mutex;
  std::optional<std::pair<size_t, Error>> failed;
  const Perturber perturber(base, e, rows);
  parallel_for(
      workers,
      [&](size_t) {
        Mrio m = table;
        Perturber p = perturber;  // its row-sum buffers are per worker
        for (size_t d; !stop && (d = next++) < draws;) try {
            p.draw(m, seed, d);
            const Leontief leo = o.solver == DrawSolver::refine ? Leontief(m, published) : Leontief(m, o.precision);
            values[d] = ev(m, leo, nullptr);
            solves[d] = leo.stats();
          } catch (const Error& err) {
            const std::lock_guard lock(failed_mutex);
            if (!failed || d < failed->first)
              failed.emplace(d, Error(err.kind(), fmt::format("Monte Carlo draw {} (seed {}): {}", d, seed, err.what())));
            stop = true;
          }
      },
      o.threads);
  if (failed) throw failed->second;

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
  Table per_draw({"draw", "solver", "iterations", "contraction", "residual"}, {true, false, true, true, true});
  for (size_t d = 0; d < draws; ++d) {
    const SolveStats& s = solves[d];
    per_draw.add_row({double(d), s.factored ? "factored" : "refined", double(s.iterations), s.contraction, s.residual});
  }
  return {std::move(t), std::move(per_draw)};
}

}  // namespace worldsys::scenario
