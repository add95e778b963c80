#include "worldsys/io/table_writer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"

namespace worldsys::io {

TableFormat parse_table_format(const std::string& name) {
  if (name == "csv") return TableFormat::csv;
  if (name == "json") return TableFormat::json;
  if (name == "table") return TableFormat::table;
  fail(ErrorKind::usage, fmt::format("unknown format '{}'; use csv, json or table", name));
}

namespace {

void append_csv_text(fmt::memory_buffer& buf, const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return buf.append(s);
  buf.push_back('"');
  for (char c : s) {
    if (c == '"') buf.push_back('"');
    buf.push_back(c);
  }
  buf.push_back('"');
}

void append_csv_number(fmt::memory_buffer& buf, double v) {
  if (!std::isnan(v)) fmt::format_to(fmt::appender(buf), "{}", v);  // NaN: missing, as pandas reads it
}

std::string human_number(double v) {
  if (std::isnan(v)) return "-";
  if (v == 0) return "0";
  if (v == std::round(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);  // years, counts, whole units
  const double a = std::fabs(v);
  if (a >= 1e15 || a < 1e-4) return fmt::format("{:.5e}", v);
  // Six significant digits, without a trailing decimal point.
  int decimals = std::max(0, 5 - int(std::floor(std::log10(a))));
  return fmt::format("{:.{}f}", v, decimals);
}

void csv_header(std::ostream& out, const Table& t) {
  fmt::memory_buffer buf;
  const auto& cols = t.columns();
  for (size_t c = 0; c < cols.size(); ++c) {
    if (c) buf.push_back(',');
    append_csv_text(buf, cols[c].name);
  }
  buf.push_back('\n');
  out.write(buf.data(), std::streamsize(buf.size()));
}

// Cells go into one buffer, handed to the stream a megabyte at a time: no string or stream call per cell.
void csv_rows(std::ostream& out, const Table& t) {
  const auto& cols = t.columns();
  fmt::memory_buffer buf;
  for (size_t r = 0; r < t.rows(); ++r) {
    for (size_t c = 0; c < cols.size(); ++c) {
      if (c) buf.push_back(',');
      cols[c].numeric ? append_csv_number(buf, cols[c].num[r]) : append_csv_text(buf, cols[c].text[r]);
    }
    buf.push_back('\n');
    if (buf.size() >= (1 << 20)) {
      out.write(buf.data(), std::streamsize(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), std::streamsize(buf.size()));
}

// Records as nlohmann's dump(1) of the whole array writes them: one space deeper than dump(1) of the record.
void json_rows(std::ostream& out, const Table& t, size_t before) {
  for (size_t r = 0; r < t.rows(); ++r) {
    nlohmann::ordered_json row;
    for (const auto& c : t.columns()) {
      if (!c.numeric)
        row[c.name] = c.text[r];
      else if (std::isfinite(c.num[r]))
        row[c.name] = c.num[r];
      else
        row[c.name] = nullptr;
    }
    std::string text = row.dump(1);
    out << (before + r ? ",\n " : "[\n ");
    for (char ch : text) {
      out << ch;
      if (ch == '\n') out << ' ';
    }
  }
}

void write_human(std::ostream& out, const Table& t) {
  const auto& cols = t.columns();
  std::vector<std::vector<std::string>> cells(cols.size());
  std::vector<size_t> width(cols.size());
  for (size_t c = 0; c < cols.size(); ++c) {
    width[c] = cols[c].name.size();
    for (size_t r = 0; r < t.rows(); ++r) {
      cells[c].push_back(cols[c].numeric ? human_number(cols[c].num[r]) : cols[c].text[r]);
      width[c] = std::max(width[c], cells[c].back().size());
    }
  }
  auto line = [&](auto get) {
    std::string s;
    for (size_t c = 0; c < cols.size(); ++c) {
      const std::string v = get(c);
      if (c) s += "  ";
      s += cols[c].numeric ? std::string(width[c] - v.size(), ' ') + v : v + std::string(width[c] - v.size(), ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << '\n';
  };
  line([&](size_t c) { return cols[c].name; });
  line([&](size_t c) { return std::string(width[c], '-'); });
  for (size_t r = 0; r < t.rows(); ++r) line([&](size_t c) { return cells[c][r]; });
}

}  // namespace

void TableStream::write(const Table& chunk) {
  if (format_ == TableFormat::table) {
    if (!started_)
      kept_ = chunk;
    else
      append(kept_, chunk);
  } else if (format_ == TableFormat::csv) {
    if (!started_) csv_header(out_, chunk);
    csv_rows(out_, chunk);
  } else {
    json_rows(out_, chunk, rows_);
  }
  started_ = true;
  rows_ += chunk.rows();
}

void TableStream::finish() {
  if (format_ == TableFormat::table) return write_human(out_, kept_);
  if (format_ == TableFormat::json) out_ << (rows_ ? "\n]\n" : "[]\n");
}

void write_table(std::ostream& out, const Table& t, TableFormat f) {
  TableStream s(out, f);
  s.write(t);
  s.finish();
}

void write_table_file(const std::filesystem::path& path, const Table& t, TableFormat f) {
  write_table_file(path, f, [&](const TableSink& sink) { sink(t); });
}

void write_table_file(const std::filesystem::path& path, TableFormat f,
                      const std::function<void(const TableSink&)>& produce) {
  atomic_write_file(path, [&](const std::filesystem::path& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    if (!out) fail(ErrorKind::io, fmt::format("{}: cannot create file", path.string()));
    TableStream s(out, f);
    produce([&](const Table& chunk) {
      s.write(chunk);
      if (!out) fail(ErrorKind::io, fmt::format("{}: write failed (disk full?)", path.string()));
    });
    s.finish();
    out.flush();
    if (!out) fail(ErrorKind::io, fmt::format("{}: write failed (disk full?)", path.string()));
  });
}

}  // namespace worldsys::io
