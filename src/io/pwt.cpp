#include "worldsys/io/pwt.hpp"

#include <fmt/format.h>
#include <lzma.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>
#include <regex>

#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/region_codes.hpp"
#include "worldsys/io/text.hpp"
#include "io/rdata_memory.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

std::optional<double> Pwt::get(const std::string& iso3, int year, const std::string& variable) const {
  auto v = values.find(variable);
  if (v == values.end()) return std::nullopt;
  auto c = v->second.find(iso3);
  if (c == v->second.end()) return std::nullopt;
  auto y = c->second.find(year);
  if (y == c->second.end()) return std::nullopt;
  return y->second;
}

std::vector<std::string> Pwt::countries(const std::string& variable) const {
  std::vector<std::string> out;
  auto v = values.find(variable);
  if (v != values.end())
    for (const auto& [iso, _] : v->second) out.push_back(iso);
  return out;
}

namespace {

std::string read_binary(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) fail(ErrorKind::input, fmt::format("{}: cannot open", p.string()));
  return std::string(std::istreambuf_iterator<char>(in), {});
}

uint32_t be32(const std::string& s, size_t at, const std::string& what) {
  if (at + 4 > s.size()) fail(ErrorKind::input, fmt::format("{}: truncated at byte {}", what, at));
  const auto* b = reinterpret_cast<const unsigned char*>(s.data() + at);
  return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

// A minimal reader of R's XDR serialization, enough for a lazy-load index: named lists of integer vectors.
struct RObject {
  int type = 0;
  std::vector<int> ints;
  std::vector<std::string> strings;
  std::vector<RObject> items;
  std::vector<std::string> names;
};

class RReader {
 public:
  RReader(const std::string& s, std::string what) : s_(s), what_(std::move(what)) {
    if (s_.compare(0, 2, "X\n") != 0) fail(ErrorKind::input, what_ + ": not an R XDR serialization");
    pos_ = 2;
    const uint32_t version = next();
    next();
    next();
    if (version == 3) pos_ += next();  // native encoding
  }
  RObject item() {
    const uint32_t flags = next();
    const int type = flags & 0xFF;
    const bool attr = flags & (1u << 9), tag = flags & (1u << 10);
    RObject o;
    o.type = type;
    switch (type) {
      case 254:
        return o;  // NULL
      case 255: {  // reference to a symbol seen before (1-based)
        uint32_t idx = flags >> 8;
        if (idx == 0) idx = next();
        if (idx == 0 || idx > refs_.size()) fail(ErrorKind::input, what_ + ": bad reference in R serialization");
        o.strings.push_back(refs_[idx - 1]);
        return o;
      }
      case 1: {  // symbol: a CHARSXP follows
        RObject c = item();
        o.strings = c.strings;
        refs_.push_back(c.strings.empty() ? "" : c.strings[0]);
        return o;
      }
      case 9: {  // CHARSXP
        const int32_t len = static_cast<int32_t>(next());
        if (len >= 0 && size_t(len) > s_.size() - pos_)
          fail(ErrorKind::input, fmt::format("{}: string of {} bytes runs past the end at byte {}", what_, len, pos_));
        if (len >= 0) {
          o.strings.push_back(s_.substr(pos_, len));
          pos_ += len;
        } else {
          o.strings.push_back("");
        }
        return o;
      }
      case 2: {  // pairlist: attributes, tag, car, cdr
        if (attr) item();
        std::string name;
        if (tag) {
          RObject t = item();
          if (!t.strings.empty()) name = t.strings[0];
        }
        o.items.push_back(item());
        o.names.push_back(name);
        RObject rest = item();
        // The rest of a pairlist is a pairlist (names as long as items), but a damaged file may put another object
        // there, with fewer names than items.
        for (size_t i = 0; i < rest.items.size(); ++i) {
          o.items.push_back(std::move(rest.items[i]));
          o.names.push_back(i < rest.names.size() ? rest.names[i] : "");
        }
        return o;
      }
      case 13: {
        const uint32_t n = next();
        for (uint32_t i = 0; i < n; ++i) o.ints.push_back(static_cast<int32_t>(next()));
        break;
      }
      case 16: {
        const uint32_t n = next();
        for (uint32_t i = 0; i < n; ++i) {
          RObject c = item();
          if (c.strings.empty()) fail(ErrorKind::input, fmt::format("{}: a string vector holds a non-string", what_));
          o.strings.push_back(std::move(c.strings[0]));
        }
        break;
      }
      case 19: {
        const uint32_t n = next();
        for (uint32_t i = 0; i < n; ++i) o.items.push_back(item());
        break;
      }
      default:
        fail(ErrorKind::input, fmt::format("{}: unexpected R object type {} in the index", what_, type));
    }
    if (attr) {
      RObject a = item();
      for (size_t i = 0; i < a.items.size() && i < a.names.size(); ++i)
        if (a.names[i] == "names") o.names = a.items[i].strings;
    }
    return o;
  }

 private:
  uint32_t next() {
    const uint32_t v = be32(s_, pos_, what_);
    pos_ += 4;
    return v;
  }
  const std::string& s_;
  std::string what_;
  std::vector<std::string> refs_;
  size_t pos_ = 0;
};

std::string inflate_zlib(const std::string& in, size_t out_len, const std::string& what) {
  std::string out(out_len, '\0');
  uLongf len = out_len;
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(in.data()), in.size()) !=
          Z_OK ||
      len != out_len)
    fail(ErrorKind::input, what + ": corrupt zlib block");
  return out;
}

