#include "worldsys/io/table_writer.hpp"

#include <fmt/compile.h>
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

// CSV cells into one buffer, handed to the stream a megabyte at a time: no string or stream call per cell. Numbers
// as fmt's "{}" writes them (shortest round trip, exponent outside [1e-4, 1e16)), with the format compiled in.
class CsvBuffer {
 public:
  explicit CsvBuffer(std::ostream& out) : out_(out), buf_(kSize), p_(buf_.data()) {}
  ~CsvBuffer() { flush(); }
  void text(const std::string& s) {
    room(2 * s.size() + 2);
    char* start = p_;
    bool quote = false;
    for (char c : s) {  // copied as it is checked; quoted (and copied again) only if it must be
      quote |= c == ',' || c == '"' || c == '\n' || c == '\r';
      *p_++ = c;
    }
    if (!quote) return;
    p_ = start;
    *p_++ = '"';
    for (char c : s) {
      if (c == '"') *p_++ = '"';
      *p_++ = c;
    }
    *p_++ = '"';
  }
  void number(double v) {
    room(32);
    if (!std::isnan(v)) p_ = fmt::format_to(p_, FMT_COMPILE("{}"), v);  // NaN: missing, as pandas reads it
  }
  void put(char c) {
    room(1);
    *p_++ = c;
  }
  void flush() {
    out_.write(buf_.data(), std::streamsize(p_ - buf_.data()));
    p_ = buf_.data();
  }

 private:
  static constexpr size_t kSize = 1 << 20;
  void room(size_t n) {
    if (size_t(buf_.data() + buf_.size() - p_) >= n) return;
    flush();
    if (buf_.size() < n) buf_.resize(n), p_ = buf_.data();
  }
  std::ostream& out_;
  std::vector<char> buf_;
  char* p_;
};

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
  CsvBuffer buf(out);
  const auto& cols = t.columns();
  for (size_t c = 0; c < cols.size(); ++c) {
    if (c) buf.put(',');
    buf.text(cols[c].name);
  }
  buf.put('\n');
}

void csv_rows(std::ostream& out, const Table& t) {
  CsvBuffer buf(out);
  const auto& cols = t.columns();
  for (size_t r = 0; r < t.rows(); ++r) {
    for (size_t c = 0; c < cols.size(); ++c) {
      if (c) buf.put(',');
      cols[c].numeric ? buf.number(cols[c].num[r]) : buf.text(cols[c].text[r]);
    }
    buf.put('\n');
  }
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
