// FIGARO flat (long) files: flatfile_eu-ic-{io_ind-by-ind,io_prod-by-prod,supply,use}_{ED}_{YYYY}.csv, one cell per
// line (../shared/formats/figaro.md section 4). Streamed: each line is split in place, its four labels interned
// (areas and codes are a few dozen strings), the cell kept as 16 bytes; once the labels are known the cells are
// placed into dense matrices, each at most once, all of them present (the files write zeros explicitly).
#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

#include "io/figaro.hpp"
#include "io/line_buffer.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys::io::detail {

const std::vector<std::string>& figaro_value_added() {
  static const std::vector<std::string> v = {"D21X31", "OP_RES", "OP_NRES", "D1", "D29X39", "B2A3G"};
  return v;
}
const std::vector<std::string>& figaro_final_demand() {
  static const std::vector<std::string> v = {"P3_S13", "P3_S14", "P3_S15", "P51G", "P5M"};
  return v;
}

namespace {

constexpr const char* kExpectedHeader =
    "icioiRow,icioiCol,refArea,rowIi,counterpartArea,colIi,obsValue (or iciop/icsup/icuse with rowPi|rowPp, "
    "colPi|colPp), or refArea,rowIi,counterpartArea,colIi,obsValue";

// Field positions of the published header variants; -1 where absent.
struct Columns {
  int row = -1, col = -1, ref_area = -1, row_code = -1, cp_area = -1, col_code = -1, value = -1;
  size_t count = 0;
};

bool parse_header(std::string_view line, Columns& c) {
  const auto f = split_line(trim_cr(line), ',');
  c.count = f.size();
  for (size_t k = 0; k < f.size(); ++k) {
    const std::string l = ascii_lower(f[k]);
    int* slot = nullptr;
    if (l == "refarea") slot = &c.ref_area;
    else if (l == "counterpartarea") slot = &c.cp_area;
    else if (l == "obsvalue") slot = &c.value;
    else if (l == "rowii" || l == "rowpi" || l == "rowpp") slot = &c.row_code;
    else if (l == "colii" || l == "colpi" || l == "colpp") slot = &c.col_code;
    else if (l.size() == 8 && l.starts_with("ic") && l.ends_with("row")) slot = &c.row;
    else if (l.size() == 8 && l.starts_with("ic") && l.ends_with("col")) slot = &c.col;
    if (!slot || *slot >= 0) return false;
    *slot = int(k);
  }
  return c.ref_area >= 0 && c.cp_area >= 0 && c.value >= 0 && c.row_code >= 0 && c.col_code >= 0 &&
         (c.row >= 0) == (c.col >= 0);
}

struct Cell {
  uint16_t ra, rc, ca, cc;
  double v;
};

// Strings seen in one role (areas or codes), with where each was first met.
struct Interner {
  std::unordered_map<std::string, uint16_t> ids;
  std::vector<std::string> names;
  std::vector<Position> first;
  uint16_t last = UINT16_MAX;

  uint16_t get(std::string_view s, const Position& at) {
    if (last != UINT16_MAX && names[last] == s) return last;
    auto it = ids.find(std::string(s));
    if (it != ids.end()) return last = it->second;
    if (names.size() >= UINT16_MAX - 1) fail_at(at, "more than 65534 distinct labels; not a FIGARO flat file?");
    const auto id = uint16_t(names.size());
    ids.emplace(std::string(s), id);
    names.emplace_back(s);
    first.push_back(at);
    return last = id;
  }
};

enum Kind : uint8_t { kBody = 0, kValueAdded = 1, kFinalDemand = 2 };

// First-appearance order of the ids used in one role (row areas, column codes, ...), with positions.
struct Order {
  std::vector<int> index;        // id -> position in `ids`, -1 unused
  std::vector<uint16_t> ids;     // in order of first appearance
  std::vector<Position> at;      // first position in this role
  void see(uint16_t id, const Position& p) {
    if (id >= index.size()) index.resize(size_t(id) + 1, -1);
    if (index[id] < 0) index[id] = int(ids.size()), ids.push_back(id), at.push_back(p);
  }
  int of(uint16_t id) const { return id < index.size() ? index[id] : -1; }
};

}  // namespace

