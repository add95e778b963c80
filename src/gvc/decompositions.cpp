// The decompositions of gross exports (Wang-Wei-Zhu 16 terms, Koopman-Wang-Wei 9, Borin-Mancini source-based)
// and production-based participation (Wang-Wei-Yu-Zhu 2017): docs/methods/gvc.md sections 3 to 6.
#include <fmt/format.h>

#include <algorithm>

#include "gvc/model.hpp"
#include "gvc/rows.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/gvc/gvc.hpp"

namespace worldsys::gvc {

using detail::check_identity;
using detail::Model;
using detail::Rows;
using detail::Term;

namespace {

std::vector<double> domestic_final_demand(const Model& md) {
  std::vector<double> yD(md.n);
  for (size_t i = 0; i < md.n; ++i) yD[i] = md.Y(i, md.country_of[i]);
  return yD;
}

// The 16 WWZ terms of every exporting row i (country s) to every importer r, handed to each(s, r, i, T).
//
// Every term is a row of s's weights (V^s B^ss, V^s L^ss, V^r B^rs, the rest) times A^sr applied to a vector over
// r's rows. Those vectors are sums of P[t][u] = B (Y^{tu} on t's rows): the output that final demand of u for
// t's products calls for. P is G^2 solves against the one factorization; the sums over third countries are
// totals minus the excluded terms, so each pair (s, r) costs a product with the block A^sr.
enum { DVA_FIN, DVA_INT, DVA_INTrexI1, DVA_INTrexF, DVA_INTrexI2, RDV_FIN, RDV_FIN2, RDV_INT, DDC_FIN, DDC_INT,
       MVA_FIN, OVA_FIN, MVA_INT, OVA_INT, MDC, ODC, WWZ_TERMS };
const char* const wwz_names[] = {"DVA_FIN", "DVA_INT", "DVA_INTrexI1", "DVA_INTrexF", "DVA_INTrexI2", "RDV_FIN",
                                 "RDV_FIN2", "RDV_INT", "DDC_FIN", "DDC_INT", "MVA_FIN", "OVA_FIN", "MVA_INT",
                                 "OVA_INT", "MDC", "ODC"};

template <class Each>
void wwz_terms(const Model& md, Each&& each) {
  const size_t n = md.n, G = md.G;
  Matrix rhs(n, G * G);
  for (size_t i = 0; i < n; ++i)
    for (size_t u = 0; u < G; ++u) rhs(i, md.country_of[i] * G + u) = md.Y(i, u);
  const Matrix P = md.solve(rhs);
  rhs = Matrix();
  Matrix Ptot(n, G), BY(n, G);  // Ptot(., t) = B (y on t's rows); BY(., u) = B Y^{*u}
  std::vector<double> D(n, 0.0), X(n, 0.0);  // D = B y^D; X = B y
  for (size_t t = 0; t < G; ++t)
    for (size_t u = 0; u < G; ++u) {
      const double* p = P.col(t * G + u);
      for (size_t i = 0; i < n; ++i) {
        Ptot(i, t) += p[i], BY(i, u) += p[i], X[i] += p[i];
        if (t == u) D[i] += p[i];
      }
    }
  const std::vector<double> LYD = md.local_solve(domestic_final_demand(md));
  const std::vector<double> LE = md.local_solve(md.e);
  double T[WWZ_TERMS];
  for (size_t s = 0; s < G; ++s)
    for (size_t r = 0; r < G; ++r) {
      if (r == s) continue;
      const auto& Rr = md.rows[r];
      Matrix M(Rr.size(), 11);
      for (size_t b = 0; b < Rr.size(); ++b) {
        const size_t i = Rr[b];
        auto p = [&](size_t t, size_t u) { return P(i, t * G + u); };
        M(b, 0) = p(r, r);                                                     // B^rr Y^rr
        M(b, 1) = D[i] - p(s, s) - p(r, r);                                    // sum_{t != s,r} B^rt Y^tt
        M(b, 2) = Ptot(i, r) - p(r, r) - p(r, s);                              // B^rr sum_{t != s,r} Y^rt
        M(b, 3) = (X[i] - Ptot(i, s) - Ptot(i, r)) - (D[i] - p(s, s) - p(r, r))  // sum_{t != s,r} B^rt
                  - (BY(i, s) - p(s, s) - p(r, s));                            //   sum_{u != s,t} Y^tu
        M(b, 4) = p(r, s);                                                     // B^rr Y^rs
        M(b, 5) = BY(i, s) - p(s, s) - p(r, s);                                // sum_{t != s,r} B^rt Y^ts
        M(b, 6) = p(s, s);                                                     // B^rs Y^ss
        M(b, 7) = Ptot(i, s) - p(s, s);                                        // B^rs sum_{t != s} Y^st
        M(b, 8) = md.x[i];                                                     // x^r
        M(b, 9) = LYD[i];                                                      // L^rr Y^rr
        M(b, 10) = LE[i];                                                      // L^rr E^r*
      }
      const Matrix AM = md.A_block(s, r, std::move(M));
      const auto& Rs = md.rows[s];
      for (size_t a = 0; a < Rs.size(); ++a) {
        const size_t i = Rs[a];
        const double vl = md.VL[i], vbs = md.VB(s, i), vbr = md.VB(r, i), other = md.content[i] - vbs - vbr;
        const double y = md.Y(i, r);
        T[DVA_FIN] = vbs * y;
        T[DVA_INT] = vl * AM(a, 0);
        T[DVA_INTrexI1] = vl * AM(a, 1);
        T[DVA_INTrexF] = vl * AM(a, 2);
        T[DVA_INTrexI2] = vl * AM(a, 3);
        T[RDV_FIN] = vl * AM(a, 4);
        T[RDV_FIN2] = vl * AM(a, 5);
        T[RDV_INT] = vl * AM(a, 6);
        T[DDC_FIN] = vl * AM(a, 7);
        T[DDC_INT] = (vbs - vl) * AM(a, 8);  // V^s L^ss A^s* B^*s = V^s B^ss - V^s L^ss
        T[MVA_FIN] = vbr * y;
        T[OVA_FIN] = other * y;
        T[MVA_INT] = vbr * AM(a, 9);
        T[OVA_INT] = other * AM(a, 9);
        T[MDC] = vbr * AM(a, 10);
        T[ODC] = other * AM(a, 10);
        each(s, r, i, T);
      }
    }
}

// Each exporter's terms add up to the factor content of its exports (its gross exports, for value added).
void check_adding_up(const Model& md, const Rows& out, size_t terms, size_t exgr, const char* what, double tol) {
  for (size_t s = 0; s < md.G; ++s) {
    double sum = 0, content = 0;
    for (size_t t = 0; t < terms; ++t) sum += out.total(s, t);
    for (size_t i : md.rows[s]) content += md.content[i] * md.e[i];
    check_identity(md, s, what, sum, content, std::max(content, out.total(s, exgr)), tol);
  }
}

}  // namespace

Table wwz(const Mrio& m, const Options& o) {
  const Model md(m, o);
  std::vector<Term> terms;
  for (const char* name : wwz_names) terms.push_back({name});
  terms.push_back({"EXGR", true, true});
  Rows out(md, o.by, terms);
  wwz_terms(md, [&](size_t s, size_t r, size_t i, const double* T) {
    for (size_t t = 0; t < WWZ_TERMS; ++t) out.add(s, r, i, t, T[t]);
    out.add(s, r, i, WWZ_TERMS, md.E(i, r));
  });
  check_adding_up(md, out, WWZ_TERMS, WWZ_TERMS, "the 16 WWZ terms add up to exports", o.tolerance);
  return out.table(o.sink);
}

Table kww(const Mrio& m, const Options& o) {
  const Model md(m, o);
  // KWW's nine terms are groups of WWZ's sixteen (Wang, Wei & Zhu 2013, table 1; equal in sum over partners).
  static const char* names[] = {"DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT",
                                "DDC",     "FVA_FIN", "FVA_INT",    "FDC"};
  static const int group[WWZ_TERMS] = {0, 1, 2, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 7, 8, 8};
  std::vector<Term> terms;
  for (const char* name : names) terms.push_back({name});
  terms.push_back({"EXGR", true, true});
  Rows out(md, o.by, terms);
  wwz_terms(md, [&](size_t s, size_t r, size_t i, const double* T) {
    for (size_t t = 0; t < WWZ_TERMS; ++t) out.add(s, r, i, group[t], T[t]);
    out.add(s, r, i, 9, md.E(i, r));
  });
  check_adding_up(md, out, 9, 9, "the 9 KWW terms add up to exports", o.tolerance);
  return out.table(o.sink);
}

Table borin_mancini(const Mrio& m, const Options& o) {
  const Model md(m, o);
  const size_t n = md.n, G = md.G;
  const Matrix BY = md.solve(md.Y);
  std::vector<double> X(n, 0.0);
  for (size_t u = 0; u < G; ++u)
    for (size_t i = 0; i < n; ++i) X[i] += BY(i, u);
  const std::vector<double> LYD = md.local_solve(domestic_final_demand(md));

  // FVA counts foreign value added the first time it enters s: weights rho_s = V^* (I - A^**)^-1, the factor
  // multipliers of the world without s. By the partitioned inverse, (I - A^**)^-1 = B^** - B^*s (B^ss)^-1 B^s*,
  // so rho_s = FC^* - u B^s* with u (B^ss) = FC^s (FC: the foreign content V^* B). That needs B's diagonal blocks:
  // n solves in all, one country's columns at a time (B is never held whole).
  Matrix U(G, n);
  md.for_each_column_block([&](size_t s, const Matrix& Bs) {
    const auto& R = md.rows[s];
    Matrix Bss(R.size(), R.size()), w(R.size(), 1);
    for (size_t b = 0; b < R.size(); ++b) {
      for (size_t a = 0; a < R.size(); ++a) Bss(a, b) = Bs(R[a], b);
      w(b, 0) = md.content[R[b]] - md.VB(s, R[b]);
    }
    LuFactor(std::move(Bss), [&](size_t a) { return m.label(R[a]); }).solve_transposed(w);  // Bss' u' = w'
    for (size_t a = 0; a < R.size(); ++a) U(s, R[a]) = w(a, 0);
  });
  const Matrix UB = md.solve_left(U);
  Matrix rho(G, n);
  for (size_t j = 0; j < n; ++j)
    for (size_t s = 0; s < G; ++s)
      if (md.country_of[j] != s) rho(s, j) = md.content[j] - md.VB(s, j) - UB(s, j);
  Matrix rhoZ(G, n);
  gemm(rho, false, m.Z, false, rhoZ);
  std::vector<double> q(n);
  for (size_t i = 0; i < n; ++i) q[i] = rhoZ(md.country_of[i], i) * md.inv_x[i];  // rho_s A^*s
  const std::vector<double> kappa = md.local_solve(q, true);                      // rho_s A^*s L^ss

  enum { EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC, GVC, GVCB, GVCF, DAVAX, K };
  static const char* names[] = {"EXGR", "DC", "DVA", "VAX", "REF", "DDC", "FC", "FVA", "FDC",
                                "GVC",  "GVCB", "GVCF", "DAVAX"};
  std::vector<Term> terms;
  for (size_t k = 0; k < K; ++k) terms.push_back({names[k], true, k == EXGR});
  Rows out(md, o.by, terms);
  double c[K];
  for (size_t s = 0; s < G; ++s)
    for (size_t r = 0; r < G; ++r) {
      if (r == s) continue;
      const auto& Rr = md.rows[r];
      Matrix M(Rr.size(), 3);
      for (size_t b = 0; b < Rr.size(); ++b) {
        const size_t i = Rr[b];
        M(b, 0) = X[i] - BY(i, s);  // output for final demand outside s
        M(b, 1) = BY(i, s);         // output for final demand in s: value that returns home
        M(b, 2) = LYD[i];           // r's output for its own final demand, made at home: traditional trade
      }
      const Matrix AM = md.A_block(s, r, std::move(M));
      const auto& Rs = md.rows[s];
      for (size_t a = 0; a < Rs.size(); ++a) {
        const size_t i = Rs[a];
        const double e = md.E(i, r), y = md.Y(i, r), vl = md.VL[i];
        c[EXGR] = e;
        c[DC] = md.VB(s, i) * e;
        c[DVA] = vl * e;
        c[VAX] = vl * (y + AM(a, 0));
        c[REF] = vl * AM(a, 1);
        c[DDC] = c[DC] - c[DVA];
        c[FC] = (md.content[i] - md.VB(s, i)) * e;
        c[FVA] = kappa[i] * e;
        c[FDC] = c[FC] - c[FVA];
        c[DAVAX] = vl * (y + AM(a, 2));
        c[GVC] = c[DC] + c[FC] - c[DAVAX];
        c[GVCB] = c[FC] + c[DDC];
        c[GVCF] = c[DVA] - c[DAVAX];
        for (size_t k = 0; k < K; ++k) out.add(s, r, i, k, c[k]);
      }
    }
  for (size_t s = 0; s < G; ++s)
    check_identity(md, s, "DVA = VAX + REF", out.total(s, VAX) + out.total(s, REF), out.total(s, DVA),
                   out.total(s, DC) + out.total(s, FC), o.tolerance);
  return out.table(o.sink);
}

Table participation(const Mrio& m, const Options& o) {
  if (has_importer(o.by))
    fail(ErrorKind::usage, "participation is by country or country and sector: use --by exporter or exporter-sector");
  const Model md(m, o);
  const size_t n = md.n;
  const std::vector<double> yD = domestic_final_demand(md);
  const std::vector<double> LYD = md.local_solve(yD);
  std::vector<double> y(n, 0.0), Eint(n, 0.0);
  for (size_t u = 0; u < md.G; ++u)
    for (size_t i = 0; i < n; ++i) y[i] += md.Y(i, u);
  for (size_t i = 0; i < n; ++i) Eint[i] = md.e[i] - (y[i] - yD[i]);
  // Forward (by the row where value is added): V L A^F B y = V L A^F x = V L (intermediate exports).
  const std::vector<double> fwd = md.local_solve(Eint);
  const std::vector<double> fwd_simple = md.local_solve(md.A_foreign(LYD));
  // Backward (by the product whose final demand draws it in): V L A^F B and V L A^F L.
  const std::vector<double> VLAF = md.A_foreign_left(md.VL);
  Matrix row(1, n);
  for (size_t j = 0; j < n; ++j) row(0, j) = VLAF[j];
  const Matrix bwd = md.solve_left(row);
  const std::vector<double> bwd_simple = md.local_solve(VLAF, true);

  enum { F, FS, FD, VA, BK, BS, BD, Yc, K };
  std::vector<Term> terms;
  for (const char* name : {"f", "fs", "fd", "va", "b", "bs", "bd", "y"}) terms.push_back({name, false});
  Rows out(md, o.by, terms,
           {{"forward", F, VA}, {"forward_simple", FS, VA}, {"domestic_forward", FD, VA},
            {"backward", BK, Yc}, {"backward_simple", BS, Yc}, {"domestic_backward", BD, Yc}},
           false, false, "country");
  for (size_t i = 0; i < n; ++i) {
    const size_t s = md.country_of[i];
    const double cells[K] = {md.v[i] * fwd[i], md.v[i] * fwd_simple[i], md.v[i] * LYD[i], md.v[i] * md.x[i],
                             bwd(0, i) * y[i], bwd_simple[i] * yD[i],   md.VL[i] * yD[i], md.content[i] * y[i]};
    for (size_t k = 0; k < K; ++k) out.add(s, 0, i, k, cells[k]);
  }
  return out.table(o.sink);
}

const std::vector<std::string>& measure_names() {
  static const std::vector<std::string> names{"exports", "vax", "va-origin", "va-destination", "va-balance", "tiva",
                                              "kww",     "wwz", "borin-mancini", "participation", "chains"};
  return names;
}

Table measure(const std::string& name, const Mrio& m, const Options& o) {
  if (name == "exports") return exports(m, o);
  if (name == "vax") return vax(m, o);
  if (name == "va-origin") return va_origin(m, o);
  if (name == "va-destination") return va_destination(m, o);
  if (name == "va-balance") return va_balance(m, o);
  if (name == "tiva") return tiva(m, o);
  if (name == "kww") return kww(m, o);
  if (name == "wwz") return wwz(m, o);
  if (name == "borin-mancini") return borin_mancini(m, o);
  if (name == "participation") return participation(m, o);
  if (name == "chains") return chains(m, o);
  std::string list;
  for (const auto& n : measure_names()) list += (list.empty() ? "" : ", ") + n;
  fail(ErrorKind::usage, fmt::format("unknown measure '{}'; use one of {}", name, list));
}

}  // namespace worldsys::gvc
