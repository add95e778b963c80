// WIOD 2016 world-table fixtures as R data (../shared/formats/wiod2016.md sections 1, 2, 4): WIOTS_in_R.zip holding
// WIOTYYYY_October16_ROW.RData, gzip-compressed like R's save(), one data.frame `wiot` with the five meta columns,
// value columns REG1..REGS, REG(S+1)..REG(S+5), TOT, and the eight summary rows with Country TOT. Written with
// librdata's writer.
#include <fmt/format.h>
#include <rdata/rdata.h>
#include <zlib.h>

#include "io/file_sink.hpp"
#include "io/fixture_writers.hpp"
#include "worldsys/io/text.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::io::detail {

namespace fs = std::filesystem;

Fixture wiod2016_fixture(const fs::path& dir, const FixtureOptions& o) {
  auto regions = take_labels({"AUS", "AUT", "BEL", "BGR", "BRA", "CAN", "CHE", "CHN"}, o.regions, "R{:02}");
  regions.back() = "ROW";
  const auto sectors = take_labels({"A01", "A02", "A03", "B", "C10-C12", "C13-C15", "C31_C32", "U"}, o.sectors, "S{}");
  const std::vector<std::string> fd = {"CONS_h", "CONS_np", "CONS_g", "GFCF", "INVEN"};
  std::vector<Stressor> st;
  for (const char* s : {"TXSP", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM"}) st.push_back({s, "M USD", "WIOD 2016 summary row"});
  Mrio m = random_mrio(regions, sectors, fd, st, o.seed);
  m.unit = "M USD";
  for (size_t i = 0; i < sectors.size(); ++i) m.sector_names[i] = "Description of " + sectors[i];
  const size_t R = regions.size(), S = sectors.size(), K = fd.size(), n = m.n();
  const std::vector<std::string> summary = {"II_fob", "TXSP", "EXP_adj", "PURR", "PURNR", "VA", "IntTTM", "GO"};
  const int32_t rows = int32_t(n + summary.size());

  std::string bytes;
  rdata_writer_t* w = rdata_writer_init(
      [](const void* data, size_t len, void* ctx) -> ssize_t {
        static_cast<std::string*>(ctx)->append(static_cast<const char*>(data), len);
        return ssize_t(len);
      },
      RDATA_WORKSPACE);
  std::vector<rdata_column_t*> cols;
  for (const char* c : {"IndustryCode", "IndustryDescription", "Country"}) cols.push_back(rdata_add_column(w, c, RDATA_TYPE_STRING));
  for (const char* c : {"RNr", "Year"}) cols.push_back(rdata_add_column(w, c, RDATA_TYPE_INT32));
  for (size_t j = 0; j < n; ++j) cols.push_back(rdata_add_column(w, fmt::format("{}{}", regions[j / S], j % S + 1).c_str(), RDATA_TYPE_REAL));
  for (size_t q = 0; q < R * K; ++q)
    cols.push_back(rdata_add_column(w, fmt::format("{}{}", regions[q / K], S + 1 + q % K).c_str(), RDATA_TYPE_REAL));
  cols.push_back(rdata_add_column(w, "TOT", RDATA_TYPE_REAL));
  rdata_begin_file(w, &bytes);
  rdata_begin_table(w, "wiot");
  auto text_col = [&](rdata_column_t* c, const std::function<std::string(size_t)>& v) {
    rdata_begin_column(w, c, rows);
    for (size_t i = 0; i < size_t(rows); ++i) rdata_append_string_value(w, v(i).c_str());
    rdata_end_column(w, c);
  };
  text_col(cols[0], [&](size_t i) { return i < n ? sectors[i % S] : summary[i - n]; });
  text_col(cols[1], [&](size_t i) { return i < n ? m.sector_names[i % S] : "Summary " + summary[i - n] + " "; });
  text_col(cols[2], [&](size_t i) { return i < n ? regions[i / S] : std::string("TOT"); });
  rdata_begin_column(w, cols[3], rows);
  for (size_t i = 0; i < size_t(rows); ++i) rdata_append_int32_value(w, int32_t(i < n ? i % S + 1 : 65 + (i - n)));
  rdata_end_column(w, cols[3]);
  rdata_begin_column(w, cols[4], rows);
  for (int32_t i = 0; i < rows; ++i) rdata_append_int32_value(w, o.year);
  rdata_end_column(w, cols[4]);
  const auto zc = m.Z.col_sums();
  auto value_col = [&](rdata_column_t* c, const std::function<double(size_t)>& body, const std::function<double(size_t)>& sum) {
    rdata_begin_column(w, c, rows);
    for (size_t i = 0; i < size_t(rows); ++i) rdata_append_real_value(w, i < n ? body(i) : sum(i - n));
    rdata_end_column(w, c);
  };
  for (size_t j = 0; j < n; ++j)
    value_col(cols[5 + j], [&](size_t i) { return m.Z(i, j); }, [&](size_t s) {
      return s == 0 ? zc[j] : s == summary.size() - 1 ? m.x[j] : m.F(s - 1, j);
    });
  for (size_t q = 0; q < R * K; ++q)
    value_col(cols[5 + n + q], [&](size_t i) { return m.Y(i, q); }, [&](size_t s) {
      return s == 0 || s == summary.size() - 1 ? 0.0 : m.F_Y(s - 1, q);
    });
  value_col(cols.back(), [&](size_t i) { return m.x[i]; }, [](size_t) { return 0.0; });
  rdata_end_table(w, rows, "data.frame");
  rdata_end_file(w);
  rdata_writer_free(w);

  Fixture fx;
  const std::string member = fmt::format("WIOT{}_October16_ROW.RData", o.year);
  fx.path = o.unpacked ? dir / member : dir / "WIOTS_in_R.zip";
  auto sink = FileSink::create(o.unpacked ? dir : fx.path);
  sink->write_text(member, gzip(bytes));
  sink->finish();
  m.provenance.year = o.year;
  fx.expected = std::move(m);
  return fx;
}

}  // namespace worldsys::io::detail
