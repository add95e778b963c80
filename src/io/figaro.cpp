// FIGARO (Eurostat EU inter-country tables), editions 2022, 23ed-26ed (../shared/formats/figaro.md):
// * matrix files matrix_eu-ic-io_{ind-by-ind,prod-by-prod}_{ED}_{YYYY}.csv: a header row starting "rowLabels",
//   labels AREA_CODE (FIGW1 = rest of the world; product codes CPA_*), six W2_* value-added rows attributed to the
//   column's own country, five final-demand columns per area, no totals;
// * flat files flatfile_eu-ic-io_{...}_{ED}_{YYYY}.csv (bare or in the same-named zip): the same cells one per line
//   (io/figaro_flat.cpp), giving the same table;
// * the supply and use tables, matrix_eu-ic-{supply,use}_{ED}_{YYYY}.csv or flatfile_eu-ic-{supply,use}_{ED}_{YYYY}
//   (io/figaro_matrix.cpp, io/figaro_flat.cpp): converted to industry by industry under fixed product sales
//   structures (io/sut.hpp).
// The layout (matrix or flat) is told by the file's header, whatever its name.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <regex>
#include <set>

#include "io/figaro.hpp"
#include "io/line_buffer.hpp"
#include "io/sut.hpp"
#include "io/wide.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/formats.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

constexpr const char* kUnit = "M EUR";
constexpr const char* kFactorNote = "FIGARO value-added row (W2: the column's own country)";
constexpr const char* kLicence =
    "Eurostat re-use policy (attribution); cite Remond-Tiedrez & Rueda-Cantuche (eds.), FIGARO";

// One located table file: the bundle that holds it (a flat file's zip, opened) and its path inside.
struct Located {
  std::unique_ptr<Bundle> bundle;
  std::string file;
  bool flat = false;
};

// The `table` file (e.g. "io_ind-by-ind", "supply"): the matrix file where both layouts are present (the same
// numbers, faster to read), else the flat file, bare or zipped; the layout is then read from its header.
Located locate(const fs::path& source, const std::string& table, std::optional<int> year) {
  auto b = Bundle::open(source);
  const std::string tail = R"((_\d\ded)?_\d{4}(_v\d+)?)";
  const std::string matrix = fmt::format(R"(matrix_eu-ic-{}{}\.csv(\.gz)?)", table, tail);
  const std::string flat = fmt::format(R"(flatfile_eu-ic-{}{}\.(csv(\.gz)?|zip))", table, tail);
  bool has_matrix = false;
  for (const auto& f : b->files())
    if (std::regex_match(ascii_lower(fs::path(f).filename().string()), std::regex(matrix)) &&
        (!year || f.find(std::to_string(*year)) != std::string::npos))
      has_matrix = true;
  Located l;
  l.file = b->select(has_matrix ? matrix : "(" + matrix + ")|(" + flat + ")", year,
                     fmt::format("FIGARO {} file (matrix_eu-ic-{}_ED_YYYY.csv or flatfile_eu-ic-{}_ED_YYYY.zip)", table,
                                 table, table));
  if (ascii_lower(l.file).ends_with(".zip")) {
    l.bundle = fs::is_directory(b->path()) ? Bundle::open(b->path() / l.file) : b->open_nested(l.file);
    l.file = l.bundle->select(fmt::format(R"(flatfile_eu-ic-{}{}\.csv)", table, tail), year,
                              fmt::format("FIGARO flat file (flatfile_eu-ic-{}_ED_YYYY.csv)", table));
  } else {
    l.bundle = std::move(b);
  }
  // The layout, from the first line.
  auto src = l.bundle->open(l.file);
  detail::LineBuffer lb(*src);
  std::string_view first;
  if (!lb.take_line(first)) fail_at({l.bundle->display(l.file), 1, 1}, "empty file; expected a FIGARO header");
  if (first.starts_with("\xEF\xBB\xBF")) first.remove_prefix(3);
  if (first.starts_with("rowLabels,") || first.starts_with("\"rowLabels\",")) return l;
  l.flat = detail::is_figaro_flat_header(first);
  if (!l.flat)
    fail_at({l.bundle->display(l.file), 1, 1},
            fmt::format("expected 'rowLabels' (matrix file) or a flat-file header (icioiRow,icioiCol,refArea,rowIi,"
                        "counterpartArea,colIi,obsValue; iciop/icsup/icuse and rowPi|rowPp, colPi|colPp for products; "
                        "or refArea,rowIi,counterpartArea,colIi,obsValue), found '{}'",
                        std::string(first.substr(0, 80))));
  return l;
}

std::optional<int> year_of(const std::string& file) {
  std::smatch mm;
  const std::string base = fs::path(file).filename().string();
  if (std::regex_search(base, mm, std::regex(R"(_(\d{4})(_v\d+)?\.csv)"))) return std::stoi(mm[1]);
  return std::nullopt;
}

