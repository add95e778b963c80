// FIGARO matrix (wide) files read by label into a FigaroTable, as the flat reader gives it: used for the supply and
// use matrix files (matrix_eu-ic-{supply,use}_{ED}_{YYYY}.csv), whose row and column codes differ (products by
// industries), so the IO reader's square-table path does not apply. Labels AREA_CODE split at the first underscore;
// W2_* rows are the value-added items, AREA_{P3_S13,...} columns final demand (../shared/formats/figaro.md 3, 5).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

#include "io/figaro.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys::io::detail {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Names in order of first appearance, with where each was first met.
struct Seen {
  std::vector<std::string> names;
  std::map<std::string, size_t> index;
  std::map<std::string, Position> at;
  size_t add(const std::string& s, const Position& p) {
    auto [it, fresh] = index.emplace(s, names.size());
    if (fresh) names.push_back(s), at.emplace(s, p);
    return it->second;
  }
};

// One label's place: area and code indices into the table's lists, or a value-added / final-demand index.
struct Place {
  size_t area = 0, code = 0;
  bool special = false;  // value-added row or final-demand column
};

}  // namespace

FigaroTable read_figaro_matrix(const Bundle& b, const std::string& rel, unsigned threads,
                               const std::function<void(const FigaroTable&)>& check) {
  const TextTable t = read_table(b, rel, csv_spec(1, threads));
  if (t.header[0][0] != "rowLabels")
    fail_at(t.header_position(0, 0),
            fmt::format("expected 'rowLabels' in the first header cell of a FIGARO matrix file, found '{}'", t.header[0][0]));
  auto split = [](const std::string& s, const Position& p) {
    const size_t u = s.find('_');
    if (u == 0 || u == std::string::npos || u + 1 == s.size())
      fail_at(p, fmt::format("expected a label AREA_CODE (e.g. AT_A01, W2_D1, AT_P3_S14), found '{}'", s));
    return std::pair{s.substr(0, u), s.substr(u + 1)};
  };
  const auto& VA = figaro_value_added();
  const auto& FD = figaro_final_demand();
  FigaroTable out;
  out.name = t.name;
  Seen areas, row_codes, col_codes, va, fd, col_areas;
  std::vector<Place> rows(t.rows()), cols(t.cols());
  for (size_t i = 0; i < t.rows(); ++i) {
    const Position p = t.row_position(i);
    const auto [area, code] = split(t.row_labels[0][i], p);
    if (area == "W2") {
      if (!contains(VA, code))
        fail_at(p, fmt::format("unknown value-added row W2_{}: expected one of {}", code, fmt::join(VA, ", ")));
      rows[i] = {0, va.add(code, p), true};
    } else if (contains(VA, code) || contains(FD, code)) {
      fail_at(p, fmt::format("unknown row label {}_{}: value-added rows have area W2, final demand is only in "
                             "columns",
                             area, code));
    } else {
      rows[i] = {areas.add(area, p), row_codes.add(code, p), false};
    }
  }
  for (size_t j = 0; j < t.cols(); ++j) {
    const Position p = t.header_position(0, j + 1);
    const auto [area, code] = split(t.columns[0][j], p);
    if (area == "W2" || contains(VA, code))
      fail_at(p, fmt::format("unknown column label {}_{}: a value-added item as a column", area, code));
    col_areas.add(area, p);
    const auto a = areas.index.find(area);
    if (a == areas.index.end())
      fail_at(p, fmt::format("unknown area '{}': no row label has it (areas of the rows: {})", area,
                             fmt::join(areas.names, " ")));
    cols[j] = contains(FD, code) ? Place{a->second, fd.add(code, p), true} : Place{a->second, col_codes.add(code, p), false};
  }
  for (const auto& a : areas.names)
    if (!col_areas.index.count(a))
      fail_at(areas.at.at(a), fmt::format("unknown area '{}': no column label has it", a));
  out.areas = areas.names;
  out.row_codes = row_codes.names, out.row_code_at = row_codes.at;
  out.col_codes = col_codes.names, out.col_code_at = col_codes.at;
  out.va = va.names;
  out.fd = fd.names;
  if (check) check(out);  // unknown codes are named where they stand, before the grid is checked
  const size_t A = out.areas.size(), Rc = out.row_codes.size(), Cc = out.col_codes.size(), V = out.va.size(),
               K = out.fd.size();
  // Every (area, code) exactly once on each side: a grid of A areas x codes plus the special items.
  auto row_of = [&](const Place& p) { return p.special ? A * Rc + p.code : p.area * Rc + p.code; };
  auto col_of = [&](const Place& p) { return p.special ? A * Cc + p.area * K + p.code : p.area * Cc + p.code; };
  auto row_name = [&](size_t r) { return r < A * Rc ? out.areas[r / Rc] + "_" + out.row_codes[r % Rc] : "W2_" + out.va[r - A * Rc]; };
  auto col_name = [&](size_t c) {
    return c < A * Cc ? out.areas[c / Cc] + "_" + out.col_codes[c % Cc] : out.areas[(c - A * Cc) / K] + "_" + out.fd[(c - A * Cc) % K];
  };
  std::vector<long> row_at(A * Rc + V, -1), col_at(A * (Cc + K), -1);
  for (size_t i = 0; i < t.rows(); ++i) {
    long& s = row_at[row_of(rows[i])];
    if (s >= 0)
      fail_at(t.row_position(i), fmt::format("duplicate row label {}: also on line {}", t.row_labels[0][i],
                                             t.row_position(size_t(s)).line));
    s = long(i);
  }
  for (size_t j = 0; j < t.cols(); ++j) {
    long& s = col_at[col_of(cols[j])];
    if (s >= 0)
      fail_at(t.header_position(0, j + 1), fmt::format("duplicate column label {}: also at column {}", t.columns[0][j],
                                                       t.header_position(0, size_t(s) + 1).column));
    s = long(j);
  }
  for (size_t r = 0; r < row_at.size(); ++r)
    if (row_at[r] < 0)
      fail(ErrorKind::input, fmt::format("{}: no row {}; expected {} areas x {} codes and the value-added rows ({} rows), "
                                         "found {}",
                                         t.name, row_name(r), A, Rc, row_at.size(), t.rows()));
  for (size_t c = 0; c < col_at.size(); ++c)
    if (col_at[c] < 0)
      fail(ErrorKind::input, fmt::format("{}: no column {}; expected {} areas x ({} codes + {} final-demand items)", t.name,
                                         col_name(c), A, Cc, K));
  out.body = Matrix(A * Rc, A * Cc);
  out.fd_cols = Matrix(A * Rc, A * K);
  out.va_body = Matrix(V, A * Cc);
  out.va_fd = Matrix(V, A * K);
  for (size_t c = 0; c < col_at.size(); ++c) {
    const bool fdc = c >= A * Cc;
    const double* src = t.values.col(size_t(col_at[c]));
    for (size_t r = 0; r < row_at.size(); ++r) {
      const bool vr = r >= A * Rc;
      Matrix& m = vr ? (fdc ? out.va_fd : out.va_body) : (fdc ? out.fd_cols : out.body);
      m(vr ? r - A * Rc : r, fdc ? c - A * Cc : c) = src[row_at[r]];
    }
  }
  return out;
}

}  // namespace worldsys::io::detail