// R compresses lazy-load entries with xz as a raw LZMA2 stream (preset 9e).
std::string inflate_xz_raw(const std::string& in, size_t out_len, const std::string& what) {
  lzma_options_lzma opt;
  lzma_lzma_preset(&opt, 9 | LZMA_PRESET_EXTREME);
  lzma_filter filters[] = {{LZMA_FILTER_LZMA2, &opt}, {LZMA_VLI_UNKNOWN, nullptr}};
  lzma_stream st = LZMA_STREAM_INIT;
  if (lzma_raw_decoder(&st, filters) != LZMA_OK) fail(ErrorKind::input, what + ": cannot start the xz decoder");
  std::string out(out_len, '\0');
  st.next_in = reinterpret_cast<const uint8_t*>(in.data());
  st.avail_in = in.size();
  st.next_out = reinterpret_cast<uint8_t*>(out.data());
  st.avail_out = out.size();
  const lzma_ret r = lzma_code(&st, LZMA_FINISH);
  const size_t got = out.size() - st.avail_out;
  lzma_end(&st);
  if ((r != LZMA_OK && r != LZMA_STREAM_END) || got != out_len) fail(ErrorKind::input, what + ": corrupt xz block");
  return out;
}

// One entry of an R lazy-load data base: 4-byte length, then a type byte ('Z' xz, '0' none) or a zlib stream.
std::string lazyload_entry(const std::string& rdb, uint32_t offset, uint32_t length, const std::string& what) {
  if (size_t(offset) + length > rdb.size()) fail(ErrorKind::input, what + ": index points past the end of Rdata.rdb");
  const std::string block = rdb.substr(offset, length);
  const uint32_t out_len = be32(block, 0, what);
  // R's compressors never expand data by more than this: a larger claim is damage, not data to allocate for.
  if (out_len > std::max<size_t>(size_t(1) << 20, size_t(length) * 1024))
    fail(ErrorKind::input, fmt::format("{}: an entry of {} bytes claims {} bytes inflated; the index or data base is "
                                       "damaged", what, length, out_len));
  const char type = block.size() > 4 ? block[4] : 0;
  if (type == '0' && block.size() - 5 < out_len) fail(ErrorKind::input, what + ": truncated uncompressed entry");
  if (type == 'Z') return inflate_xz_raw(block.substr(5), out_len, what);
  if (type == '0') return block.substr(5, out_len);
  if (type == '2') fail(ErrorKind::input, what + ": bzip2-compressed R data is not supported");
  return inflate_zlib(block.substr(4), out_len, what);
}