bool is_figaro_flat_header(std::string_view first_line) {
  if (first_line.starts_with("\xEF\xBB\xBF")) first_line.remove_prefix(3);
  Columns c;
  return parse_header(first_line, c);
}

FigaroTable read_figaro_flat(const Bundle& b, const std::string& rel, const std::function<void(const FigaroTable&)>& check) {
  FigaroTable t;
  t.name = b.display(rel);
  auto src = b.open(rel);
  LineBuffer lb(*src);
  std::string_view line;
  if (!lb.take_line(line)) fail_at({t.name, 1, 1}, fmt::format("empty file; expected the header {}", kExpectedHeader));
  Columns col;
  if (!parse_header(line, col))
    fail_at({t.name, 1, 1}, fmt::format("expected a FIGARO flat-file header {}, found '{}'", kExpectedHeader,
                                        std::string(line.substr(0, 120))));
  Interner areas, codes;
  std::vector<Kind> kind;  // per code id
  auto kind_of = [&](uint16_t id) {
    while (kind.size() <= id) {
      const auto& s = codes.names[kind.size()];
      const auto& va = figaro_value_added();
      const auto& fd = figaro_final_demand();
      kind.push_back(std::find(va.begin(), va.end(), s) != va.end()   ? kValueAdded
                     : std::find(fd.begin(), fd.end(), s) != fd.end() ? kFinalDemand
                                                                      : kBody);
    }
    return kind[id];
  };
  uint16_t w2 = UINT16_MAX;  // area id of W2 once seen
  Order row_areas, col_areas, row_codes, col_codes, va_codes, fd_codes;
  std::vector<std::vector<Cell>> cells;  // blocks of 1 M cells: no reallocation peak
  constexpr size_t kCellBlock = size_t(1) << 20;
  size_t n_cells = 0, line_no = 1, blank_at = 0;
  std::array<std::string_view, 8> f{};
  std::array<size_t, 8> fcol{};
  const size_t nf = col.count;
  while (lb.take_line(line)) {
    ++line_no;
    if (line.empty()) {
      if (!blank_at) blank_at = line_no;
      continue;
    }
    if (blank_at) fail_at({t.name, blank_at, 1}, "empty line inside the table; expected one cell per line");
    // Split in place: exactly nf fields, quotes around a field dropped.
    size_t k = 0, pos = 0;
    while (true) {
      const size_t e = std::min(line.find(',', pos), line.size());
      if (k == nf)
        fail_at({t.name, line_no, pos + 1}, fmt::format("more than {} fields; expected {}", nf, kExpectedHeader));
      std::string_view s = line.substr(pos, e - pos);
      if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
      f[k] = s, fcol[k] = pos + 1, ++k;
      if (e == line.size()) break;
      pos = e + 1;
    }
    if (k != nf)
      fail_at({t.name, line_no, line.size() + 1}, fmt::format("{} fields, expected {}; truncated line?", k, nf));
    auto at = [&](int field) { return Position{t.name, line_no, fcol[size_t(field)]}; };
    auto label = [&](int field, const char* what) {
      if (f[size_t(field)].empty()) fail_at(at(field), fmt::format("empty {}", what));
      return f[size_t(field)];
    };
    const uint16_t ra = areas.get(label(col.ref_area, "refArea"), at(col.ref_area));
    const uint16_t rc = codes.get(label(col.row_code, "row code"), at(col.row_code));
    const uint16_t ca = areas.get(label(col.cp_area, "counterpartArea"), at(col.cp_area));
    const uint16_t cc = codes.get(label(col.col_code, "column code"), at(col.col_code));
    if (w2 == UINT16_MAX) {
      if (areas.names[ra] == "W2") w2 = ra;
      if (areas.names[ca] == "W2") w2 = ca;
    }
    // Roles: W2 rows are exactly the value-added rows; final-demand codes only in columns.
    const Kind rk = kind_of(rc), ck = kind_of(cc);
    if (rk == kFinalDemand)
      fail_at(at(col.row_code), fmt::format("unknown row code '{}': a final-demand code, expected an industry, a "
                                            "product or a value-added item",
                                            codes.names[rc]));
    if ((rk == kValueAdded) != (ra == w2))
      fail_at(at(rk == kValueAdded ? col.ref_area : col.row_code),
              fmt::format("unknown row label {}_{}: value-added rows ({}) have refArea W2, and W2 only those",
                          areas.names[ra], codes.names[rc], fmt::join(figaro_value_added(), ", ")));
    if (ck == kValueAdded || ca == w2)
      fail_at(at(ck == kValueAdded ? col.col_code : col.cp_area),
              fmt::format("unknown column label {}_{}: a value-added item as a column", areas.names[ca], codes.names[cc]));
    if (col.row >= 0) {  // the joined labels must agree with the parts
      for (const auto& [joined, a, c] : {std::tuple{col.row, ra, rc}, std::tuple{col.col, ca, cc}}) {
        const auto s = f[size_t(joined)];
        const auto& an = areas.names[a];
        const auto& cn = codes.names[c];
        if (s.size() != an.size() + 1 + cn.size() || !s.starts_with(an) || s[an.size()] != '_' || !s.ends_with(cn))
          fail_at(at(joined), fmt::format("label '{}' disagrees with its parts {} and {}", s, an, cn));
      }
    }
    double v = 0;
    const auto val = f[size_t(col.value)];
    if (!val.empty()) {
      const char* b0 = val.data() + (val.front() == '+' ? 1 : 0);
      const auto r = fast_float::from_chars(b0, val.data() + val.size(), v);
      if (r.ec != std::errc() || r.ptr != val.data() + val.size())
        fail_at(at(col.value), fmt::format("expected a number in obsValue, found '{}'", std::string(val.substr(0, 40))));
    }
    if (rk == kValueAdded) va_codes.see(rc, at(col.row_code));
    else row_areas.see(ra, at(col.ref_area)), row_codes.see(rc, at(col.row_code));
    col_areas.see(ca, at(col.cp_area));
    if (ck == kFinalDemand) fd_codes.see(cc, at(col.col_code));
    else col_codes.see(cc, at(col.col_code));
    if (n_cells % kCellBlock == 0) cells.emplace_back().reserve(kCellBlock);
    cells.back().push_back({ra, rc, ca, cc, v});
    ++n_cells;
  }
  if (n_cells == 0) fail_at({t.name, 2, 1}, "no cells after the header; truncated file?");

  // Areas: those of the rows; a column area that is not one is unknown, and the reverse.
  for (size_t k = 0; k < col_areas.ids.size(); ++k)
    if (row_areas.of(col_areas.ids[k]) < 0)
      fail_at(col_areas.at[k], fmt::format("unknown area '{}': no row has it as refArea (or a truncated file?)",
                                           areas.names[col_areas.ids[k]]));
  for (size_t k = 0; k < row_areas.ids.size(); ++k)
    if (col_areas.of(row_areas.ids[k]) < 0)
      fail_at(row_areas.at[k], fmt::format("unknown area '{}': no column has it as counterpartArea",
                                           areas.names[row_areas.ids[k]]));
  auto names = [&](const Order& o, const Interner& in, std::map<std::string, Position>* at) {
    std::vector<std::string> out;
    for (size_t k = 0; k < o.ids.size(); ++k) {
      out.push_back(in.names[o.ids[k]]);
      if (at) (*at)[out.back()] = o.at[k];
    }
    return out;
  };
  t.areas = names(row_areas, areas, nullptr);
  t.row_codes = names(row_codes, codes, &t.row_code_at);
  t.col_codes = names(col_codes, codes, &t.col_code_at);
  t.va = names(va_codes, codes, nullptr);
  t.fd = names(fd_codes, codes, nullptr);
  if (check) check(t);  // unknown codes are named where they stand, before cells are counted
  const size_t A = t.areas.size(), Rc = t.row_codes.size(), Cc = t.col_codes.size(), V = t.va.size(), K = t.fd.size();
  const size_t rows = A * Rc + V, cols = A * (Cc + K);
  t.body = Matrix(A * Rc, A * Cc);
  t.fd_cols = Matrix(A * Rc, A * K);
  t.va_body = Matrix(V, A * Cc);
  t.va_fd = Matrix(V, A * K);
  std::vector<uint8_t> seen(rows * cols, 0);
  size_t k = 0;
  for (const auto& block : cells)
    for (const Cell& c : block) {
      const bool va = kind[c.rc] == kValueAdded, fdc = kind[c.cc] == kFinalDemand;
      const size_t r = va ? size_t(va_codes.of(c.rc)) : size_t(row_areas.of(c.ra)) * Rc + size_t(row_codes.of(c.rc));
      const size_t ci = fdc ? size_t(row_areas.of(c.ca)) * K + size_t(fd_codes.of(c.cc))
                            : size_t(row_areas.of(c.ca)) * Cc + size_t(col_codes.of(c.cc));
      uint8_t& s = seen[(va ? A * Rc + r : r) * cols + (fdc ? A * Cc + ci : ci)];
      if (s)
        fail_at({t.name, k + 2, 1}, fmt::format("duplicate cell {}_{} x {}_{}: already given on an earlier line",
                                                areas.names[c.ra], codes.names[c.rc], areas.names[c.ca], codes.names[c.cc]));
      s = 1;
      Matrix& m = va ? (fdc ? t.va_fd : t.va_body) : (fdc ? t.fd_cols : t.body);
      m(r, ci) += c.v;  // as the matrix reader: into zeros (so -0 reads as 0 in both)
      ++k;
    }
  if (n_cells != rows * cols) {
    const size_t miss = size_t(std::find(seen.begin(), seen.end(), 0) - seen.begin());
    const size_t r = miss / cols, c = miss % cols;
    const std::string rl = r < A * Rc ? t.areas[r / Rc] + "_" + t.row_codes[r % Rc] : "W2_" + t.va[r - A * Rc];
    const std::string cl = c < A * Cc ? t.areas[c / Cc] + "_" + t.col_codes[c % Cc]
                                      : t.areas[(c - A * Cc) / K] + "_" + t.fd[(c - A * Cc) % K];
    fail(ErrorKind::input, fmt::format("{}: {} cells, expected {} ({} areas; {} row codes + {} value-added rows; {} "
                                       "column codes + {} final-demand items per area); cell {} x {} is missing. A "
                                       "truncated file?",
                                       t.name, n_cells, rows * cols, A, Rc, V, Cc, K, rl, cl));
  }
  return t;
}

void expect_same_codes(const FigaroTable& t, bool rows, const std::vector<std::string>& want, const std::string& role) {
  const auto& have = rows ? t.row_codes : t.col_codes;
  const auto& at = rows ? t.row_code_at : t.col_code_at;
  for (const auto& c : have)
    if (std::find(want.begin(), want.end(), c) == want.end())
      fail_at(at.at(c), fmt::format("unknown {} '{}': expected one of {}", role, c, fmt::join(want, ", ")));
  for (const auto& c : want)
    if (std::find(have.begin(), have.end(), c) == have.end())
      fail(ErrorKind::input, fmt::format("{}: no {} '{}' in the {}", t.name, role, c, rows ? "rows" : "columns"));
}

}  // namespace worldsys::io::detail
