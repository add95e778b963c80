// FIGARO fixtures (../shared/formats/figaro.md sections 3-5, 7): matrix files ("rowLabels" header, AREA_CODE labels
// sorted alphabetically with FIGW1 among them, CPA_ product codes for prod-by-prod, 5 final-demand columns per area,
// 6 W2_* value-added rows, no totals); the same cells as flat files (7 columns, one cell per line, zeros written,
// zipped under the flatfile name); and a balanced pair of supply and use tables, as matrix or flat files.
#include <fmt/format.h>

#include <ostream>

#include "io/figaro.hpp"
#include "io/file_sink.hpp"
#include "io/fixture_writers.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::io::detail {

namespace fs = std::filesystem;

namespace {

constexpr const char* kNote = "FIGARO value-added row (W2: the column's own country)";

// One labelled grid, row labels (area, code) by column labels (area, code).
struct Labels {
  std::vector<std::pair<std::string, std::string>> rows, cols;
};

// Writes `value(i, j)` for every cell in the flat layout under `name` (.csv), zipped as name.zip unless unpacked.
fs::path write_flat(const fs::path& dir, const std::string& name, const std::string& table, const std::string& part,
                    const Labels& l, const std::function<double(size_t, size_t)>& value, const FixtureOptions& o) {
  const fs::path target = o.unpacked ? dir : dir / (name + ".zip");
  auto sink = FileSink::create(target);
  sink->write(name + ".csv", [&](std::ostream& out) {
    out << fmt::format("ic{0}Row,ic{0}Col,refArea,row{1},counterpartArea,col{1},obsValue\n", table, part);
    std::string line;
    for (size_t i = 0; i < l.rows.size(); ++i)
      for (size_t j = 0; j < l.cols.size(); ++j) {
        const auto& [ra, rc] = l.rows[i];
        const auto& [ca, cc] = l.cols[j];
        line = fmt::format("{}_{},{}_{},{},{},{},{},", ra, rc, ca, cc, ra, rc, ca, cc);
        append_number(line, value(i, j), o.precision);
        line += '\n';
        out << line;
      }
  });
  sink->finish();
  return o.unpacked ? dir / (name + ".csv") : target;
}

// Writes `value(i, j)` for every cell in the matrix layout ("rowLabels" header, AREA_CODE labels) as `name`.csv.
fs::path write_matrix(const fs::path& dir, const std::string& name, const Labels& l,
                      const std::function<double(size_t, size_t)>& value, const FixtureOptions& o) {
  auto sink = FileSink::create(dir);
  sink->write(name + ".csv", [&](std::ostream& out) {
    std::string line = "rowLabels";
    for (const auto& [a, c] : l.cols) line += "," + a + "_" + c;
    out << line << '\n';
    for (size_t i = 0; i < l.rows.size(); ++i) {
      line = l.rows[i].first + "_" + l.rows[i].second;
      for (size_t j = 0; j < l.cols.size(); ++j) line += ',', append_number(line, value(i, j), o.precision);
      out << line << '\n';
    }
  });
  sink->finish();
  return dir / (name + ".csv");
}

// Rows area x code then W2 x value added; columns area x code then area x final demand.
Labels grid(const std::vector<std::string>& areas, const std::vector<std::string>& row_codes,
            const std::vector<std::string>& col_codes, bool va_fd) {
  Labels l;
  for (const auto& a : areas)
    for (const auto& c : row_codes) l.rows.emplace_back(a, c);
  for (const auto& a : areas)
    for (const auto& c : col_codes) l.cols.emplace_back(a, c);
  if (va_fd) {
    for (const auto& v : figaro_value_added()) l.rows.emplace_back("W2", v);
    for (const auto& a : areas)
      for (const auto& f : figaro_final_demand()) l.cols.emplace_back(a, f);
  }
  return l;
}

// A balanced supply-use pair and the industry-by-industry table that fixed product sales structures give:
// use U and final demand Y_p from a random table, market shares D with some secondary products (a product of
// area a is made by industries of a only), supply M' = (D diag(q))' with q = U 1 + Y_p 1; expected Z = D U,
// Y = D Y_p, x = M 1, value added x - U' 1 split over the six W2 rows.
Fixture sut_fixture(const fs::path& dir, const FixtureOptions& o, bool flat, const std::vector<std::string>& areas,
                    const std::vector<std::string>& industries, const std::vector<Stressor>& st) {
  std::vector<std::string> products;
  for (const auto& s : industries) products.push_back("CPA_" + s);
  const auto& fd = figaro_final_demand();
  Mrio r = random_mrio(areas, products, fd, {}, o.seed);
  const size_t A = areas.size(), S = industries.size(), n = A * S, K = A * fd.size();
  Matrix U(n, n);
  for (size_t j = 0; j < n; ++j)
    for (size_t p = 0; p < n; ++p) U(p, j) = 0.5 * r.Z(p, j);  // exact: halving
  std::vector<double> q(n, 0.0);
  for (size_t p = 0; p < n; ++p) {
    for (size_t j = 0; j < n; ++j) q[p] += U(p, j);
    for (size_t c = 0; c < K; ++c) q[p] += r.Y(p, c);
  }
  // Shares: product s of an area made by industry s (share 1 for even s) or split 3/4 : 1/4 with industry s+1.
  Matrix D(n, n);
  for (size_t p = 0; p < n; ++p) {
    const size_t a = p / S, s = p % S;
    if (s % 2 == 0 || S == 1) {
      D(p, p) = 1.0;
    } else {
      D(p, p) = 0.75;
      D(a * S + (s + 1) % S, p) = 0.25;
    }
  }
  Matrix M(n, n);  // make: industry x product
  for (size_t p = 0; p < n; ++p)
    for (size_t i = 0; i < n; ++i) M(i, p) = D(i, p) * q[p];
  Mrio m;
  m.regions = areas;
  m.sectors = industries;
  m.sector_names = industries;
  m.categories = fd;
  m.unit = "M EUR";
  m.stressors = st;
  m.Z = Matrix(n, n);
  m.Y = Matrix(n, K);
  m.x.assign(n, 0.0);
  // Each product has one or two makers: only D's non-zeros (products in ascending order into every cell, as the
  // reader adds them), so a full-size fixture (46 areas x 64) takes seconds, not hours.
  for (size_t p = 0; p < n; ++p)
    for (size_t i = 0; i < n; ++i) {
      if (D(i, p) == 0) continue;
      m.x[i] += M(i, p);
      for (size_t j = 0; j < n; ++j) m.Z(i, j) += D(i, p) * U(p, j);
      for (size_t c = 0; c < K; ++c) m.Y(i, c) += D(i, p) * r.Y(p, c);
    }
  m.F = Matrix(st.size(), n);
  m.F_Y = Matrix(st.size(), K);
  for (size_t j = 0; j < n; ++j) {
    double used = 0;
    for (size_t p = 0; p < n; ++p) used += U(p, j);
    const double va = m.x[j] - used;
    m.F(0, j) = 0.0625 * va, m.F(3, j) = 0.5 * va, m.F(4, j) = 0.0625 * va;  // D21X31, D1, D29X39
    m.F(5, j) = va - m.F(0, j) - m.F(3, j) - m.F(4, j);                        // B2A3G
  }
  for (size_t a = 0; a < A; ++a) {
    m.F_Y(0, a * fd.size() + 1) = 2.5;   // taxes on products bought by households
    m.F_Y(1, a * fd.size() + 1) = 1.5;   // OP_RES: purchases abroad by residents
    m.F_Y(2, a * fd.size() + 1) = -1.5;  // OP_NRES: purchases of non-residents, with the opposite sign
  }
  const std::string ed = fmt::format("25ed_{}", o.year);
  auto write = [&](const std::string& table, const std::string& code, const Labels& l,
                   const std::function<double(size_t, size_t)>& value) {
    if (flat)
      write_flat(dir, fmt::format("flatfile_eu-ic-{}_{}", table, ed), code, "Pi", l, value, o);
    else
      write_matrix(dir, fmt::format("matrix_eu-ic-{}_{}", table, ed), l, value, o);
  };
  write("supply", "sup", grid(areas, products, industries, false), [&](size_t p, size_t i) { return M(i, p); });
  write("use", "use", grid(areas, products, industries, true), [&](size_t p, size_t j) {
    if (p < n) return j < n ? U(p, j) : r.Y(p, j - n);
    return j < n ? m.F(p - n, j) : m.F_Y(p - n, j - n);
  });
  Fixture fx;
  fx.path = dir;
  m.provenance.year = o.year;
  fx.expected = std::move(m);
  fx.tolerance = 1e-12;  // the reader derives the shares from the supply table
  return fx;
}

}  // namespace

