#pragma once
// Supply-use tables to an industry-by-industry IO table (room-private; GLORIA and FIGARO supply-use files).
//
// Technology assumption: fixed product sales structures (Eurostat Manual 2008, model D; the "industry technology"
// assumption): every product is sold in the same proportions whichever industry makes it. With the make matrix
// M[industry, product] and product output q = M' 1, the market shares are D = M diag(q)^-1 and
//   Z = D U,   Y = D Y_p,   x = M 1,
// where U[product, industry] is the use of products by industries and Y_p[product, category] final demand.
// Products nobody makes (q = 0) drop out. Row sums of Z + Y equal x when the supply-use table balances by
// product (q = U 1 + Y_p 1), and column sums of Z equal those of U (the columns of D sum to one), so value added
// carries over unchanged.
#include <algorithm>
#include <string>
#include <vector>

#include "worldsys/core/matrix.hpp"

namespace worldsys::io::detail {

// The statement that goes into a converted table's provenance and the docs.
inline const char* kIndustryTechnology =
    "supply-use converted to industry-by-industry IO under fixed product sales structures (Eurostat model D, "
    "industry technology assumption: Z = D U, Y = D Y_p, x = M 1, D = M diag(M' 1)^-1)";

struct IndustryIo {
  Matrix Z, Y;
  std::vector<double> x;
};

// A nonzero of the make matrix: industry i makes v of product p.
struct MakeEntry {
  size_t i, p;
  double v;
};

// Market shares d = M[i, p] / q[p] as a sparse list ordered by product, then industry (the additions into each
// cell of Z follow product order), and x = M 1. `make` holds the nonzeros of M ordered by (p, i), so q sums over
// industries and x over products in ascending order, as a dense scan would (zeros change no sum).
struct Shares {
  std::vector<MakeEntry> d;
  std::vector<double> x;
};
inline Shares market_shares(size_t n_ind, size_t n_prod, const std::vector<MakeEntry>& make) {
  Shares out;
  std::vector<double> q(n_prod, 0.0);
  out.x.assign(n_ind, 0.0);
  for (const auto& e : make) {
    q[e.p] += e.v;
    out.x[e.i] += e.v;
  }
  for (const auto& e : make)
    if (q[e.p] != 0) out.d.push_back({e.i, e.p, e.v / q[e.p]});
  return out;
}

// Z = D U and Y = D Y_p into new matrices. Shares of exactly 1 (a product made by one industry) copy the use row
// unchanged, so a diagonal supply table gives U back bit for bit.
template <class Use, class FinalDemand>
void apply_shares(const std::vector<MakeEntry>& shares, size_t n_ind, size_t n_fd, Use use, FinalDemand final_demand,
                  IndustryIo& out) {
  out.Z = Matrix(n_ind, n_ind);
  out.Y = Matrix(n_ind, n_fd);
  // Column by column: Z and Y are column-major.
  for (size_t j = 0; j < n_ind; ++j) {
    double* z = out.Z.col(j);
    for (const auto& s : shares) z[s.i] += s.v == 1.0 ? use(s.p, j) : s.v * use(s.p, j);
  }
  for (size_t c = 0; c < n_fd; ++c) {
    double* y = out.Y.col(c);
    for (const auto& s : shares) y[s.i] += s.v == 1.0 ? final_demand(s.p, c) : s.v * final_demand(s.p, c);
  }
}

// make(i, p), use(p, j), final_demand(p, c): accessors into the source tables, for n_ind industries, n_prod
// products and n_fd final-demand columns.
template <class Make, class Use, class FinalDemand>
IndustryIo industry_technology(size_t n_ind, size_t n_prod, size_t n_fd, Make make, Use use, FinalDemand final_demand) {
  std::vector<MakeEntry> m;
  for (size_t p = 0; p < n_prod; ++p)
    for (size_t i = 0; i < n_ind; ++i)
      if (const double v = make(i, p); v != 0) m.push_back({i, p, v});
  Shares sh = market_shares(n_ind, n_prod, m);
  IndustryIo out;
  out.x = std::move(sh.x);
  apply_shares(sh.d, n_ind, n_fd, use, final_demand, out);
  return out;
}

// The same conversion from owned U (n x n, product x industry) and Y_p (n x n_fd) and the make nonzeros ordered by
// (p, i). When every product is made by at most one industry, with share 1, and no industry makes two products
// (a diagonal or permuted-diagonal supply table, as GLORIA's), Z is U with its rows moved to their makers' places
// (rows of industries that make nothing zero): done in U's own memory, so no second n x n matrix exists. Otherwise
// the general path, equal to the accessor version above. (The one difference of the fast path: a -0.0 in U stays
// -0.0 where the general path's 0 + -0.0 gives +0.0.)
inline IndustryIo industry_technology(Matrix&& U, Matrix&& Yp, const std::vector<MakeEntry>& make) {
  const size_t n = U.rows();
  Shares sh = market_shares(n, n, make);
  IndustryIo out;
  out.x = std::move(sh.x);
  constexpr size_t none = size_t(-1);
  std::vector<size_t> from(n, none);  // from[i]: the product whose use row becomes industry i's row of Z
  std::vector<char> placed(n, 0);     // product already has its maker
  bool fast = U.cols() == n;
  for (const auto& s : sh.d) {
    if (!fast) break;
    fast = s.v == 1.0 && from[s.i] == none && !placed[s.p];
    from[s.i] = s.p;
    placed[s.p] = 1;
  }
  if (!fast) {
    apply_shares(sh.d, n, Yp.cols(), [&](size_t p, size_t j) { return U(p, j); },
                 [&](size_t p, size_t c) { return Yp(p, c); }, out);
    return out;
  }
  bool identity = true;
  for (size_t i = 0; i < n; ++i) identity = identity && (from[i] == none || from[i] == i);
  std::vector<double> tmp(identity ? 0 : n);
  auto move_rows = [&](Matrix& a) {
    for (size_t j = 0; j < a.cols(); ++j) {
      double* c = a.col(j);
      if (identity) {
        for (size_t i = 0; i < n; ++i)
          if (from[i] == none) c[i] = 0.0;
      } else {
        for (size_t i = 0; i < n; ++i) tmp[i] = from[i] == none ? 0.0 : c[from[i]];
        std::copy(tmp.begin(), tmp.end(), c);
      }
    }
  };
  move_rows(U);
  move_rows(Yp);
  out.Z = std::move(U);
  out.Y = std::move(Yp);
  return out;
}

}  // namespace worldsys::io::detail
