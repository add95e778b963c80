#include "worldsys/io/text_table.hpp"
#include "worldsys/io/text.hpp"

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <new>
#include <thread>

#include "io/line_buffer.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/linalg/threads.hpp"

namespace worldsys::io {

namespace {

using detail::LineBuffer;
using detail::trim_cr;

constexpr size_t kBlock = 32;  // rows parsed row-major, then scattered to columns

// Byte offsets (0-based) of the fields of a line, for column numbers in messages.
size_t field_offset(std::string_view line, char sep, size_t field) {
  size_t k = 0;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (k == field) return i;
    if (line[i] == '"') quoted = !quoted;
    else if (line[i] == sep && !quoted) ++k;
  }
  return line.size();
}

std::string quote_excerpt(std::string_view s) {
  std::string out(s.substr(0, 40));
  if (s.size() > 40) out += "...";
  return out;
}

struct Sink {
  TextTable& t;
  const TableSpec& spec;
  size_t ncols;
  bool direct;                 // values go by blocks of rows straight into t.values (rows known) or to spec.on_rows
  std::vector<double> rowmajor;  // otherwise: rows appended here, transposed at the end
};

// Parses lines [p, end) which are rows first_row.. of the table.
void parse_part(Sink& s, const char* p, const char* end, size_t first_row) {
  const size_t K = s.spec.index_cols, C = s.ncols;
  const char sep = s.spec.sep;
  std::vector<double> block;
  if (s.direct) block.resize(kBlock * C);
  size_t row = first_row, block_start = first_row, in_block = 0;
  size_t empties = 0;
  auto flush = [&] {
    if (s.spec.on_rows) {
      if (in_block) s.spec.on_rows(block_start, in_block, block.data(), C);
      block_start += in_block;
      in_block = 0;
      return;
    }
    for (size_t j = 0; j < C; ++j) {
      double* col = s.t.values.col(j) + block_start;
      for (size_t r = 0; r < in_block; ++r) col[r] = block[r * C + j];
    }
    block_start += in_block;
    in_block = 0;
  };
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p)));
    const char* le = nl;
    if (le > p && le[-1] == '\r') --le;
    const std::string_view line(p, size_t(le - p));
    auto where = [&](const char* at) {
      return Position{s.t.name, s.t.first_data_line + row, size_t(at - p) + 1};
    };
    if (line.empty()) fail_at(where(p), "empty line inside the table; expected a row of labels and numbers");
    const char* q = p;
    // Label columns (quotes allowed).
    for (size_t k = 0; k < K; ++k) {
      std::string label;
      if (q < le && *q == '"') {
        const char* r = q + 1;
        while (true) {
          const char* e = static_cast<const char*>(std::memchr(r, '"', size_t(le - r)));
          if (!e) fail_at(where(q), "unterminated quoted label");
          label.append(r, e);
          if (e + 1 < le && e[1] == '"') {
            label += '"';
            r = e + 2;
            continue;
          }
          q = e + 1;
          break;
        }
      } else {
        const char* e = static_cast<const char*>(std::memchr(q, sep, size_t(le - q)));
        if (!e) e = le;
        label.assign(q, e);
        q = e;
      }
      s.t.row_labels[k][row] = std::move(label);
      if (q >= le) {
        if (k + 1 < K + C)
          fail_at(where(q), fmt::format("expected {} fields ({} labels and {} numbers), found {}", K + C, K, C, k + 1));
      } else if (*q != sep) {
        fail_at(where(q), fmt::format("expected '{}' after a label, found '{}'", sep == '\t' ? "TAB" : ",", *q));
      } else {
        ++q;
      }
    }
    double* out = s.direct ? block.data() + in_block * C : s.rowmajor.data() + row * C;
    for (size_t j = 0; j < C; ++j) {
      if (j > 0) {
        if (q >= le) {
          fail_at(where(q), fmt::format("expected {} fields ({} labels and {} numbers), found {}; truncated row or "
                                        "a file of another release?",
                                        K + C, K, C, K + j));
        }
        ++q;  // the separator, checked below when the number ended
      }
      double v;
      if (q == le || *q == sep) {
        if (!s.spec.empty_is_zero) fail_at(where(q), "expected a number, found an empty field");
        v = 0.0;
        ++empties;
      } else {
        const char* start = q;
        const char* stop = q;
        bool quoted = *q == '"';
        if (quoted) ++start;
        if (*start == '+') ++start;
        auto r = fast_float::from_chars(start, le, v);
        stop = r.ptr;
        if (quoted && stop < le && *stop == '"') ++stop;
        if (r.ec != std::errc() || (stop != le && *stop != sep)) {
          const char* e = static_cast<const char*>(std::memchr(q, sep, size_t(le - q)));
          if (!e) e = le;
          fail_at(where(q), fmt::format("expected a number, found '{}'", quote_excerpt(std::string_view(q, size_t(e - q)))));
        }
        // Every cell is checked, also those a reader then drops (totals it recomputes, blocks it skips): NaN, inf
        // or 1e400 in a published table is a broken file, said here with its line and column.
        if (!std::isfinite(v))
          fail_at(where(q), fmt::format("expected a finite number, found '{}'",
                                        quote_excerpt(std::string_view(q, size_t(stop - q)))));
        q = stop;
      }
      out[j] = v;
    }
    if (q != le)
      fail_at(where(q), fmt::format("expected {} fields ({} labels and {} numbers), found more; a file of another "
                                    "release or the wrong separator?",
                                    K + C, K, C));
    ++row;
    if (s.direct && ++in_block == kBlock) flush();
    p = nl + 1;
  }
  if (s.direct) flush();
  if (empties) {
    static std::mutex mu;
    std::lock_guard lock(mu);
    s.t.empty_cells += empties;
  }
}

