// WIOD 2016 release world input-output tables as R data (WIOTS_in_R.zip -> WIOTYYYY_October16_ROW.RData, one
// data.frame named `wiot`), read with librdata: columns IndustryCode, IndustryDescription, Country, RNr, Year, then
// AUS1 ... ROW56 (intermediate use), AUS57 ... ROW61 (final demand: CONS_h, CONS_np, CONS_g, GFCF, INVEN) and TOT;
// 2464 product rows then 8 summary rows with Country TOT (II_fob, TXSP, EXP_adj, PURR, PURNR, VA, IntTTM, GO).
// x is the GO row; TXSP ... IntTTM are stressors in M USD. Layout notes: ../shared/formats/wiod2016.md section 4.
#include <fmt/format.h>

#include <cstring>
#include <map>
#include <regex>

#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/text.hpp"
#include "io/rdata_memory.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

struct Column {
  std::string name;
  rdata_type_t type;
  std::vector<double> num;
  std::vector<std::string> text;
};

struct Frame : detail::RdataSink {
  std::vector<std::string> tables;
  std::vector<Column> cols;
  std::vector<std::string> names;
};

void handlers(rdata_parser_t* p) {
  rdata_set_table_handler(p, [](const char* n, void* ctx) {
    return detail::guarded<Frame>(ctx, [&](Frame& f) { f.tables.push_back(n ? n : ""); });
  });
  rdata_set_column_handler(p, [](const char* n, rdata_type_t type, void* data, long count, void* ctx) {
    return detail::guarded<Frame>(ctx, [&](Frame& f) {
      Column c{n ? n : "", type, {}, {}};
      const size_t k = f.checked_count(count, "a column");
      if (type == RDATA_TYPE_REAL) c.num.assign(static_cast<double*>(data), static_cast<double*>(data) + k);
      if (type == RDATA_TYPE_INT32 || type == RDATA_TYPE_LOGICAL)
        c.num.assign(static_cast<int32_t*>(data), static_cast<int32_t*>(data) + k);
      if (type == RDATA_TYPE_STRING) c.text.resize(k);  // the values follow, one callback each
      f.cols.push_back(std::move(c));
    });
  });
  rdata_set_text_value_handler(p, [](const char* v, int index, void* ctx) {
    return detail::guarded<Frame>(ctx, [&](Frame& f) {
      if (!f.cols.empty() && size_t(index) < f.cols.back().text.size()) f.cols.back().text[size_t(index)] = v ? v : "";
    });
  });
  rdata_set_column_name_handler(p, [](const char* v, int index, void* ctx) {
    return detail::guarded<Frame>(ctx, [&](Frame& f) {
      const size_t i = f.checked_count(index, "a column name index");
      if (f.names.size() <= i) f.names.resize(i + 1);
      f.names[i] = v ? v : "";
    });
  });
}

Frame parse_rdata(const std::string& bytes, const std::string& name) {
  if (bytes.size() < 5 || (bytes.compare(0, 4, "RDX2") != 0 && bytes.compare(0, 4, "RDX3") != 0))
    fail(ErrorKind::input, fmt::format("{}: not an R data file (expected 'RDX2' or 'RDX3' after gzip; bzip2/xz "
                                       "compressed files are not read, re-save with compress = TRUE)",
                                       name));
  Frame f;
  const rdata_error_t rc = detail::parse_rdata_memory(bytes, name, f, &f, handlers);
  if (rc != RDATA_OK)
    fail(ErrorKind::input, fmt::format("{}: cannot read the R data ({}); truncated or not an R data file?", name,
                                       rdata_error_message(rc)));
  for (size_t k = 0; k < f.cols.size() && k < f.names.size(); ++k)
    if (f.cols[k].name.empty()) f.cols[k].name = f.names[k];
  return f;
}

}  // namespace

