#pragma once
// A grammar-aware mutation for the CSV-based inputs: one line or field changed as a careless or hostile editor
// would change it, the file's structure kept. libFuzzer's byte mutations seldom turn a valid file into one with a
// share of 1.5, an empty country code or "inf" in a cell the reader drops; these reach the checks of meaning.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace worldsys::fuzz {

inline std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back().push_back(c);
  }
  return out;
}

inline std::string join(const std::vector<std::string>& parts, char sep) {
  std::string s;
  for (size_t i = 0; i < parts.size(); ++i) s += (i ? std::string(1, sep) : "") + parts[i];
  return s;
}

// Mutates data[skip..size) in place; returns the new size, or 0 when the result would not fit in max_size.
inline size_t mutate_csv(uint8_t* data, size_t size, size_t max_size, unsigned seed, size_t skip) {
  static const char* const kValues[] = {"",     "nan",   "NaN",      "inf",   "-inf", "1e400", "-1",   "0",    "1.5",
                                        "2",    "-0",    "1e-320",   "\"a,b\"", "\"", "NA",    " 1",   "1 ",   "0x10",
                                        "1e308", "-1e308", "99999999999999999999", "\xff", "\xc3\xa9", "10", "0.999",
                                        "1.0000001", "\"\"", "*"};
  if (size < skip) return 0;
  std::minstd_rand rng(seed);
  auto pick = [&](size_t n) { return n ? size_t(rng() % n) : 0; };
  std::vector<std::string> lines = split(std::string(reinterpret_cast<char*>(data) + skip, size - skip), '\n');
  const size_t first = lines.size() > 1 ? 1 : 0;  // the header stays unless it is all there is
  const size_t at = first + pick(lines.size() - first);
  std::vector<std::string> fields = split(lines[at], ',');
  switch (rng() % 6) {
    case 0: case 1:  // a field's value (twice as likely: most checks of meaning are per value)
      fields[pick(fields.size())] = kValues[pick(std::size(kValues))];
      lines[at] = join(fields, ',');
      break;
    case 2:  // a line twice
      lines.insert(lines.begin() + long(at), lines[at]);
      break;
    case 3:  // a line gone
      if (lines.size() > 1) lines.erase(lines.begin() + long(at));
      break;
    case 4:  // a field gone, or one more
      if (rng() % 2 && fields.size() > 1) fields.erase(fields.begin() + long(pick(fields.size())));
      else fields.insert(fields.begin() + long(pick(fields.size() + 1)), kValues[pick(std::size(kValues))]);
      lines[at] = join(fields, ',');
      break;
    default: {  // two fields swapped
      const size_t a = pick(fields.size()), b = pick(fields.size());
      std::swap(fields[a], fields[b]);
      lines[at] = join(fields, ',');
    }
  }
  const std::string out = join(lines, '\n');
  if (skip + out.size() > max_size) return 0;
  std::memcpy(data + skip, out.data(), out.size());
  return skip + out.size();
}

}  // namespace worldsys::fuzz