// A data frame as librdata hands it over: columns first (factors with their levels), names at the end.
struct Frame : detail::RdataSink {
  std::vector<std::vector<double>> num;
  std::vector<std::vector<std::string>> text;  // factor/string columns as labels, empty for numeric ones
  std::vector<std::string> labels;             // levels of the next factor column
  std::vector<std::string> names;
};
void on_column(Frame& f, rdata_type_t type, const void* data, long count) {
  const size_t n = f.checked_count(count, "a column");
  std::vector<double> num;
  std::vector<std::string> text;
  if (type == RDATA_TYPE_REAL) {
    const double* d = static_cast<const double*>(data);
    num.assign(d, d + n);
  } else if (type == RDATA_TYPE_INT32) {
    const int32_t* d = static_cast<const int32_t*>(data);
    for (size_t i = 0; i < n; ++i) {
      if (!f.labels.empty())
        text.push_back(d[i] >= 1 && size_t(d[i]) <= f.labels.size() ? f.labels[d[i] - 1] : "");
      else
        num.push_back(d[i] == INT_MIN ? NAN : double(d[i]));
    }
  } else {
    num.assign(n, NAN);
  }
  f.labels.clear();
  f.num.push_back(std::move(num));
  f.text.push_back(std::move(text));
}
void handlers(rdata_parser_t* p) {
  rdata_set_column_handler(p, [](const char*, rdata_type_t type, void* data, long count, void* ctx) {
    return detail::guarded<Frame>(ctx, [&](Frame& f) { on_column(f, type, data, count); });
  });
  rdata_set_value_label_handler(p, [](const char* v, int, void* ctx) {
    return detail::guarded<Frame>(ctx, [&](Frame& f) { f.labels.emplace_back(v ? v : ""); });
  });
  rdata_set_text_value_handler(p, [](const char* v, int index, void* ctx) {
    return detail::guarded<Frame>(ctx, [&](Frame& f) {  // character columns arrive value by value
      if (index == 0 || f.text.empty()) {
        f.num.emplace_back();
        f.text.emplace_back();
      }
      f.text.back().emplace_back(v ? v : "");
    });
  });
  rdata_set_column_name_handler(p, [](const char* v, int, void* ctx) {
    return detail::guarded<Frame>(ctx, [&](Frame& f) { f.names.emplace_back(v ? v : ""); });
  });
}

Frame parse_rds(const std::string& bytes, const std::string& what) {
  Frame f;
  const rdata_error_t e = detail::parse_rdata_memory(bytes, what, f, &f, handlers);
  if (e != RDATA_OK) fail(ErrorKind::input, fmt::format("{}: librdata: {}", what, rdata_error_message(e)));
  if (f.names.size() != f.num.size())
    fail(ErrorKind::input, fmt::format("{}: {} column names for {} columns", what, f.names.size(), f.num.size()));
  return f;
}

}  // namespace

Pwt read_pwt91(const fs::path& dir) {
  const fs::path data = fs::exists(dir / "data" / "Rdata.rdx") ? dir / "data" : dir;
  const fs::path rdx = data / "Rdata.rdx", rdb = data / "Rdata.rdb";
  if (!fs::exists(rdx) || !fs::exists(rdb))
    fail(ErrorKind::input, fmt::format("{}: no Rdata.rdx/Rdata.rdb; install Debian's r-cran-pwt9 (PWT 9.1) or name "
                                       "its folder",
                                       dir.string()));
  const std::string index_text = read_text(rdx);  // gzip-compressed serialization
  RReader idx(index_text, rdx.string());
  const RObject top = idx.item();
  const RObject* vars = nullptr;
  for (size_t i = 0; i < top.items.size(); ++i)
    if (i < top.names.size() && top.names[i] == "variables") vars = &top.items[i];
  if (!vars) fail(ErrorKind::input, rdx.string() + ": no 'variables' in the lazy-load index");
  const RObject* entry = nullptr;
  for (size_t i = 0; i < vars->items.size(); ++i)
    if (i < vars->names.size() && vars->names[i] == "pwt9.1") entry = &vars->items[i];
  if (!entry || entry->ints.size() != 2)
    fail(ErrorKind::input, rdx.string() + ": no data set 'pwt9.1' in this package (is it r-cran-pwt9?)");
  const std::string bytes = lazyload_entry(read_binary(rdb), entry->ints[0], entry->ints[1], rdb.string());
  const Frame f = parse_rds(bytes, rdb.string() + " (pwt9.1)");

  auto col = [&](const std::string& name) -> size_t {
    for (size_t i = 0; i < f.names.size(); ++i)
      if (f.names[i] == name) return i;
    fail(ErrorKind::input, fmt::format("{}: pwt9.1 has no column '{}'", rdb.string(), name));
  };
  const auto& iso = f.text[col("isocode")];
  const auto& year = f.num[col("year")];
  Pwt pwt;
  pwt.source = "Penn World Table 9.1 (Feenstra, Inklaar & Timmer 2015; Debian r-cran-pwt9)";
  for (size_t c = 0; c < f.names.size(); ++c) {
    if (!f.text[c].empty()) continue;
    auto& var = pwt.values[f.names[c]];
    for (size_t r = 0; r < f.num[c].size() && r < iso.size(); ++r)
      if (std::isfinite(f.num[c][r])) var[iso[r]][int(year[r])] = f.num[c][r];
  }
  return pwt;
}

