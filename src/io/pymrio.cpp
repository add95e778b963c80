#include "worldsys/io/pymrio.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <algorithm>

#include "io/file_sink.hpp"
#include "io/labels.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/text_table.hpp"
#include "worldsys/linalg/lu.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;
using detail::Grid;

namespace {

std::string dirname(const std::string& rel) {
  const size_t k = rel.rfind('/');
  return k == std::string::npos ? "" : rel.substr(0, k);
}
std::string basename(const std::string& rel) {
  const size_t k = rel.rfind('/');
  return k == std::string::npos ? rel : rel.substr(k + 1);
}
std::string join(const std::string& dir, const std::string& name) { return dir.empty() ? name : dir + "/" + name; }

json parse_json(const Bundle& b, const std::string& rel) {
  try {
    return json::parse(b.read_all(rel));
  } catch (const json::exception& e) {
    fail(ErrorKind::input, fmt::format("{}: not valid JSON ({})", b.display(rel), e.what()));
  }
}

struct Folder {
  std::string dir;                            // relative to the bundle
  std::map<std::string, std::string> files;   // pymrio key ("Z", "F_Y") -> file path in the bundle
  std::map<std::string, size_t> index_cols;   // pymrio key -> nr_index_col, where file_parameters.json says
  std::string name;                           // display name for extensions
};

// The file for `key` in a folder: from file_parameters.json, else `key`.txt/.tsv/.csv in any case.
std::optional<std::string> member(const Bundle& b, const Folder& f, const std::string& key) {
  if (auto it = f.files.find(key); it != f.files.end()) return it->second;
  for (const char* ext : {".txt", ".tsv", ".csv", ".txt.gz"})
    if (auto p = b.find(join(f.dir, key + ext))) return p;
  return std::nullopt;
}

Folder folder_at(const Bundle& b, const std::string& dir) {
  Folder f{dir, {}, {}, basename(dir)};
  if (auto fp = b.find(join(dir, "file_parameters.json"))) {
    json j = parse_json(b, *fp);
    if (j.contains("name") && j["name"].is_string()) f.name = j["name"];
    if (j.contains("files") && j["files"].is_object())
      for (auto& [key, v] : j["files"].items()) {
        if (!v.is_object()) continue;
        const std::string k = key == "FY" ? "F_Y" : key;
        if (v.contains("name") && v["name"].is_string())
          if (auto p = b.find(join(dir, v["name"].get<std::string>()))) f.files[k] = *p;
        // A count written as a string ("2", as pymrio does) or a number; stressor indexes have 1 to 4 levels.
        if (v.contains("nr_index_col")) {
          const json& c = v["nr_index_col"];
          const std::string text = c.is_string() ? c.get<std::string>() : c.is_number_unsigned() ? c.dump() : "";
          if (text.size() != 1 || text[0] < '1' || text[0] > '4')
            fail(ErrorKind::input, fmt::format("{}: files.{}.nr_index_col is {}; expected 1 to 4 index levels",
                                               b.display(*fp), key, c.dump()));
          f.index_cols[k] = size_t(text[0] - '0');
        }
      }
  }
  return f;
}

// The IOSystem root: the folder of the file_parameters.json saying so; else the folder holding Z or A.
std::string find_root(const Bundle& b) {
  std::vector<std::string> roots;
  for (const auto& rel : b.files()) {
    if (ascii_lower(basename(rel)) != "file_parameters.json") continue;
    json j = parse_json(b, rel);
    // Compared as JSON: a file whose top level is not an object, or whose systemtype is not a string, is no root
    // (value() would throw nlohmann's type_error, found by fuzz_formats).
    if (j.is_object() && j.contains("systemtype") && j["systemtype"] == "IOSystem") roots.push_back(dirname(rel));
  }
  if (roots.size() > 1)
    fail(ErrorKind::input, fmt::format("{}: {} tables (file_parameters.json with systemtype IOSystem) in '{}' and '{}'; "
                                       "point to one of them",
                                       b.path().string(), roots.size(), roots[0], roots[1]));
  if (roots.size() == 1) return roots[0];
  std::optional<std::string> best;
  for (const auto& rel : b.files()) {
    const std::string base = ascii_lower(basename(rel));
    if (base == "z.txt" || base == "a.txt")
      if (!best || rel.size() < best->size()) best = dirname(rel);
  }
  if (!best)
    fail(ErrorKind::input, fmt::format("{}: no file_parameters.json with systemtype IOSystem and no Z.txt or A.txt; "
                                       "not a pymrio/EXIOBASE table",
                                       b.path().string()));
  return *best;
}

// Reads a small text table with one or two label columns (unit.txt): rows of fields with their positions.
struct SmallRow {
  std::vector<std::string> fields;
  Position at;
};
std::vector<SmallRow> read_small(const Bundle& b, const std::string& rel, size_t header_lines) {
  CsvReader csv(b.read_all(rel), b.display(rel), '\t');
  std::vector<SmallRow> rows;
  size_t h = 0;
  while (csv.next()) {
    if (h++ < header_lines) continue;
    SmallRow r;
    for (size_t i = 0; i < csv.size(); ++i) r.fields.emplace_back(csv.field(i));
    r.at = csv.position(0);
    rows.push_back(std::move(r));
  }
  return rows;
}

std::function<Position(size_t, int)> header_at(const TextTable& t, size_t line, size_t index_cols) {
  return [&t, line, index_cols](size_t j, int level) { return t.header_position(line + size_t(level), j + index_cols); };
}
std::function<Position(size_t, int)> row_at(const TextTable& t) {
  return [&t](size_t i, int) { return t.row_position(i); };
}

void expect_two_levels(const TextTable& t, size_t lines) {
  if (t.columns.size() != lines)
    fail(ErrorKind::input, fmt::format("{}: {} column-label lines, expected {}", t.name, t.columns.size(), lines));
}

}  // namespace

