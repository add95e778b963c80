#pragma once
// Monte Carlo uncertainty: perturb Z, Y, F and F_Y cell by cell, rebalance, recompute the accounts and the drain
// for each draw, and report intervals. Seeded and reproducible: draw d of seed s is a pure function of (s, d) —
// each cell's random number comes from a counter-based generator keyed by (seed, draw, matrix, cell), so results
// do not depend on the number of threads, the order of tasks or the machine (the perturbed tables are bit-identical
// everywhere; results also need the same BLAS kernel, since BLAS is run single-threaded for every draw).
//
// Error model (per cell, independent): z' = z exp(s e - s^2/2), e ~ N(0, 1), so E[z'] = z (mean-preserving
// log-normal) and sd(z')/|z| = sqrt(exp(s^2) - 1) (~ s for small s). s = sigma_Z/sigma_Y/sigma_F for relative
// errors, or, where a per-cell standard deviation sd is given, s = sqrt(ln(1 + (sd/z)^2)) (the log-normal with
// mean z and that sd). Zero cells stay zero; signs are kept.
// Rebalance (rebalance = true, the default): x' = Z'1 + Y'1 + e, e = x - Z1 - Y1 the table's own imbalance (0 for
// a balanced table): rows stay balanced as in the source. false: x kept (A and S then absorb the perturbation).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "worldsys/core/concordance.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/core/table.hpp"
#include "worldsys/exchange/drain.hpp"
#include "worldsys/linalg/lu.hpp"

namespace worldsys::scenario {

struct ErrorModel {
  double sigma_Z = 0, sigma_Y = 0, sigma_F = 0;  // log-normal relative sigma per cell (F also applies to F_Y)
  // Per-cell standard deviations (same shape as the matrix, same unit), used instead of sigma where given,
  // e.g. Eora's uncertainty tables; a store may hold them as Z_sd.npy, Y_sd.npy, F_sd.npy, F_Y_sd.npy.
  Matrix Z_sd, Y_sd, F_sd, F_Y_sd;
  bool rebalance = true;
  bool is_zero() const;  // no perturbation at all
};

// The counter-based generator: a standard normal number that depends only on its key (SplitMix64 finalizer
// hashes, Box-Muller). Exposed for tests.
double standard_normal(std::uint64_t seed, std::uint64_t draw, std::uint64_t matrix, std::uint64_t cell);

// Draw `draw` of the perturbed table. A zero error model returns `base` unchanged. Shapes of sd matrices that do
// not match are usage errors.
Mrio perturb(const Mrio& base, const ErrorModel& e, std::uint64_t seed, std::size_t draw);

// How each draw's Leontief systems are solved. refine: iterative refinement on the published table's LU (a draw
// is a small change to it), falling back to the draw's own factorization where refinement would not pay or does
// not converge; the results equal a direct solve's to a relative residual of 1e-13 per column. factor: every
// draw factors its own I - A (the reference; the only choice for float32).
enum class DrawSolver { refine, factor };
const char* to_string(DrawSolver s);
DrawSolver parse_draw_solver(const std::string& name);

struct UncertaintyOptions {
  std::vector<std::string> stressors;   // cba and pba for these (empty: all)
  const Concordance* groups = nullptr;  // also rows per group of regions
  // The drain for each valuation (erdi needs drain.prices) when a partition is given.
  std::optional<exchange::Partition> partition;
  exchange::DrainOptions drain;
  std::vector<exchange::Valuation> valuations;  // empty: drain.valuation only
  unsigned threads = 0;  // 0: every core (fewer where their tables would not fit in memory); results do not depend on it
  size_t memory_limit = 0;  // bytes the draws may use; 0 = the machine's physical memory
  Precision precision = Precision::float64;
  DrawSolver solver = DrawSolver::refine;
};

struct MonteCarlo {
  Table intervals;  // one row per reported number, below
  // draw, solver (refined or factored), iterations (refinement steps), contraction (the rate they converged at:
  // an estimate of the spectral radius of (I - A)^-1 dA, 0 when factored at once), residual (the largest relative
  // residual of a column after refinement, 0 for a direct solve)
  Table draws;
};

// Intervals: measure,region,stressor,unit,baseline,mean,sd,p2_5,p50,p97_5,draws: measure cba or pba (by region, and by group
// with groups), drain (region "North<->South", stressor = valuation) and net_appropriation (stressor = factor).
// Quantiles interpolate linearly between order statistics (numpy's default); sd is the sample sd (n - 1).
MonteCarlo uncertainty(const Mrio& base, const ErrorModel& e, std::uint64_t seed, std::size_t draws,
                       const UncertaintyOptions& o);

}  // namespace worldsys::scenario
