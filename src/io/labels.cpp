#include "io/labels.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace worldsys::io::detail {

Grid grid_of(const std::vector<std::string>& outer, const std::vector<std::string>& inner,
             const std::function<Position(size_t, int)>& at, const std::string& what) {
  Grid g;
  const size_t n = outer.size();
  if (n == 0) fail(ErrorKind::input, fmt::format("{}: no {} labels", at(0, 0).path, what));
  size_t I = 0;
  while (I < n && outer[I] == outer[0]) ++I;
  g.inner.assign(inner.begin(), inner.begin() + long(I));
  for (size_t j = 0; j < n; j += I) g.outer.push_back(outer[j]);
  if (n % I != 0)
    fail_at(at(n - 1, 0), fmt::format("{} {} labels do not form a grid of {} per {}; labels out of order?", n, what, I,
                                   outer[0]));
  expect_grid(outer, inner, g, at, what);
  return g;
}

void expect_grid(const std::vector<std::string>& outer, const std::vector<std::string>& inner, const Grid& g,
                 const std::function<Position(size_t, int)>& at, const std::string& what) {
  const size_t I = g.inner.size(), n = g.outer.size() * I;
  if (outer.size() != n)
    fail_at(at(std::min(outer.size(), n), 0), fmt::format("{} {} labels, expected {} ({} x {}); a file of another "
                                                       "release or size?",
                                                       outer.size(), what, n, g.outer.size(), I));
  for (size_t j = 0; j < n; ++j) {
    const auto& o = g.outer[j / I];
    const auto& i = g.inner[j % I];
    if (outer[j] != o || inner[j] != i)
      fail_at(at(j, outer[j] != o ? 0 : 1), fmt::format("expected {} label '{}' / '{}', found '{}' / '{}'; labels out of order or from "
                                 "another release",
                                 what, o, i, outer[j], inner[j]));
  }
}

std::pair<std::string, std::string> split_first(const std::string& s, char c) {
  const size_t k = s.find(c);
  if (k == std::string::npos) return {s, ""};
  return {s.substr(0, k), s.substr(k + 1)};
}

void append_number(std::string& out, double v, int precision) {
  char buf[64];
  if (std::isnan(v)) return;  // pandas writes NaN as an empty field
  if (precision == 0) {
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
  } else {
    const int k = std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    out.append(buf, size_t(k));
  }
}

std::string quote_label(const std::string& s, char sep) {
  if (s.find_first_of(std::string{sep, '"', '\n', '\r'}) == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + '"';
}

}  // namespace worldsys::io::detail