size_t count_lines(const char* p, size_t n) {
  size_t c = 0;
  const char* end = p + n;
  while ((p = static_cast<const char*>(std::memchr(p, '\n', size_t(end - p))))) ++c, ++p;
  return c;
}

}  // namespace

std::vector<std::string> split_line(std::string_view line, char sep) {
  std::vector<std::string> out;
  size_t i = 0;
  while (true) {
    std::string f;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            f += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        f += line[i++];
      }
      while (i < line.size() && line[i] != sep) ++i;
    } else {
      const size_t e = std::min(line.find(sep, i), line.size());
      f.assign(line.substr(i, e - i));
      i = e;
    }
    out.push_back(std::move(f));
    if (i >= line.size()) break;
    ++i;  // separator
  }
  return out;
}

Position TextTable::row_position(size_t i, size_t) const { return {name, first_data_line + i, 1}; }
Position TextTable::header_position(size_t line, size_t field) const {
  if (line >= header_text.size()) return {name, line + 1, 1};
  return {name, line + 1, field_offset(header_text[line], sep, field) + 1};
}

TextTable read_table(ByteSource& src, const TableSpec& spec) {
  TextTable t;
  t.name = src.name();
  LineBuffer lb(src);
  std::string_view line;
  size_t line_no = 0;
  t.sep = spec.sep;
  auto& header_text = t.header_text;
  for (size_t h = 0; h < spec.header_lines; ++h) {
    if (!lb.take_line(line))
      fail(ErrorKind::input, fmt::format("{}: {} lines, expected {} header lines and data; truncated?", t.name,
                                         line_no, spec.header_lines));
    ++line_no;
    header_text.emplace_back(line);
    t.header.push_back(split_line(line, spec.sep));
    auto& fields = t.header.back();
    if (fields.size() < spec.index_cols)
      fail_at({t.name, line_no, 1}, fmt::format("expected at least {} label fields in a header line, found {}",
                                                spec.index_cols, fields.size()));
    t.columns.emplace_back(fields.begin() + long(spec.index_cols), fields.end());
    if (h > 0 && t.columns[h].size() != t.columns[0].size())
      fail_at({t.name, line_no, 1}, fmt::format("header line {} has {} column labels, line 1 has {}", h + 1,
                                                t.columns[h].size(), t.columns[0].size()));
  }
  size_t ncols = spec.header_lines ? t.columns[0].size() : spec.cols;
  // The optional index-name line: label fields then only empty fields.
  if (lb.complete() == 0) lb.fill();
  if (spec.header_lines && spec.index_name_line && lb.complete() > 0) {
    const char* p = lb.data();
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', lb.complete()));
    std::string_view next = trim_cr(std::string_view(p, size_t(nl - p)));
    auto f = split_line(next, spec.sep);
    bool all_empty = f.size() >= spec.index_cols;
    for (size_t k = spec.index_cols; all_empty && k < f.size(); ++k) all_empty = f[k].empty();
    if (all_empty && f.size() > spec.index_cols) {
      lb.consume(size_t(nl - p) + 1);
      ++line_no;
    }
  }
  t.first_data_line = line_no + 1;
  if (ncols == 0 && lb.complete() > 0) {
    const char* p = lb.data();
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', lb.complete()));
    auto f = split_line(trim_cr(std::string_view(p, size_t(nl - p))), spec.sep);
    if (f.size() <= spec.index_cols)
      fail_at({t.name, line_no + 1, 1}, fmt::format("expected labels and numbers, found {} fields", f.size()));
    ncols = f.size() - spec.index_cols;
  }

  const size_t want_rows = spec.square ? ncols : spec.rows;
  const bool streamed = bool(spec.on_rows);
  Sink sink{t, spec, ncols, want_rows > 0 || streamed, {}};
  t.row_labels.assign(spec.index_cols, {});
  if (streamed) {
    t.values = Matrix(0, ncols);
    for (auto& l : t.row_labels) l.resize(want_rows);
  } else if (sink.direct) {
    try {
      t.values = Matrix(want_rows, ncols);
      for (auto& l : t.row_labels) l.resize(want_rows);
    } catch (const std::bad_alloc&) {
      fail(ErrorKind::io, fmt::format("{}: a {} x {} table needs {:.1f} GB of memory, more than is available; is the "
                                      "header that of another file?",
                                      t.name, want_rows, ncols, double(want_rows) * double(ncols) * 8e-9));
    }
  }
  const unsigned threads = spec.threads ? spec.threads : std::max(1u, std::thread::hardware_concurrency());
  size_t rows = 0;
  size_t blank_at = 0;  // line of the first of the trailing blank lines seen so far (0 = none)
  while (lb.complete() > 0 || lb.fill()) {
    const char* p = lb.data();
    const size_t full = lb.complete();
    // Blank lines at the end of the file are allowed (exports often add one); inside the table they are not.
    size_t n = full, blanks = 0;
    while (n > 0) {
      size_t b = n - 1;
      while (b > 0 && p[b - 1] != '\n') --b;
      bool blank = true;
      for (size_t i = b; i + 1 < n; ++i) blank = blank && p[i] == '\r';
      if (!blank) break;
      n = b, ++blanks;
    }
    if (n > 0 && blank_at)
      fail_at({t.name, blank_at, 1}, "empty line inside the table; expected a row of labels and numbers");
    if (n == 0) {
      if (blanks && !blank_at) blank_at = t.first_data_line + rows;
      lb.consume(full);
      continue;
    }
    // Split at line starts into one part per thread; count each part's lines to know its first row.
    const size_t parts = n < (size_t(1) << 20) ? 1 : threads;
    std::vector<const char*> cut{p};
    for (size_t k = 1; k < parts; ++k) {
      const char* guess = std::max(cut.back(), p + n * k / parts);
      const char* nl = static_cast<const char*>(std::memchr(guess, '\n', size_t(p + n - guess)));
      cut.push_back(nl ? nl + 1 : p + n);
    }
    cut.push_back(p + n);
    std::vector<size_t> start(parts);
    std::vector<size_t> counts(parts);
    parallel_for(parts, [&](size_t k) { counts[k] = count_lines(cut[k], size_t(cut[k + 1] - cut[k])); }, threads);
    size_t acc = rows;
    for (size_t k = 0; k < parts; ++k) start[k] = acc, acc += counts[k];
    if (want_rows > 0 && acc > want_rows) {
      const size_t line_at = t.first_data_line + want_rows;
      fail_at({t.name, line_at, 1}, fmt::format("more rows than the {} expected; a file of another release?", want_rows));
    }
    if (want_rows == 0) {
      try {
        for (auto& l : t.row_labels) l.resize(acc);
        if (!sink.direct) sink.rowmajor.resize(acc * ncols);
      } catch (const std::bad_alloc&) {
        fail(ErrorKind::io, fmt::format("{}: {} rows x {} columns do not fit in memory; is the header that of another "
                                        "file?",
                                        t.name, acc, ncols));
      }
    }
    parallel_for(parts, [&](size_t k) { parse_part(sink, cut[k], cut[k + 1], start[k]); }, threads);
    rows = acc;
    if (blanks) blank_at = t.first_data_line + rows;
    lb.consume(full);
  }
  if (want_rows > 0 && rows != want_rows)
    fail(ErrorKind::input, fmt::format("{}: {} data rows, expected {}; is the file truncated?", t.name, rows, want_rows));
  // Labels are UTF-8 (JSON, the report and Python need them so); the numbers are ASCII by the parser's rules.
  for (size_t h = 0; h < t.header.size(); ++h)
    for (size_t f = 0; f < t.header[h].size(); ++f)
      if (const size_t bad = first_invalid_utf8(t.header[h][f]); bad != std::string::npos)
        fail_at(t.header_position(h, f), not_utf8_message(t.header[h][f], bad));
  for (size_t k = 0; k < t.row_labels.size(); ++k)
    for (size_t i = 0; i < t.row_labels[k].size(); ++i)
      if (const size_t bad = first_invalid_utf8(t.row_labels[k][i]); bad != std::string::npos)
        fail_at(t.row_position(i, k), not_utf8_message(t.row_labels[k][i], bad));
  if (!sink.direct) {
    t.values = Matrix(rows, ncols);
    for (size_t i = 0; i < rows; ++i)
      for (size_t j = 0; j < ncols; ++j) t.values(i, j) = sink.rowmajor[i * ncols + j];
  }
  return t;
}

TextTable read_table(const Bundle& b, const std::string& rel, const TableSpec& spec) {
  auto src = b.open(rel);
  return read_table(*src, spec);
}

}  // namespace worldsys::io