Mrio read_pymrio(const fs::path& path, const PymrioRead& options) {
  auto bundle = Bundle::open(path);
  const Bundle& b = *bundle;
  const std::string root = find_root(b);
  const Folder core = folder_at(b, root);
  TableSpec spec2;  // Z, A, Y: two column levels, two index levels
  spec2.header_lines = 2;
  spec2.index_cols = 2;
  spec2.threads = options.threads;

  Mrio m;
  auto z_file = member(b, core, "Z");
  auto a_file = member(b, core, "A");
  if (!z_file && !a_file)
    fail(ErrorKind::input, fmt::format("{}: neither Z.txt nor A.txt in '{}'", b.path().string(), root));
  TableSpec zs = spec2;
  zs.square = true;
  TextTable Z = read_table(b, z_file ? *z_file : *a_file, zs);
  const Grid cols = detail::grid_of(Z.columns[0], Z.columns[1], header_at(Z, 0, 2), "column (region, sector)");
  detail::expect_grid(Z.row_labels[0], Z.row_labels[1], cols, row_at(Z), "row (region, sector)");
  m.regions = cols.outer;
  m.sectors = cols.inner;
  m.sector_names = cols.inner;
  const size_t n = m.n();

  auto y_file = member(b, core, "Y");
  if (!y_file) fail(ErrorKind::input, fmt::format("{}: missing Y.txt (final demand) in '{}'", b.path().string(), root));
  TableSpec ys = spec2;
  ys.rows = n;
  TextTable Y = read_table(b, *y_file, ys);
  const Grid ycols = detail::grid_of(Y.columns[0], Y.columns[1], header_at(Y, 0, 2), "column (region, category)");
  if (ycols.outer != m.regions)
    fail_at(Y.header_position(0, 2), fmt::format("final-demand regions differ from Z's ({} here, {} in Z)",
                                                 ycols.outer.size(), m.regions.size()));
  detail::expect_grid(Y.row_labels[0], Y.row_labels[1], cols, row_at(Y), "row (region, sector)");
  m.categories = ycols.inner;
  m.Y = std::move(Y.values);

  if (auto x_file = member(b, core, "x")) {
    TableSpec xs;
    xs.header_lines = 1;
    xs.index_cols = 2;
    xs.rows = n;
    xs.index_name_line = false;
    TextTable X = read_table(b, *x_file, xs);
    if (X.cols() != 1)
      fail_at(X.header_position(0, 2), fmt::format("expected one column of gross output (indout), found {}", X.cols()));
    detail::expect_grid(X.row_labels[0], X.row_labels[1], cols, row_at(X), "row (region, sector)");
    m.x.assign(X.values.data(), X.values.data() + n);
  }
  if (z_file) {
    m.Z = std::move(Z.values);
    if (m.x.empty()) {
      m.x = m.Z.row_sums();
      const auto y = m.Y.row_sums();
      for (size_t i = 0; i < n; ++i) m.x[i] += y[i];
    }
  } else {
    Matrix& A = Z.values;
    if (m.x.empty()) {  // x = (I - A)^-1 (Y 1)
      Matrix IA(n, n);
      for (size_t j = 0; j < n; ++j)
        for (size_t i = 0; i < n; ++i) IA(i, j) = (i == j) - A(i, j);
      Matrix rhs(n, 1);
      const auto y = m.Y.row_sums();
      for (size_t i = 0; i < n; ++i) rhs(i, 0) = y[i];
      LuFactor(std::move(IA), [&](size_t i) { return m.label(i); }).solve(rhs);
      m.x.assign(rhs.data(), rhs.data() + n);
    }
    for (size_t j = 0; j < n; ++j) {  // Z = A diag(x), in place
      double* c = A.col(j);
      for (size_t i = 0; i < n; ++i) c[i] *= m.x[j];
    }
    m.Z = std::move(A);
  }

  m.unit = options.default_unit;
  if (auto u_file = member(b, core, "unit")) {
    auto rows = read_small(b, *u_file, 1);
    if (rows.size() != n)
      fail(ErrorKind::input, fmt::format("{}: {} rows, expected {} (regions x sectors)", b.display(*u_file), rows.size(), n));
    for (size_t i = 0; i < n; ++i) {
      const auto& r = rows[i];
      if (r.fields.size() != 3)
        fail_at(r.at, fmt::format("expected 3 fields (region, sector, unit), found {}", r.fields.size()));
      if (r.fields[0] != m.regions[i / m.sectors.size()] || r.fields[1] != m.sectors[i % m.sectors.size()])
        fail_at(r.at, fmt::format("expected row '{}' / '{}' as in Z, found '{}' / '{}'", m.regions[i / m.sectors.size()],
                                  m.sectors[i % m.sectors.size()], r.fields[0], r.fields[1]));
      if (i == 0) m.unit = r.fields[2];
      else if (r.fields[2] != m.unit)
        fail_at({r.at.path, r.at.line, r.fields[0].size() + r.fields[1].size() + 3},
                fmt::format("expected unit '{}' (as on line {}), found '{}'; one monetary unit for all of Z, Y and x",
                            m.unit, rows[0].at.line, r.fields[2]));
    }
  }

  // Extensions: subfolders of the root with an F table.
  std::vector<std::string> dirs;  // in archive order (a folder lists alphabetically)
  for (const auto& rel : b.files()) {
    const std::string d = dirname(rel);
    if (d.empty() || dirname(d) != root || d == root) continue;
    if (std::find(dirs.begin(), dirs.end(), d) == dirs.end()) dirs.push_back(d);
  }
  struct Ext {
    std::string folder;
    std::vector<std::string> names, units;
    Matrix F, F_Y;
  };
  std::vector<Ext> exts;
  for (const auto& d : dirs) {
    Folder f = folder_at(b, d);
    auto f_file = member(b, f, "F");
    if (!f_file) continue;
    Ext e;
    e.folder = basename(d);
    // Stressors may have several index levels (pymrio's own test system: stressor, compartment); the name of a row
    // is its levels joined with " - ", as EXIOBASE writes such names in one level ("CO2 - combustion - air").
    const size_t levels = f.index_cols.count("F") ? f.index_cols.at("F") : 1;
    auto name_of = [&](const TextTable& t, size_t k) {
      std::string nm = t.row_labels[0][k];
      for (size_t l = 1; l < levels; ++l) nm += " - " + t.row_labels[l][k];
      return nm;
    };
    TableSpec fs;
    fs.header_lines = 2;
    fs.index_cols = levels;
    fs.threads = options.threads;
    TextTable F = read_table(b, *f_file, fs);
    expect_two_levels(F, 2);
    detail::expect_grid(F.columns[0], F.columns[1], cols, header_at(F, 0, levels), "column (region, sector)");
    for (size_t k = 0; k < F.values.rows(); ++k) e.names.push_back(name_of(F, k));
    e.F = std::move(F.values);
    auto fy_file = member(b, f, "F_Y");
    if (!fy_file) fy_file = member(b, f, "F_hh");  // EXIOBASE 3.4
    if (fy_file) {
      TableSpec fys = fs;
      fys.rows = e.names.size();
      TextTable FY = read_table(b, *fy_file, fys);
      expect_two_levels(FY, 2);
      detail::expect_grid(FY.columns[0], FY.columns[1], ycols, header_at(FY, 0, levels), "column (region, category)");
      for (size_t k = 0; k < e.names.size(); ++k)
        if (name_of(FY, k) != e.names[k])
          fail_at(FY.row_position(k), fmt::format("expected stressor '{}' as in {}, found '{}'", e.names[k],
                                                  b.display(*f_file), name_of(FY, k)));
      e.F_Y = std::move(FY.values);
    } else {
      e.F_Y = Matrix(e.names.size(), m.Y.cols());
    }
    e.units.assign(e.names.size(), "");
    if (auto u_file = member(b, f, "unit")) {
      auto rows = read_small(b, *u_file, 1);
      if (rows.size() != e.names.size())
        fail(ErrorKind::input, fmt::format("{}: {} units for {} stressors in {}", b.display(*u_file), rows.size(),
                                           e.names.size(), b.display(*f_file)));
      for (size_t k = 0; k < rows.size(); ++k) {
        const auto& r = rows[k];
        if (r.fields.size() != levels + 1)
          fail_at(r.at, fmt::format("expected {} fields ({} index levels and the unit), found {}", levels + 1, levels,
                                    r.fields.size()));
        std::string nm = r.fields[0];
        for (size_t l = 1; l < levels; ++l) nm += " - " + r.fields[l];
        if (nm != e.names[k])
          fail_at(r.at, fmt::format("expected stressor '{}' (row {} of {}), found '{}'; units out of order", e.names[k],
                                    k + 1, b.display(*f_file), nm));
        e.units[k] = r.fields[levels];
      }
    }
    exts.push_back(std::move(e));
  }
  std::map<std::string, int> uses;
  size_t s = 0;
  for (const auto& e : exts) {
    for (const auto& nm : e.names) ++uses[nm];
    s += e.names.size();
  }
  m.F = Matrix(s, n);
  m.F_Y = Matrix(s, m.Y.cols());
  size_t k0 = 0;
  for (const auto& e : exts) {
    for (size_t k = 0; k < e.names.size(); ++k) {
      const std::string& nm = e.names[k];
      m.stressors.push_back({uses[nm] > 1 ? e.folder + "/" + nm : nm, e.units[k], ""});
      for (size_t j = 0; j < n; ++j) m.F(k0 + k, j) = e.F(k, j);
      for (size_t j = 0; j < m.Y.cols(); ++j) m.F_Y(k0 + k, j) = e.F_Y(k, j);
    }
    k0 += e.names.size();
  }
  if (auto meta = b.find(join(root, "metadata.json"))) {
    const json j = parse_json(b, *meta);
    auto field = [&](const char* k) {  // as written, whatever its JSON type
      if (!j.is_object() || !j.contains(k)) return std::string("?");
      return j[k].is_string() ? j[k].get<std::string>() : j[k].dump();
    };
    m.provenance.source = fmt::format("pymrio folder '{}' (name {}, system {}, version {})", path.filename().string(),
                                      field("name"), field("system"), field("version"));
  } else {
    m.provenance.source = fmt::format("pymrio folder '{}'", path.filename().string());
  }
  return m;
}

