#include "worldsys/io/csv.hpp"

#include <fast_float/fast_float.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "worldsys/io/text.hpp"

namespace worldsys::io {

CsvReader::CsvReader(std::string text, std::string path, char separator)
    : text_(std::move(text)), path_(std::move(path)), sep_(separator) {
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  if (const size_t bad = first_invalid_utf8(text_); bad != std::string::npos) {
    const size_t line_start = text_.rfind('\n', bad) == std::string::npos ? 0 : text_.rfind('\n', bad) + 1;
    const size_t line = 1 + size_t(std::count(text_.begin(), text_.begin() + std::ptrdiff_t(bad), '\n'));
    fail_at({path_, line, bad - line_start + 1}, not_utf8_message(text_, bad));
  }
}

bool CsvReader::next() {
  fields_.clear();
  unescaped_.clear();
  const size_t n = text_.size();
  while (pos_ < n) {
    line_ = next_line_;
    size_t line_start = pos_;
    // Skip blank lines.
    if (text_[pos_] == '\n' || text_[pos_] == '\r') {
      if (text_[pos_] == '\r' && pos_ + 1 < n && text_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++next_line_;
      continue;
    }
    while (true) {
      size_t col = pos_ - line_start + 1;
      if (pos_ < n && text_[pos_] == '"') {
        size_t start = ++pos_;
        bool doubled = false;
        while (true) {
          if (pos_ >= n) fail_at({path_, line_, col}, "unterminated quoted field");
          if (text_[pos_] == '"') {
            if (pos_ + 1 < n && text_[pos_ + 1] == '"') {
              doubled = true;
              pos_ += 2;
              continue;
            }
            break;
          }
          if (text_[pos_] == '\n') ++next_line_;
          ++pos_;
        }
        std::string_view raw(text_.data() + start, pos_ - start);
        ++pos_;  // closing quote
        if (doubled) {
          std::string u;
          for (size_t i = 0; i < raw.size(); ++i) {
            u.push_back(raw[i]);
            if (raw[i] == '"') ++i;
          }
          unescaped_.push_back(std::move(u));
          raw = unescaped_.back();
        }
        fields_.push_back({raw, col});
        if (pos_ < n && text_[pos_] != sep_ && text_[pos_] != '\n' && text_[pos_] != '\r')
          fail_at({path_, line_, pos_ - line_start + 1},
                  fmt::format("expected '{}' or end of line after a quoted field, found '{}'", sep_, text_[pos_]));
      } else {
        size_t start = pos_;
        while (pos_ < n && text_[pos_] != sep_ && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
        fields_.push_back({std::string_view(text_.data() + start, pos_ - start), col});
      }
      if (pos_ < n && text_[pos_] == sep_) {
        ++pos_;
        continue;
      }
      break;
    }
    if (pos_ < n && text_[pos_] == '\r') ++pos_;
    if (pos_ < n && text_[pos_] == '\n') ++pos_;
    ++next_line_;
    return true;
  }
  return false;
}

std::string_view CsvReader::field(size_t i) const {
  if (i >= fields_.size())
    fail_at({path_, line_, 1}, fmt::format("expected at least {} fields, found {}", i + 1, fields_.size()));
  return fields_[i].text;
}

Position CsvReader::position(size_t i) const {
  return {path_, line_, i < fields_.size() ? fields_[i].column : 1};
}

double CsvReader::number(size_t i) const { return parse_number(field(i), position(i)); }

int CsvReader::integer(size_t i) const {
  const double v = number(i);
  // Checked before the conversion: int(v) of a double outside int's range is undefined.
  if (!(v >= double(std::numeric_limits<int>::min()) && v <= double(std::numeric_limits<int>::max())) || v != std::floor(v))
    fail_at(position(i), fmt::format("expected a whole number, found '{}'", field(i)));
  return int(v);
}

void CsvReader::expect_fields(size_t n, std::string_view what) const {
  if (fields_.size() != n)
    fail_at({path_, line_, 1}, fmt::format("expected {} fields ({}), found {}", n, what, fields_.size()));
}

CsvReader open_csv(const std::filesystem::path& path, std::initializer_list<std::string_view> header) {
  CsvReader r(read_text(path), path.string());
  if (!r.next()) fail(ErrorKind::input, fmt::format("{}: empty file; expected a header row", path.string()));
  size_t i = 0;
  for (auto name : header) {
    if (i >= r.size() || r.field(i) != name)
      fail_at(r.position(std::min(i, r.size() - 1)),
              fmt::format("expected column {} to be '{}', found '{}'", i + 1, name, i < r.size() ? r.field(i) : ""));
    ++i;
  }
  return r;
}

double optional_number(const CsvReader& r, size_t i) {
  const auto f = r.field(i);
  if (f.empty() || f == "NA" || f == "NaN") return NAN;
  return r.number(i);
}

double parse_number(std::string_view s, const Position& where) {
  std::string_view t = s;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double v = 0;
  auto r = fast_float::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size())
    fail_at(where, fmt::format("expected a number, found '{}'", std::string(s.substr(0, 40))));
  return v;
}

CsvHeader::CsvHeader(const CsvReader& r) : at_{r.path(), r.line(), 1} {
  for (size_t i = 0; i < r.size(); ++i) index_.emplace(std::string(r.field(i)), i);
}

size_t CsvHeader::operator[](std::string_view name) const {
  const auto it = index_.find(std::string(name));
  if (it == index_.end()) fail_at(at_, fmt::format("no column '{}' in the header", name));
  return it->second;
}

}  // namespace worldsys::io
