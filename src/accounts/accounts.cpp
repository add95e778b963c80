#include "worldsys/accounts/accounts.hpp"

#include "worldsys/core/error.hpp"

namespace worldsys {

Accounts compute_accounts(const Mrio& m, const Leontief& leo, const AccountsOptions& opt) {
  const size_t n = m.n(), R = m.regions.size(), NS = m.sectors.size();
  Accounts a;
  a.stressors = opt.stressors;
  if (a.stressors.empty())
    for (size_t k = 0; k < m.stressors.size(); ++k) a.stressors.push_back(k);
  const size_t s = a.stressors.size();

  Matrix F(s, n);
  Matrix FYr(s, R);
  const Matrix FYall = m.F_Y_by_region();
  for (size_t k = 0; k < s; ++k) {
    for (size_t i = 0; i < n; ++i) F(k, i) = m.F(a.stressors[k], i);
    for (size_t r = 0; r < R; ++r) FYr(k, r) = FYall(a.stressors[k], r);
  }
  const Matrix S = intensities(F, m.x);
  const Matrix Yr = m.Y_by_region();
  a.X = leo.solve(Yr);
  a.residual = leo.residual(a.X, Yr);
  a.rcond = leo.rcond();
  if (opt.multipliers) a.M = leo.multipliers(S);

  a.cba_sector = Matrix(s, n);
  a.imp_sector = Matrix(s, n);
  a.exp_sector = Matrix(s, n);
  a.pba_sector = F;
  a.flows.assign(s, Matrix(R, R));
  const Matrix St = S.transposed();  // n x s: contiguous over sectors for each stressor
  for (size_t k = 0; k < s; ++k) {
    const double* sk = St.col(k);
    Matrix& T = a.flows[k];
    for (size_t d = 0; d < R; ++d) {
      const double* xd = a.X.col(d);
      for (size_t o = 0; o < R; ++o) {
        double total = 0;
        for (size_t j = 0; j < NS; ++j) {
          const size_t i = o * NS + j;
          const double v = sk[i] * xd[i];
          total += v;
          a.cba_sector(k, d * NS + j) += v;
          if (o != d) {
            a.imp_sector(k, d * NS + j) += v;
            a.exp_sector(k, i) += v;
          }
        }
        T(o, d) = total;
      }
    }
  }

  a.cba = Matrix(s, R);
  a.pba = Matrix(s, R);
  a.imp = Matrix(s, R);
  a.exp = Matrix(s, R);
  a.imbalance = Matrix(s, R);
  for (size_t k = 0; k < s; ++k)
    for (size_t r = 0; r < R; ++r) {
      double cba = 0, pba = 0, imp = 0, exp = 0;
      for (size_t j = 0; j < NS; ++j) {
        const size_t c = r * NS + j;
        cba += a.cba_sector(k, c);
        pba += a.pba_sector(k, c);
        imp += a.imp_sector(k, c);
        exp += a.exp_sector(k, c);
      }
      a.cba(k, r) = cba + FYr(k, r);
      a.pba(k, r) = pba + FYr(k, r);
      a.imp(k, r) = imp;
      a.exp(k, r) = exp;
      a.imbalance(k, r) = a.pba(k, r) - (a.cba(k, r) - imp + exp);
    }
  return a;
}

Accounts compute_accounts(const Mrio& m, const AccountsOptions& opt) { return compute_accounts(m, Leontief(m), opt); }

}  // namespace worldsys