namespace {

using Body = std::function<void(std::ostream&)>;

// A matrix with `levels` column-label lines and 1 or 2 label columns, the pandas way.
Body table_body(const std::vector<std::pair<std::string, std::vector<std::string>>>& col_levels,
                const std::vector<std::string>& index_names, const std::vector<std::vector<std::string>>& row_labels,
                const std::function<double(size_t, size_t)>& value, size_t rows, bool name_line, int precision) {
  return [=, &col_levels, &row_labels](std::ostream& o) {
    const size_t K = index_names.size();
    const size_t C = col_levels.front().second.size();
    std::string line;
    for (const auto& [name, labels] : col_levels) {
      line = detail::quote_label(name, '\t');
      for (size_t k = 1; k < K; ++k) line += '\t';
      for (const auto& l : labels) line += '\t' + detail::quote_label(l, '\t');
      o << line << '\n';
    }
    if (name_line) {
      line.clear();
      for (size_t k = 0; k < K; ++k) line += (k ? "\t" : "") + detail::quote_label(index_names[k], '\t');
      line.append(C, '\t');
      o << line << '\n';
    }
    for (size_t i = 0; i < rows; ++i) {
      line.clear();
      for (size_t k = 0; k < K; ++k) line += (k ? "\t" : "") + detail::quote_label(row_labels[k][i], '\t');
      for (size_t j = 0; j < C; ++j) {
        line += '\t';
        detail::append_number(line, value(i, j), precision);
      }
      line += '\n';
      o.write(line.data(), std::streamsize(line.size()));
    }
  };
}

std::string file_params(const std::vector<std::tuple<std::string, std::string, int, int>>& files,
                        const std::string& type, const std::string& name) {
  json j;
  j["files"] = json::object();
  for (const auto& [key, file, idx, hdr] : files)
    j["files"][key] = {{"name", file}, {"nr_index_col", std::to_string(idx)}, {"nr_header", std::to_string(hdr)}};
  if (!name.empty()) j["name"] = name;
  j["systemtype"] = type;
  return j.dump(4) + "\n";
}

}  // namespace

