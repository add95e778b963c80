#pragma once
// What every decomposition needs from a table, computed once: countries as row sets, x = Z1 + Y1, the factor per
// unit of output v, final demand and exports by destination country, one factorization of I - A (B = (I - A)^-1
// is only ever solved against) and one of each country's I - A^ss (the local inverses L^ss).
#include <optional>
#include <string>
#include <vector>

#include "worldsys/accounts/leontief.hpp"
#include "worldsys/core/concordance.hpp"
#include "worldsys/core/mrio.hpp"
#include "worldsys/gvc/gvc.hpp"
#include "worldsys/linalg/lu.hpp"

namespace worldsys::gvc::detail {

class Model {
 public:
  Model(const Mrio& m, const Options& o);
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  const Mrio& m;
  size_t n = 0, G = 0;
  std::vector<std::string> countries;
  std::vector<size_t> country_of;         // per row
  std::vector<std::vector<size_t>> rows;  // per country, ascending
  std::vector<double> x, inv_x;           // x = Z1 + Y1 (0 where a row has no output)
  std::vector<double> v;                  // factor per unit of output
  std::string unit;                       // the factor's unit
  Matrix Y;                               // n x G: final demand by destination country
  Matrix E;                               // n x G: exports E(i, r) = Z(i, rows r) 1 + Y(i, r); 0 for r = country(i)
  std::vector<double> e;                  // n: total exports of each row
  Matrix VB;                              // G x n: VB(t, j) = sum over i in t of v_i B_ij
  std::vector<double> content;            // n: column sums of VB (1 for value added x - 1'Z)
  std::vector<double> VL;                 // n: V^s L^ss, row by row
  // The table's own imbalance: trade in and final use of products with no output (WIOD's rounded tables sell 1 or
  // use -3 of a product nobody makes) and inputs bought by sectors with no output. Identities in money hold up to
  // it; beyond it a run fails.
  double imbalance = 0;

  size_t sector_of(size_t i) const { return m.sector_of(i); }
  double A(size_t i, size_t j) const { return m.Z(i, j) * inv_x[j]; }
  // B M, by a solve against the factorization of I - A.
  Matrix solve(const Matrix& M) const { return leontief_->solve(M); }
  // S B for S with n columns (a transposed solve).
  Matrix solve_left(const Matrix& S) const { return leontief_->multipliers(S); }
  // L^ss y^s for every country at once (y is n long); transposed: (y^s)' L^ss.
  std::vector<double> local_solve(std::vector<double> y, bool transposed = false) const;
  // The diagonal of every L^ss (n long).
  std::vector<double> local_diagonal() const;
  // B's diagonal blocks B^ss, one country's columns of B at a time (n solves in all, B never whole): each(s, Bs)
  // with Bs the n x N_s columns of B for s's rows.
  template <class Each>
  void for_each_column_block(Each&& each) const {
    for (size_t s = 0; s < G; ++s) {
      Matrix I(n, rows[s].size());
      for (size_t a = 0; a < rows[s].size(); ++a) I(rows[s][a], a) = 1.0;
      each(s, solve(I));
    }
  }
  // A^sr M for M with one row per row of country r (N_r x k): N_s x k.
  Matrix A_block(size_t s, size_t r, Matrix M) const;
  // A^F y: the part of A y bought across borders (n long).
  std::vector<double> A_foreign(const std::vector<double>& y) const;
  // y' A^F (n long).
  std::vector<double> A_foreign_left(const std::vector<double>& y) const;

 private:
  std::vector<size_t> first_;  // first row of a country whose rows are contiguous, npos otherwise
  Mrio view_;                  // m's Z (not copied) with x = Z1 + Y1, for the factorization
  std::optional<Leontief> leontief_;
  std::vector<LuFactor> local_;
};

}  // namespace worldsys::gvc::detail