Pwt read_pwt_open_numbers(const fs::path& dir) {
  Pwt pwt;
  pwt.source = "Penn World Table 10.01 (open-numbers DDF subset)";
  const std::regex pat(R"(ddf--datapoints--(\w+)--by--country--year\.csv)");
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::smatch m;
    const std::string name = e.path().filename().string();
    if (!std::regex_match(name, m, pat)) continue;
    const std::string var = m[1];
    auto& out = pwt.values[var];
    CsvReader csv(read_text(e.path()), e.path().string());
    csv.next();
    while (csv.next()) {
      csv.expect_fields(3, "country,year,value");
      if (csv.field(2).empty()) continue;
      std::string iso(csv.field(0));
      std::transform(iso.begin(), iso.end(), iso.begin(), ::toupper);
      out[iso][csv.integer(1)] = csv.number(2);
    }
  }
  if (pwt.values.empty())
    fail(ErrorKind::input, fmt::format("{}: no ddf--datapoints--*--by--country--year.csv files", dir.string()));
  return pwt;
}

Pwt read_pwt(const fs::path& dir) {
  accept_input(dir);
  if (fs::exists(dir / "data" / "Rdata.rdx") || fs::exists(dir / "Rdata.rdx")) return read_pwt91(dir);
  return read_pwt_open_numbers(dir);
}

}  // namespace worldsys::io