void write_pymrio(const Mrio& m, const fs::path& out, const PymrioWrite& o) {
  validate(m, "table to write");
  auto sink = detail::FileSink::create(out);
  const std::string top = o.top_folder.empty() ? "" : o.top_folder + "/";
  const size_t n = m.n(), S = m.sectors.size(), K = m.categories.size(), fd = m.Y.cols();
  std::vector<std::string> reg_n, sec_n, reg_y, cat_y;
  for (size_t i = 0; i < n; ++i) reg_n.push_back(m.regions[i / S]), sec_n.push_back(m.sectors[i % S]);
  for (size_t j = 0; j < fd; ++j) reg_y.push_back(m.regions[j / K]), cat_y.push_back(m.categories[j % K]);
  const std::vector<std::pair<std::string, std::vector<std::string>>> zcols{{"region", reg_n}, {"sector", sec_n}};
  const std::vector<std::pair<std::string, std::vector<std::string>>> ycols{{"region", reg_y}, {"category", cat_y}};
  const std::vector<std::vector<std::string>> rows{reg_n, sec_n};
  std::vector<std::tuple<std::string, std::string, int, int>> files;
  if (o.write_Z) {
    sink->write(top + "Z.txt", table_body(zcols, {"region", "sector"}, rows, [&](size_t i, size_t j) { return m.Z(i, j); },
                                          n, true, o.precision));
    files.emplace_back("Z", "Z.txt", 2, 2);
  }
  if (o.write_A) {
    sink->write(top + "A.txt", table_body(zcols, {"region", "sector"}, rows,
                                          [&](size_t i, size_t j) { return m.x[j] == 0 ? 0.0 : m.Z(i, j) / m.x[j]; }, n,
                                          true, o.precision));
    files.emplace_back("A", "A.txt", 2, 2);
  }
  sink->write(top + "Y.txt", table_body(ycols, {"region", "sector"}, rows, [&](size_t i, size_t j) { return m.Y(i, j); },
                                        n, true, o.precision));
  files.emplace_back("Y", "Y.txt", 2, 2);
  if (o.write_x) {
    const std::vector<std::pair<std::string, std::vector<std::string>>> xcols{{"indout", {""}}};
    sink->write(top + "x.txt", [&](std::ostream& os) {
      std::string line = "region\tsector\tindout\n";
      for (size_t i = 0; i < n; ++i) {
        line += detail::quote_label(reg_n[i], '\t') + '\t' + detail::quote_label(sec_n[i], '\t') + '\t';
        detail::append_number(line, m.x[i], o.precision);
        line += '\n';
      }
      os << line;
    });
    files.emplace_back("x", "x.txt", 2, 1);
  }
  if (o.write_unit) {
    sink->write(top + "unit.txt", [&](std::ostream& os) {
      os << "region\tsector\tunit\n";
      for (size_t i = 0; i < n; ++i)
        os << detail::quote_label(reg_n[i], '\t') << '\t' << detail::quote_label(sec_n[i], '\t') << '\t' << m.unit << '\n';
    });
    files.emplace_back("unit", "unit.txt", 2, 1);
  }
  sink->write_text(top + "file_parameters.json", file_params(files, "IOSystem", ""));
  json meta;
  meta["description"] = "Metadata for pymrio";
  meta["name"] = o.name;
  meta["system"] = o.system;
  meta["version"] = o.version;
  meta["history"] = json::array({"written by worldsys " WORLDSYS_VERSION});
  sink->write_text(top + "metadata.json", meta.dump(4) + "\n");

  // Extensions, in order of first appearance.
  std::vector<std::string> order;
  std::map<std::string, std::vector<size_t>> members;
  for (size_t k = 0; k < m.stressors.size(); ++k) {
    const std::string f = k < o.folder_of_stressor.size() ? o.folder_of_stressor[k] : "satellite";
    if (!members.count(f)) order.push_back(f);
    members[f].push_back(k);
  }
  for (const auto& f : order) {
    const auto& ks = members[f];
    std::vector<std::vector<std::string>> names{{}};
    for (size_t k : ks) names[0].push_back(m.stressors[k].name);
    const std::string dir = top + f + "/";
    sink->write(dir + "F.txt", table_body(zcols, {"stressor"}, names, [&](size_t i, size_t j) { return m.F(ks[i], j); },
                                          ks.size(), o.stressor_name_line, o.precision));
    sink->write(dir + o.final_demand_stressor_file + ".txt",
                table_body(ycols, {"stressor"}, names, [&](size_t i, size_t j) { return m.F_Y(ks[i], j); }, ks.size(),
                           o.stressor_name_line, o.precision));
    sink->write(dir + "unit.txt", [&](std::ostream& os) {
      os << "stressor\tunit\n";
      for (size_t k : ks) os << detail::quote_label(m.stressors[k].name, '\t') << '\t' << m.stressors[k].unit << '\n';
    });
    sink->write_text(dir + "file_parameters.json",
                     file_params({{"F", "F.txt", 1, 2},
                                  {o.final_demand_stressor_file, o.final_demand_stressor_file + ".txt", 1, 2},
                                  {"unit", "unit.txt", 1, 1}},
                                 "Extension", f));
  }
  sink->finish();
}

void export_pymrio(const Mrio& m, const fs::path& dir) {
  PymrioWrite o;
  o.precision = 0;  // shortest exact: pymrio reads the same doubles back
  o.folder_of_stressor.assign(m.stressors.size(), "satellites");
  o.name = m.provenance.source;
  o.version = "worldsys " WORLDSYS_VERSION;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec)))
    fail(ErrorKind::usage, fmt::format("{} already exists; an export never replaces anything: remove it or name a new "
                                       "folder",
                                       dir.string()));
  atomic_write_dir(dir, false, [&](const fs::path& tmp) { write_pymrio(m, tmp, o); });
}

}  // namespace worldsys::io