Mrio read_matrix(const Located& l, const std::string& system, const ImportOptions& options) {
  const TextTable t = read_table(*l.bundle, l.file, csv_spec(1, options.threads));
  if (t.header[0][0] != "rowLabels")
    fail_at(t.header_position(0, 0), fmt::format("expected 'rowLabels' in the first header cell of a FIGARO matrix "
                                                 "file, found '{}'",
                                                 t.header[0][0]));
  detail::WideRules rules;
  rules.is_total = [](const std::string&) { return false; };
  rules.is_output_column = [](const std::string&) { return false; };
  rules.is_factor = [](const std::string& s) { return s.starts_with("W2_"); };
  const auto& fd = detail::figaro_final_demand();
  rules.final_demand = {fd.begin(), fd.end()};
  rules.unit = kUnit;
  rules.factor_note = kFactorNote;
  Mrio m = detail::wide_to_mrio(t, rules);
  m.provenance.source = fmt::format("FIGARO {} matrix, {}", system, l.bundle->display(l.file));
  return m;
}

// The value-added rows of a table as stressors W2_CODE.
void add_value_added(Mrio& m, detail::FigaroTable& t) {
  for (const auto& v : t.va) m.stressors.push_back({"W2_" + v, kUnit, kFactorNote, {}});
  m.F = std::move(t.va_body);
  m.F_Y = std::move(t.va_fd);
}

// Fails unless `t` has every published value-added row and final-demand item (a truncated file lacks some).
void expect_published_items(const detail::FigaroTable& t, const char* kind) {
  for (const auto& [have, want, what] : {std::tuple{&t.va, &detail::figaro_value_added(), "value-added row W2"},
                                         std::tuple{&t.fd, &detail::figaro_final_demand(), "final-demand column AREA"}})
    for (const auto& c : *want)
      if (std::find(have->begin(), have->end(), c) == have->end())
        fail(ErrorKind::input, fmt::format("{}: no {}_{}; {} has the rows W2_{} and per area the columns {}. A "
                                           "truncated file?",
                                           t.name, what, c, kind, fmt::join(detail::figaro_value_added(), ", W2_"),
                                           fmt::join(detail::figaro_final_demand(), ", ")));
}

// `t` with its areas, row codes and column codes in the given orders (the same sets, read by label from another
// file), and its value-added rows and final-demand items in the published order (all of them present). A table
// already in that order is left as it is.
void conform(detail::FigaroTable& t, const std::vector<std::string>& areas, const std::vector<std::string>& rows,
             const std::vector<std::string>& cols) {
  const auto& VA = detail::figaro_value_added();
  const auto& FD = detail::figaro_final_demand();
  if (t.areas == areas && t.row_codes == rows && t.col_codes == cols && t.va == VA && t.fd == FD) return;
  auto where = [](const std::vector<std::string>& have, const std::vector<std::string>& want) {
    std::vector<size_t> k;
    for (const auto& w : want) k.push_back(size_t(std::find(have.begin(), have.end(), w) - have.begin()));
    return k;
  };
  const auto ka = where(t.areas, areas), kr = where(t.row_codes, rows), kc = where(t.col_codes, cols);
  const auto va = where(t.va, VA), kf = where(t.fd, FD);
  const size_t A = areas.size(), R = rows.size(), C = cols.size(), K = FD.size();
  std::vector<size_t> row(A * R), col(A * C), fd(A * K);
  for (size_t a = 0; a < A; ++a) {
    for (size_t r = 0; r < R; ++r) row[a * R + r] = ka[a] * R + kr[r];
    for (size_t c = 0; c < C; ++c) col[a * C + c] = ka[a] * C + kc[c];
    for (size_t f = 0; f < K; ++f) fd[a * K + f] = ka[a] * K + kf[f];
  }
  auto take = [](const Matrix& m, const std::vector<size_t>& r, const std::vector<size_t>& c) {
    Matrix out(r.size(), c.size());
    for (size_t j = 0; j < c.size(); ++j)
      for (size_t i = 0; i < r.size(); ++i) out(i, j) = m(r[i], c[j]);
    return out;
  };
  t.body = take(t.body, row, col);
  t.fd_cols = take(t.fd_cols, row, fd);
  t.va_body = take(t.va_body, va, col);
  t.va_fd = take(t.va_fd, va, fd);
  t.areas = areas, t.row_codes = rows, t.col_codes = cols, t.va = VA, t.fd = FD;
}

// An Mrio with FIGARO's labels and unit, no values yet.
Mrio labelled(const std::vector<std::string>& areas, const std::vector<std::string>& codes,
              const std::vector<std::string>& fd) {
  Mrio m;
  m.regions = areas;
  m.sectors = codes;
  m.sector_names = codes;
  m.categories = fd;
  m.unit = kUnit;
  return m;
}