Fixture figaro_fixture(const fs::path& dir, const FixtureOptions& o) {
  const std::string v = o.variant.empty() ? "ind-by-ind" : o.variant;
  const bool flat = v.starts_with("flat-");
  const std::string system = flat ? v.substr(5) : v;
  if (system != "ind-by-ind" && system != "prod-by-prod" && system != "sut")
    fail(ErrorKind::usage, fmt::format("FIGARO fixture variant '{}': expected ind-by-ind, prod-by-prod, "
                                       "sut, flat-ind-by-ind, flat-prod-by-prod or flat-sut",
                                       v));
  const auto regions = take_labels({"AR", "AT", "FI", "FIGW1", "FR", "US"}, o.regions, "X{}");
  auto sectors = take_labels({"A01", "C10T12", "C31_32", "L68", "M69_70", "N80T82"}, o.sectors, "S{}");
  std::vector<Stressor> st;
  for (const auto& c : figaro_value_added()) st.push_back({"W2_" + c, "M EUR", kNote, {}});
  if (system == "sut") return sut_fixture(dir, o, flat, regions, sectors, st);
  if (system == "prod-by-prod")
    for (auto& s : sectors) s = "CPA_" + s;
  const auto& fd = figaro_final_demand();
  Mrio m = random_mrio(regions, sectors, fd, st, o.seed);
  m.unit = "M EUR";
  const size_t n = m.n();
  // FIGARO has no output row: x is Z 1 + Y 1, which the random table satisfies up to rounding; make it exact.
  m.x = m.Z.row_sums();
  const auto y = m.Y.row_sums();
  for (size_t i = 0; i < n; ++i) m.x[i] += y[i];
  m.provenance.year = o.year;
  Fixture fx;
  auto value = [&](size_t i, size_t j) {
    if (i < n) return j < n ? m.Z(i, j) : m.Y(i, j - n);
    return j < n ? m.F(i - n, j) : m.F_Y(i - n, j - n);
  };
  const auto labels = grid(regions, sectors, sectors, true);
  const std::string name = fmt::format("{}_eu-ic-io_{}_25ed_{}", flat ? "flatfile" : "matrix", system, o.year);
  if (flat)
    fx.path = write_flat(dir, name, system == "ind-by-ind" ? "ioi" : "iop", system == "ind-by-ind" ? "Ii" : "Pp",
                         labels, value, o);
  else
    fx.path = write_matrix(dir, name, labels, value, o);
  fx.expected = std::move(m);
  return fx;
}

}  // namespace worldsys::io::detail
