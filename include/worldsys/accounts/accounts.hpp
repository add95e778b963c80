#pragma once
// Environmentally-extended accounts for every stressor (value added and labour are stressors too).
//
// With X = L Y_r (n x regions: output needed for the final demand of each region r) and S = F diag(x)^-1:
//   flows[k](o, d)  = sum over sectors i of origin o of S[k,i] X[i,d]      embodied in d's final demand
//   cba[k, r]       = sum_o flows[k](o, r) + F_Y[k, r]                    consumption-based
//   pba[k, r]       = sum of F[k, i] over sectors i of r + F_Y[k, r]        production-based
//   imp[k, r]       = sum_{o != r} flows[k](o, r)                           imported, embodied
//   exp[k, r]       = sum_{d != r} flows[k](r, d)                           exported, embodied
// F_Y (e.g. household emissions) belongs to its region in both cba and pba and is never traded.
// cba = pba + imp - exp holds exactly when x = L y; with published x it holds up to the table's own
// imbalance S (x - L y), reported as `imbalance` and checked against `imbalance_bound`: a result beyond the
// bound throws a numeric error naming the stressor and region.
//
// The per-sector views use column (r, j) = region r, sector j *where the stressor occurs*: cba_sector is r's
// footprint that arises in sector j anywhere in the world, pba_sector is F itself, imp_sector and exp_sector
// split them by border crossing. They sum over j to the regional accounts less F_Y.
#include <vector>

#include "worldsys/accounts/leontief.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/linalg/gpu.hpp"

namespace worldsys {

struct AccountsOptions {
  std::vector<size_t> stressors;  // indices into Mrio::stressors; empty = all
  bool multipliers = true;        // compute M = S L
  Precision precision = Precision::float64;  // of the factorization (see linalg/lu.hpp)
  size_t memory_limit = 0;  // bytes the computation may add to the table; 0 = the machine's physical memory
  // Where the factorization, solves and products run: gpu needs a -DWORLDSYS_CUDA=ON build and a device (a usage
  // error says so otherwise); results, residuals and checks are the same as on the CPU, except that residual_M
  // covers every stressor there.
  Device device = Device::cpu;
};

// Bytes compute_accounts needs on top of the table itself (factorization, right-hand sides, results).
size_t accounts_memory(const Mrio& m, const AccountsOptions& opt);
// A usage error saying what would help when that is more than opt.memory_limit (0: physical memory); called by
// compute_accounts(m, opt), and by callers that factor themselves.
void require_accounts_memory(const Mrio& m, const AccountsOptions& opt);

struct Accounts {
  std::vector<size_t> stressors;  // which of the table's stressors, in row order below
  Matrix X;                       // n x regions
  Matrix M;                       // stressors x n (empty unless asked)
  Matrix cba, pba, imp, exp;      // stressors x regions
  Matrix imbalance;               // stressors x regions: pba - (cba - imp + exp)
  Matrix imbalance_bound;         // its tolerance |S| L |e| (e = x - Z1 - Y1); exceeding it is an error
  Matrix cba_sector, pba_sector, imp_sector, exp_sector;  // stressors x n
  std::vector<double> x_model;    // L y, the output the model gives: published x less L e (e = x - Z1 - Y1)
  std::vector<Matrix> flows;      // one regions x regions matrix per stressor: origin x consumer
  double residual = 0;            // ||(I - A) X - Y|| / ||Y||
  double residual_M = 0;          // ||(I - A)^T M^T - S^T|| / ||S^T|| over up to 16 sampled stressors
  double rcond = 0;               // reciprocal condition estimate of I - A
};

// With a CPU factorization already made (opt.device must be cpu).
Accounts compute_accounts(const Mrio& m, const Leontief& leo, const AccountsOptions& opt = {});
// Factors I - A itself, on opt.device, after checking that the results fit in memory.
Accounts compute_accounts(const Mrio& m, const AccountsOptions& opt = {});

}  // namespace worldsys