// A flat IO file as the matrix reader would give it: columns put into the rows' code order by label.
Mrio read_flat_io(const Located& l, const std::string& system) {
  auto t = detail::read_figaro_flat(*l.bundle, l.file, [&](const detail::FigaroTable& u) {
    detail::expect_same_codes(u, false, u.row_codes, system == "prod-by-prod" ? "product code" : "industry code");
    expect_published_items(u, "an input-output table");
  });
  const auto areas = t.areas, codes = t.row_codes;  // copies: conform() replaces t's
  conform(t, areas, codes, codes);
  Mrio m = labelled(t.areas, t.row_codes, t.fd);
  m.Z = std::move(t.body);
  m.Y = std::move(t.fd_cols);
  add_value_added(m, t);
  m.x = m.Z.row_sums();
  const auto y = m.Y.row_sums();
  for (size_t i = 0; i < m.x.size(); ++i) m.x[i] += y[i];
  m.provenance.source = fmt::format("FIGARO {} flat file, {}", system, l.bundle->display(l.file));
  return m;
}

// One table of a supply-use pair, by label from its flat or matrix file; `check` sees the labels first.
detail::FigaroTable read_by_label(const Located& l, const ImportOptions& options,
                                  const std::function<void(const detail::FigaroTable&)>& check = {}) {
  return l.flat ? detail::read_figaro_flat(*l.bundle, l.file, check)
                : detail::read_figaro_matrix(*l.bundle, l.file, options.threads, check);
}

bool all_products(const std::vector<std::string>& codes) {
  return std::all_of(codes.begin(), codes.end(), [](const std::string& c) { return c.starts_with("CPA_"); });
}

// Supply (products x industries) and use (products + value added x industries + final demand) to industry by
// industry under fixed product sales structures. The supply table is published products by industries (flat:
// rowPi = CPA_ products); a matrix file written industries by products is read the other way round.
Mrio read_sut(const fs::path& source, const ImportOptions& options, std::string& shown) {
  const Located ls = locate(source, "supply", options.year);
  const Located lu = locate(source, "use", options.year);
  auto sup = read_by_label(ls, options);
  if (!sup.va.empty() || !sup.fd.empty())
    fail(ErrorKind::input, fmt::format("{}: a supply table has no value-added rows or final-demand columns, found {} "
                                       "and {}",
                                       sup.name, sup.va.size(), sup.fd.size()));
  if (!all_products(sup.row_codes) && all_products(sup.col_codes)) {
    std::swap(sup.row_codes, sup.col_codes);
    std::swap(sup.row_code_at, sup.col_code_at);
    sup.body = sup.body.transposed();
  }
  auto use = read_by_label(lu, options, [&](const detail::FigaroTable& u) {
    detail::expect_same_codes(u, true, sup.row_codes, "product code");
    detail::expect_same_codes(u, false, sup.col_codes, "industry code");
    if (std::set(u.areas.begin(), u.areas.end()) != std::set(sup.areas.begin(), sup.areas.end()))
      fail(ErrorKind::input, fmt::format("{}: areas {} differ from the supply table's {}", u.name,
                                         fmt::join(u.areas, " "), fmt::join(sup.areas, " ")));
    expect_published_items(u, "a use table");
  });
  conform(use, sup.areas, sup.row_codes, sup.col_codes);
  const size_t A = sup.areas.size(), P = A * sup.row_codes.size(), I = A * sup.col_codes.size();
  auto io = detail::industry_technology(
      I, P, use.fd_cols.cols(), [&](size_t i, size_t p) { return sup.body(p, i); },
      [&](size_t p, size_t j) { return use.body(p, j); }, [&](size_t p, size_t c) { return use.fd_cols(p, c); });
  Mrio m = labelled(sup.areas, sup.col_codes, use.fd);
  m.Z = std::move(io.Z);
  m.Y = std::move(io.Y);
  m.x = std::move(io.x);
  add_value_added(m, use);
  shown = lu.bundle->display(lu.file);
  m.provenance.source = fmt::format("FIGARO supply and use {} files {} and {}, {}", ls.flat ? "flat" : "matrix",
                                    ls.bundle->display(ls.file), shown, detail::kIndustryTechnology);
  return m;
}

}  // namespace

std::string detail::figaro_system(const std::string& name) {
  return name == "ixi" ? "ind-by-ind" : name == "pxp" ? "prod-by-prod" : name;
}

Mrio read_figaro(const fs::path& source, const ImportOptions& options) {
  const std::string system = options.system.empty() ? "ind-by-ind" : detail::figaro_system(options.system);
  if (system != "ind-by-ind" && system != "prod-by-prod" && system != "sut")
    fail(ErrorKind::usage,
         fmt::format("FIGARO system '{}': expected ind-by-ind (ixi), prod-by-prod (pxp) or sut (supply and use "
                     "converted to industry by industry)",
                     system));
  Mrio m;
  std::string shown;
  if (system == "sut") {
    m = read_sut(source, options, shown);
  } else {
    const Located l = locate(source, "io_" + system, options.year);
    m = l.flat ? read_flat_io(l, system) : read_matrix(l, system, options);
    shown = l.bundle->display(l.file);
  }
  if (auto y = year_of(shown)) m.provenance.year = *y;
  m.provenance.licence = kLicence;
  validate(m, shown);
  return m;
}

}  // namespace worldsys::io
