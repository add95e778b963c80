#pragma once
// A small, fast CSV tokenizer over an in-memory text: RFC 4180 quoting, CRLF, a UTF-8 BOM, and numbers parsed
// with fast_float. Every error names path:line:column and the offending text.
#include <deque>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "worldsys/core/error.hpp"

namespace worldsys::io {

class CsvReader {
 public:
  CsvReader(std::string text, std::string path, char separator = ',');

  // Advances to the next non-empty row; false at the end of the text.
  bool next();
  size_t size() const { return fields_.size(); }
  std::string_view field(size_t i) const;
  // The field as a double; an input error at its position when it is not a number.
  double number(size_t i) const;
  // The field as a whole number in int's range (a year, a count); an input error at its position otherwise.
  int integer(size_t i) const;
  Position position(size_t i) const;
  size_t line() const { return line_; }
  const std::string& path() const { return path_; }
  // Fails unless the row has exactly `n` fields, naming what was expected.
  void expect_fields(size_t n, std::string_view what) const;

 private:
  struct Field {
    std::string_view text;
    size_t column;
  };
  std::string text_;
  std::string path_;
  char sep_;
  size_t pos_ = 0;
  size_t line_ = 0;
  size_t next_line_ = 1;
  std::vector<Field> fields_;
  std::deque<std::string> unescaped_;  // quoted fields with doubled quotes (a deque keeps views valid)
};

// Reads a CSV file and its header row; with `header`, checks that the columns start with those names (an input
// error at the first one that differs).
CsvReader open_csv(const std::filesystem::path& path, std::initializer_list<std::string_view> header = {});
// Field i as a number, or NaN where published tables leave a value out (empty, "NA", "NaN").
double optional_number(const CsvReader& r, size_t i);

// Parses a whole number-or-fail string, e.g. a year; `what` names it in the error.
double parse_number(std::string_view s, const Position& where);

// Column positions by header name, read from the current row (the header), so that readers survive reordered
// columns; a missing name is an input error at the header's line.
class CsvHeader {
 public:
  explicit CsvHeader(const CsvReader& r);
  size_t operator[](std::string_view name) const;
  bool has(std::string_view name) const { return index_.count(std::string(name)) > 0; }

 private:
  std::map<std::string, size_t> index_;
  Position at_;
};

}  // namespace worldsys::io