Mrio read_wiod2016(const fs::path& source, const ImportOptions& options) {
  auto b = Bundle::open(source);
  const std::string member = b->select(R"(wiot\d{4}_october16_row\.rdata)", options.year,
                                       "WIOD 2016 R data file (WIOTYYYY_October16_ROW.RData)");
  const std::string where = b->display(member);
  const Frame f = parse_rdata(gunzip_if_gzip(b->read_all(member), where), where);
  if (std::find(f.tables.begin(), f.tables.end(), "wiot") == f.tables.end())
    fail(ErrorKind::input, fmt::format("{}: no data frame named 'wiot' (found: {})", where, fmt::join(f.tables, ", ")));
  std::map<std::string, const Column*> by_name;
  for (const auto& c : f.cols) by_name[c.name] = &c;
  auto need = [&](const char* n, bool text) -> const Column& {
    auto it = by_name.find(n);
    if (it == by_name.end()) fail(ErrorKind::input, fmt::format("{}: wiot has no column '{}'", where, n));
    if (text != (it->second->type == RDATA_TYPE_STRING))
      fail(ErrorKind::input, fmt::format("{}: column '{}' should be {}", where, n, text ? "text" : "numeric"));
    return *it->second;
  };
  const Column& code = need("IndustryCode", true);
  const Column& country = need("Country", true);
  const Column& desc = need("IndustryDescription", true);
  const size_t rows = code.text.size();

  Mrio m;
  m.unit = "M USD";
  std::vector<size_t> z_rows;
  std::map<std::string, size_t> tot;
  for (size_t i = 0; i < rows; ++i) {
    if (country.text[i] == "TOT") {
      tot[code.text[i]] = i;
      continue;
    }
    if (m.regions.empty() || m.regions.back() != country.text[i]) m.regions.push_back(country.text[i]);
    if (m.regions.size() == 1) m.sectors.push_back(code.text[i]), m.sector_names.push_back(desc.text[i]);
    z_rows.push_back(i);
  }
  const size_t S = m.sectors.size(), n = m.regions.size() * S;
  if (z_rows.size() != n)
    fail(ErrorKind::input, fmt::format("{}: {} product rows, expected {} regions x {} sectors; countries out of order?",
                                       where, z_rows.size(), m.regions.size(), S));
  for (size_t k = 0; k < n; ++k) {
    const size_t i = z_rows[k];
    if (country.text[i] != m.regions[k / S] || code.text[i] != m.sectors[k % S])
      fail(ErrorKind::input, fmt::format("{}: row {} is {} {}, expected {} {} (region-major, sectors as for {})", where,
                                         i + 1, country.text[i], code.text[i], m.regions[k / S], m.sectors[k % S],
                                         m.regions[0]));
  }
  m.categories = {"CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"};
  const size_t K = m.categories.size();
  std::map<std::string, size_t> region_index;
  for (size_t r = 0; r < m.regions.size(); ++r) region_index[m.regions[r]] = r;
  m.Z = Matrix(n, n);
  m.Y = Matrix(n, m.regions.size() * K);
  if (!tot.count("GO")) fail(ErrorKind::input, fmt::format("{}: no summary row GO (output)", where));
  const std::vector<std::string> extra = {"TXSP", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM"};
  for (const auto& e : extra)
    if (tot.count(e)) m.stressors.push_back({e, m.unit, "WIOD 2016 summary row"});
  m.F = Matrix(m.stressors.size(), n);
  m.F_Y = Matrix(m.stressors.size(), m.Y.cols());
  m.x.assign(n, 0.0);
  static const std::regex col_re(R"(([A-Z]{3})(\d+))");
  std::vector<int> seen(n + m.Y.cols(), 0);
  for (const auto& c : f.cols) {
    std::smatch mm;
    if (!std::regex_match(c.name, mm, col_re)) continue;
    auto ri = region_index.find(mm[1]);
    const size_t k = std::stoul(mm[2]);
    if (ri == region_index.end() || k == 0 || k > S + K)
      fail(ErrorKind::input, fmt::format("{}: column '{}' is not a region of the rows with a number 1..{}", where, c.name, S + K));
    if (c.type != RDATA_TYPE_REAL && c.type != RDATA_TYPE_INT32)
      fail(ErrorKind::input, fmt::format("{}: column '{}' should be numeric", where, c.name));
    const bool fd = k > S;
    const size_t j = fd ? ri->second * K + (k - S - 1) : ri->second * S + (k - 1);
    ++seen[fd ? n + j : j];
    Matrix& dst = fd ? m.Y : m.Z;
    for (size_t q = 0; q < n; ++q) dst(q, j) = c.num[z_rows[q]];
    for (size_t s = 0; s < m.stressors.size(); ++s) (fd ? m.F_Y : m.F)(s, j) = c.num[tot[m.stressors[s].name]];
    if (!fd) m.x[j] = c.num[tot["GO"]];
  }
  for (size_t j = 0; j < seen.size(); ++j)
    if (seen[j] != 1)
      fail(ErrorKind::input, fmt::format("{}: column {}{} appears {} times, expected once", where,
                                         m.regions[j < n ? j / S : (j - n) / K], j < n ? j % S + 1 : S + 1 + (j - n) % K,
                                         seen[j]));
  std::smatch mm;
  if (std::regex_search(member, mm, std::regex(R"(WIOT(\d{4}))", std::regex::icase))) m.provenance.year = std::stoi(mm[1]);
  m.provenance.source = fmt::format("WIOD 2016 release world input-output table ({})", where);
  m.provenance.licence = "CC BY 4.0; cite Timmer, Dietzenbacher, Los, Stehrer & de Vries (2015), Rev. Int. Econ. 23:575-605";
  validate(m, where);
  return m;
}

}  // namespace worldsys::io
