// Gross and value-added trade: exports, Johnson-Noguera VAX, value added by origin, bilateral balances and the
// OECD TiVA indicators (docs/methods/gvc.md sections 1 and 2).
#include <fmt/format.h>

#include "gvc/model.hpp"
#include "gvc/rows.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/gvc/gvc.hpp"

namespace worldsys::gvc {

using detail::check_identity;
using detail::Model;
using detail::Rows;

By parse_by(const std::string& s) {
  if (s == "exporter") return By::exporter;
  if (s == "exporter-importer") return By::exporter_importer;
  if (s == "exporter-sector") return By::exporter_sector;
  if (s == "exporter-importer-sector") return By::exporter_importer_sector;
  fail(ErrorKind::usage,
       fmt::format("by '{}': use exporter, exporter-importer, exporter-sector or exporter-importer-sector", s));
}

Table exports(const Mrio& m, const Options& o) {
  const Model md(m, o);
  Rows out(md, o.by, {{"EXGR", true, true}, {"EXGR_INT", true, true}, {"EXGR_FNL", true, true}});
  for (size_t i = 0; i < md.n; ++i)
    for (size_t r = 0; r < md.G; ++r) {
      if (r == md.country_of[i]) continue;
      const size_t s = md.country_of[i];
      out.add(s, r, i, 0, md.E(i, r));
      out.add(s, r, i, 1, md.E(i, r) - md.Y(i, r));
      out.add(s, r, i, 2, md.Y(i, r));
    }
  return out.table(o.sink);
}

Table vax(const Mrio& m, const Options& o) {
  const Model md(m, o);
  const Matrix BY = md.solve(md.Y);
  // VAX by the sector where the value is added (forward), gross exports by the exporting sector.
  const std::string per = o.value_added_total() ? "ratio" : md.unit + " per " + m.unit;
  Rows out(md, o.by, {{"VAX"}, {"EXGR", true, true}}, {{"VAX_ratio", 0, 1, per}});
  for (size_t i = 0; i < md.n; ++i)
    for (size_t r = 0; r < md.G; ++r) {
      const size_t s = md.country_of[i];
      if (r == s) continue;
      out.add(s, r, i, 0, md.v[i] * BY(i, r));
      out.add(s, r, i, 1, md.E(i, r));
    }
  return out.table(o.sink);
}

Table va_origin(const Mrio& m, const Options& o) {
  const Model md(m, o);
  if (o.origin_sector && has_importer(o.by))
    fail(ErrorKind::usage, "va-origin by origin sector is by exporter or exporter-sector (not by importer): the "
                           "bilateral table would hold n x n x countries numbers");
  // Final demand has no exporter or importer: FD_VA rows come with --by exporter (by the absorbing country) and
  // exporter-sector (by the absorbing country and the final product's sector, as exvatools' get_va_fd).
  const bool fd = !has_importer(o.by);
  // PROD_VA: the same for the producer's whole output x (decompr's leontief with post = output), by its rows.
  std::vector<detail::Term> terms{{"EXGR_VA"}};
  if (fd) terms.push_back({"FD_VA"}), terms.push_back({"PROD_VA"});
  const size_t prod = 2;
  Rows out(md, o.by, terms, {}, true, o.origin_sector, "country");
  auto exported = [&](size_t s, size_t j, auto&& add) {  // add(r, gross exports of row j to r)
    if (has_importer(o.by)) {
      for (size_t r = 0; r < md.G; ++r)
        if (r != s) add(r, md.E(j, r));
    } else {
      add(0, md.e[j]);
    }
  };
  if (o.origin_sector) {
    // diag(v) B in full, as asked: the n x n inverse, one column of B per exporting product.
    Matrix I(md.n, md.n);
    for (size_t i = 0; i < md.n; ++i) I(i, i) = 1.0;
    const Matrix B = md.solve(I);
    for (size_t j = 0; j < md.n; ++j) {
      const size_t s = md.country_of[j];
      exported(s, j, [&](size_t r, double e) {
        for (size_t i = 0; i < md.n; ++i) out.add(s, r, j, 0, md.v[i] * B(i, j) * e, i);
      });
      if (fd)
        for (size_t i = 0; i < md.n; ++i) out.add(s, 0, j, prod, md.v[i] * B(i, j) * md.x[j], i);
    }
  } else {
    for (size_t j = 0; j < md.n; ++j) {
      const size_t s = md.country_of[j];
      exported(s, j, [&](size_t r, double e) {
        for (size_t t = 0; t < md.G; ++t) out.add(s, r, j, 0, md.VB(t, j) * e, t);
      });
      if (fd)
        for (size_t t = 0; t < md.G; ++t) out.add(s, 0, j, prod, md.VB(t, j) * md.x[j], t);
    }
  }
  if (fd && o.by == By::exporter) {
    const Matrix BY = md.solve(md.Y);
    for (size_t i = 0; i < md.n; ++i)
      for (size_t u = 0; u < md.G; ++u) out.add(u, 0, i, 1, md.v[i] * BY(i, u), o.origin_sector ? i : md.country_of[i]);
  } else if (fd) {
    // By final product: B (Y^{*u} on the rows of sector k), one right-hand side per country and sector (n in all).
    const size_t N = m.sectors.size();
    Matrix Yk(md.n, md.G * N);
    for (size_t u = 0; u < md.G; ++u)
      for (size_t i = 0; i < md.n; ++i) Yk(i, u * N + md.sector_of(i)) = md.Y(i, u);
    const Matrix BYk = md.solve(Yk);
    for (size_t u = 0; u < md.G; ++u)
      for (size_t k = 0; k < N; ++k)
        for (size_t i = 0; i < md.n; ++i)  // row k (region 0's sector k) stands for the product's sector
          out.add(u, 0, k, 1, md.v[i] * BYk(i, u * N + k), o.origin_sector ? i : md.country_of[i]);
  }
  if (o.value_added_total())
    for (size_t s = 0; s < md.G; ++s) {
      double exports = 0;
      for (size_t i : md.rows[s]) exports += md.e[i];
      check_identity(md, s, "value added by origin in exports = gross exports", out.total(s, 0), exports, exports,
                     o.tolerance);
    }
  return out.table(o.sink);
}

Table va_destination(const Mrio& m, const Options& o) {
  if (!has_importer(o.by))
    fail(ErrorKind::usage, "va-destination is by exporter and destination: use --by exporter-importer or "
                           "exporter-importer-sector (the destination column takes the importer's place)");
  const Model md(m, o);
  const Matrix BY = md.solve(md.Y);
  Rows out(md, o.by, {{"EXGR_VA"}}, {}, true, false, "exporter", "destination");
  std::vector<double> by_u(md.n);
  for (size_t u = 0; u < md.G; ++u) {
    // Exports absorbed in u: final goods sold to u, and intermediates whose output ends in u's final demand.
    for (size_t i = 0; i < md.n; ++i) by_u[i] = BY(i, u);
    std::vector<double> ex = md.A_foreign(by_u);
    for (size_t j = 0; j < md.n; ++j) {
      const size_t s = md.country_of[j];
      if (u != s) ex[j] += md.Y(j, u);
      for (size_t t = 0; t < md.G; ++t) out.add(s, u, j, 0, md.VB(t, j) * ex[j], t);
    }
  }
  // Summed over destinations (the exporter's own final demand included: re-imports), the value added in exports.
  for (size_t s = 0; s < md.G; ++s) {
    double content = 0;
    for (size_t i : md.rows[s]) content += md.content[i] * md.e[i];
    check_identity(md, s, "value added in exports by destination = value added in exports", out.total(s, 0), content,
                   content, o.tolerance);
  }
  return out.table(o.sink);
}

Table va_balance(const Mrio& m, const Options& o) {
  if (has_sector(o.by))
    fail(ErrorKind::usage, "va-balance is by exporter or exporter-importer: a balance is between countries");
  const Model md(m, o);
  const Matrix BY = md.solve(md.Y);
  Rows out(md, o.by,
           {{"EXGR", true, true}, {"IMGR", true, true}, {"BALGR", true, true}, {"VAX"}, {"VAM"}, {"BALVA"}});
  for (size_t s = 0; s < md.G; ++s)
    for (size_t r = 0; r < md.G; ++r) {
      if (r == s) continue;
      double exgr = 0, imgr = 0, vax = 0, vam = 0;
      for (size_t i : md.rows[s]) exgr += md.E(i, r), vax += md.v[i] * BY(i, r);
      for (size_t i : md.rows[r]) imgr += md.E(i, s), vam += md.v[i] * BY(i, s);
      const double cells[] = {exgr, imgr, exgr - imgr, vax, vam, vax - vam};
      for (size_t t = 0; t < 6; ++t) out.add(s, r, 0, t, cells[t]);
    }
  // Foster-McGregor & Stehrer: a country's value-added balance equals its gross balance (not partner by partner).
  if (o.value_added_total())
    for (size_t s = 0; s < md.G; ++s) {
      const double gross = out.total(s, 2);
      check_identity(md, s, "value-added trade balance = gross trade balance", out.total(s, 5), gross,
                     out.total(s, 0) + out.total(s, 1), o.tolerance);
    }
  return out.table(o.sink);
}

Table tiva(const Mrio& m, const Options& o) {
  if (o.by != By::exporter) fail(ErrorKind::usage, "the TiVA indicators are by country: use --by exporter");
  const Model md(m, o);
  const Matrix BY = md.solve(md.Y);
  if (o.ddc_inverse != "local" && o.ddc_inverse != "global")
    fail(ErrorKind::usage, fmt::format("EXGR_DDC inverse '{}': use local (L^ss) or global (B^ss)", o.ddc_inverse));
  std::vector<double> Ldiag = md.local_diagonal();
  if (o.ddc_inverse == "global")  // OECD's guide may read the direct content off B instead of L: unverified
    md.for_each_column_block([&](size_t s, const Matrix& Bs) {
      for (size_t a = 0; a < md.rows[s].size(); ++a) Ldiag[md.rows[s][a]] = Bs(md.rows[s][a], a);
    });
  static const char* names[] = {"EXGR",     "EXGR_FNL", "EXGR_INT", "IMGR",     "IMGR_FNL", "IMGR_INT", "DOM",
                                "DOM_FNL",  "DOM_INT",  "BALGR",    "EXGR_DVA", "EXGR_DDC", "EXGR_IDC", "EXGR_RIM",
                                "EXGR_FVA", "FD_VA",    "DXD_DVA",  "FFD_DVA",  "DFD_FVA",  "BALVAFD",  "DEXFVAP",
                                "FEXDVAP",  "VA",       "PROD"};
  enum { EXGR, EXGR_FNL, EXGR_INT, IMGR, IMGR_FNL, IMGR_INT, DOM, DOM_FNL, DOM_INT, BALGR, EXGR_DVA, EXGR_DDC,
         EXGR_IDC, EXGR_RIM, EXGR_FVA, FD_VA, DXD_DVA, FFD_DVA, DFD_FVA, BALVAFD, DEXFVAP, FEXDVAP, VA, PROD, K };
  std::vector<detail::Term> terms;
  for (size_t k = 0; k < K; ++k) {
    const bool money = k <= BALGR || k == PROD;
    terms.push_back({names[k], true, money});
  }
  Rows out(md, o.by, terms, {}, false, false, "country");
  std::vector<std::vector<double>> c(md.G, std::vector<double>(K, 0.0));
  for (size_t i = 0; i < md.n; ++i) {
    const size_t s = md.country_of[i];
    auto& cs = c[s];
    double fnl = 0;
    for (size_t r = 0; r < md.G; ++r)
      if (r != s) fnl += md.Y(i, r);
    cs[EXGR] += md.e[i], cs[EXGR_FNL] += fnl, cs[EXGR_INT] += md.e[i] - fnl;
    for (size_t r = 0; r < md.G; ++r)
      if (r != s) c[r][IMGR] += md.E(i, r), c[r][IMGR_FNL] += md.Y(i, r), c[r][IMGR_INT] += md.E(i, r) - md.Y(i, r);
    cs[DOM] += md.x[i] - md.e[i], cs[DOM_FNL] += md.Y(i, s), cs[DOM_INT] += md.x[i] - md.e[i] - md.Y(i, s);
    const double dc = md.VB(s, i) * md.e[i], dva = md.VL[i] * md.e[i], ddc = md.v[i] * Ldiag[i] * md.e[i];
    cs[EXGR_DVA] += dc, cs[EXGR_DDC] += ddc, cs[EXGR_IDC] += dva - ddc, cs[EXGR_RIM] += dc - dva;
    cs[EXGR_FVA] += (md.content[i] - md.VB(s, i)) * md.e[i];
    // What i's exports carry of other countries' value added is their forward participation.
    for (size_t t = 0; t < md.G; ++t)
      if (t != s) c[t][FEXDVAP] += md.VB(t, i) * md.e[i];
    for (size_t u = 0; u < md.G; ++u) {
      const double vby = md.v[i] * BY(i, u);
      cs[FD_VA] += vby;
      (u == s ? cs[DXD_DVA] : cs[FFD_DVA]) += vby;
      if (u != s) c[u][DFD_FVA] += vby;
    }
    cs[VA] += md.v[i] * md.x[i], cs[PROD] += md.x[i];
  }
  for (size_t s = 0; s < md.G; ++s) {
    auto& cs = c[s];
    cs[BALGR] = cs[EXGR] - cs[IMGR];
    cs[BALVAFD] = cs[FFD_DVA] - cs[DFD_FVA];
    cs[DEXFVAP] = cs[EXGR_FVA];
    for (size_t k = 0; k < K; ++k) out.add(s, 0, 0, k, cs[k]);
    if (o.value_added_total())
      check_identity(md, s, "BALVAFD = BALGR", cs[BALVAFD], cs[BALGR], cs[EXGR] + cs[IMGR], o.tolerance);
  }
  return out.table(o.sink);
}

}  // namespace worldsys::gvc
