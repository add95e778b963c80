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

// make(i, p), use(p, j), final_demand(p, c): accessors into the source tables (GLORIA keeps all in one matrix),
// for n_ind industries, n_prod products and n_fd final-demand columns. Shares of exactly 1 (a product made by one
// industry) copy the use row unchanged, so a diagonal supply table gives U back bit for bit.
template <class Make, class Use, class FinalDemand>
IndustryIo industry_technology(size_t n_ind, size_t n_prod, size_t n_fd, Make make, Use use, FinalDemand final_demand) {
  IndustryIo out;
  std::vector<double> q(n_prod, 0.0);
  out.x.assign(n_ind, 0.0);
  for (size_t p = 0; p < n_prod; ++p)
    for (size_t i = 0; i < n_ind; ++i) {
      const double v = make(i, p);
      q[p] += v;
      out.x[i] += v;
    }
  // Market shares as a sparse list, ordered by product: the additions into each cell follow product order.
  struct Share {
    size_t i, p;
    double d;
  };
  std::vector<Share> shares;
  for (size_t p = 0; p < n_prod; ++p)
    for (size_t i = 0; i < n_ind; ++i) {
      const double v = make(i, p);
      if (v != 0 && q[p] != 0) shares.push_back({i, p, v / q[p]});
    }
  out.Z = Matrix(n_ind, n_ind);
  out.Y = Matrix(n_ind, n_fd);
  // Column by column: Z and Y are column-major.
  for (size_t j = 0; j < n_ind; ++j) {
    double* z = out.Z.col(j);
    for (const auto& s : shares) z[s.i] += s.d == 1.0 ? use(s.p, j) : s.d * use(s.p, j);
  }
  for (size_t c = 0; c < n_fd; ++c) {
    double* y = out.Y.col(c);
    for (const auto& s : shares) y[s.i] += s.d == 1.0 ? final_demand(s.p, c) : s.d * final_demand(s.p, c);
  }
  return out;
}

}  // namespace worldsys::io::detail