namespace worldsys::io {

double us_gdp_deflator(const Pwt& pwt, int year) {
  const auto c = pwt.get("USA", year, "cgdpo"), p = pwt.get("USA", year, "pl_gdpo"), r = pwt.get("USA", year, "rgdpna");
  if (!c || !p || !r)
    fail(ErrorKind::input, fmt::format("{}: no cgdpo, pl_gdpo or rgdpna for USA {}", pwt.source, year));
  return *c * *p / *r;
}

double usd_per_unit(const Pwt& pwt, const std::string& unit, int year, std::string& usd_unit) {
  // "M USD", "M.EUR", "USD": the last word is the currency, what comes before it the scale.
  const size_t cut = unit.find_last_of(" .");
  const std::string currency = cut == std::string::npos ? unit : unit.substr(cut + 1);
  const std::string scale = cut == std::string::npos ? "" : unit.substr(0, cut);
  if (scale != "" && scale != "k" && scale != "M" && scale != "bn")
    fail(ErrorKind::usage, fmt::format("the table's money unit '{}' has a scale worldsys does not know (k, M, bn)", unit));
  usd_unit = scale.empty() ? "USD" : scale + " USD";
  if (currency == "USD") return 1;
  if (currency != "EUR")
    fail(ErrorKind::usage,
         fmt::format("the table's money unit '{}' is not in a currency worldsys converts (USD, EUR); constant US "
                     "dollars would mislabel it. Leave out --constant-prices",
                     unit));
  const auto xr = year >= 1999 ? pwt.get("DEU", year, "xr") : std::nullopt;
  if (!xr || *xr <= 0) {
    int last = 0;
    if (pwt.has("xr") && pwt.values.at("xr").count("DEU"))
      for (const auto& [y, v] : pwt.values.at("xr").at("DEU")) last = std::max(last, y);
    fail(ErrorKind::usage, fmt::format("no EUR/USD market rate for {} in {} (its euro rates run 1999-{}); a table in "
                                       "euros cannot be put into US dollars of that year: leave out --constant-prices",
                                       year, pwt.source, last));
  }
  return 1 / *xr;
}

double real_growth(const Pwt& pwt, const std::vector<std::string>& regions, const std::vector<bool>& in_group,
                   int year) {
  std::vector<std::string> iso, members;
  for (const auto& r : regions) iso.push_back(country_iso3(r).value_or(r));  // AT, ROM, CN1 read as countries
  const auto& known = pwt.values.count("rgdpna") ? pwt.values.at("rgdpna") : decltype(pwt.values)::mapped_type{};
  if (known.empty()) fail(ErrorKind::usage, fmt::format("{} has no rgdpna", pwt.source));
  for (size_t r = 0; r < regions.size(); ++r) {
    if (!in_group[r]) continue;
    if (known.count(iso[r])) {
      members.push_back(iso[r]);
      continue;
    }
    for (const auto& [c, _] : known)  // the rest of the world
      if (std::find(iso.begin(), iso.end(), c) == iso.end()) members.push_back(c);
  }
  double now = 0, before = 0;
  for (const auto& c : members) {
    const auto a = pwt.get(c, year, "rgdpna"), b = pwt.get(c, year - 1, "rgdpna");
    if (a && b) now += *a, before += *b;  // the same countries in both years
  }
  if (before <= 0)
    fail(ErrorKind::input, fmt::format("{}: no rgdpna for the group in {}-{}", pwt.source, year - 1, year));
  return now / before - 1;
}

std::string weight_for(const std::string& v) {
  if (v == "pl_da") return "cda";
  if (v == "pl_con" || v == "pl_c") return "ccon";
  return "cgdpo";
}

RegionPrices region_price_levels(const Pwt& pwt, const std::vector<std::string>& regions, int year,
                                 const std::string& variable, const std::string& weight) {
  if (!pwt.has(variable)) fail(ErrorKind::usage, fmt::format("{} has no variable '{}'", pwt.source, variable));
  if (!pwt.has(weight)) fail(ErrorKind::usage, fmt::format("{} has no variable '{}'", pwt.source, weight));
  RegionPrices out;
  std::vector<std::string> iso;
  for (const auto& r : regions) iso.push_back(country_iso3(r).value_or(r));  // AT, ROM, CN1 read as countries
  for (size_t r = 0; r < regions.size(); ++r) {
    const auto pl = pwt.get(iso[r], year, variable), w = pwt.get(iso[r], year, weight);
    if (pl && w) {
      out.level.push_back(*pl);
      out.weight.push_back(*w);
      out.note.emplace_back();
      continue;
    }
    if (!pwt.countries(variable).empty() && pwt.values.at(variable).count(iso[r]))
      fail(ErrorKind::input, fmt::format("{}: no {} or {} for {} in {}", pwt.source, variable, weight, iso[r], year));
    // Not a PWT country (RoW): the rest of the world's aggregate level.
    double num = 0, den = 0;
    size_t n = 0;
    for (const auto& c : pwt.countries(variable)) {
      if (std::find(iso.begin(), iso.end(), c) != iso.end()) continue;
      const auto p = pwt.get(c, year, variable), ww = pwt.get(c, year, weight);
      if (!p || !ww) continue;
      num += *p * *ww, den += *ww, ++n;
    }
    if (den <= 0)
      fail(ErrorKind::input,
           fmt::format("{}: no {} for any country outside the table in {}", pwt.source, variable, year));
    out.level.push_back(num / den);
    out.weight.push_back(den);
    out.note.push_back(fmt::format("{}-weighted aggregate of {} {} countries not in the table", weight, n, pwt.source));
  }
  return out;
}

}  // namespace worldsys::io
