// Every table format's reader (`worldsys import FORMAT`: EXIOBASE 3 in four release layouts, pymrio folder and
// zip, OECD ICIO 2016-2023 incl. nested bundles, FIGARO, Eora26, GLORIA with its ReadMe .xlsx, WIOD 2016 R data,
// generic YAML+CSV) on fixtures in which one file, or one member of a zip, is replaced by the fuzz input. So the
// label and block logic of each reader, its header checks and the .xlsx, zip and R data layers all see damaged
// bytes inside an otherwise valid source. The first byte picks the file (index into the sorted list below);
// each reader must answer with a worldsys::Error or a table, nothing else.
//
// With WORLDSYS_FUZZ_SEEDS=DIR set, the target writes its seed corpus (every fixture file unchanged, behind its
// selector byte; gzip files inflated, as the readers accept either) into DIR and exits: scripts/fuzz.sh does that.
#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "csv_mutator.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/text.hpp"

namespace fs = std::filesystem;
using namespace worldsys;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void put(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

// One place the fuzz input goes: a fixture file, or a member of a zip fixture file.
struct Entry {
  std::string format;
  io::ImportOptions options;
  fs::path source;    // what import_table is given
  fs::path file;      // the file on disk that is changed
  std::string member; // zip member replaced, or empty for the whole file
  std::string saved;  // the file's original bytes (restored after every input)
  std::string seed;   // the valid content at that place
};

std::vector<std::string> zip_members(const std::string& bytes, std::vector<std::string>* contents) {
  std::vector<std::string> names;
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* za = src ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
  if (!za) {
    if (src) zip_source_free(src);
    return names;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    zip_stat_t st;
    if (zip_stat_index(za, i, 0, &st) != 0 || std::string(st.name).ends_with("/")) continue;
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen_index(za, i, 0);
    if (!f) continue;
    zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    names.push_back(st.name);
    contents->push_back(std::move(data));
  }
  zip_close(za);
  return names;
}

// Writes `zip_bytes` to `path` with `member` replaced by `body`.
void put_member(const fs::path& path, const std::string& zip_bytes, const std::string& member, const std::string& body) {
  put(path, zip_bytes);
  int e = 0;
  zip_t* za = zip_open(path.c_str(), 0, &e);
  if (!za) std::abort();
  zip_source_t* s = zip_source_buffer(za, body.data(), body.size(), 0);
  if (!s || zip_file_add(za, member.c_str(), s, ZIP_FL_OVERWRITE) < 0) std::abort();
  if (zip_close(za) != 0) std::abort();
}

std::vector<Entry> make_entries() {
  const fs::path root = fs::temp_directory_path() / ("worldsys-fuzz-formats-" + std::to_string(::getpid()));
  struct Kind {
    std::string format, variant;
    bool unpacked;
  };
  const std::vector<Kind> kinds = {
      {"exiobase3", "3.8", true},     {"exiobase3", "3.9", true},        {"exiobase3", "3.9a", true},
      {"exiobase3", "3.4", true},     {"pymrio", "folder", true},        {"pymrio", "zip", false},
      {"oecd-icio", "2023", true},    {"oecd-icio", "2023nested", true}, {"oecd-icio", "2023sml", true},
      {"oecd-icio", "2021", true},    {"oecd-icio", "2018", true},       {"oecd-icio", "2016", true},
      {"figaro", "ind-by-ind", true}, {"figaro", "prod-by-prod", true},  {"figaro", "sut", true},
      {"figaro", "flat-sut", true},
      {"eora26", "bp", true},
      {"eora26", "indices", false},    {"gloria", "059", true},           {"wiod2016", "rdata", true},
      {"generic", "joined", true},    {"generic", "split", true}};
  std::vector<Entry> out;
  for (const auto& k : kinds) {
    const fs::path dir = root / (k.format + "-" + k.variant);
    io::FixtureOptions fo;
    fo.regions = 2;
    fo.sectors = 2;
    fo.variant = k.variant;
    fo.unpacked = k.unpacked;
    const io::Fixture fx = io::write_fixture(k.format, dir, fo);
    io::ImportOptions opt;
    opt.threads = 1;
    if (k.format == "figaro") opt.system = k.variant.starts_with("flat-") ? k.variant.substr(5) : k.variant;
    io::import_table(k.format, fx.path, opt);  // the unchanged fixture must read: else the harness is wrong
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file()) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      const std::string bytes = slurp(f);
      Entry whole{k.format, opt, fx.path, f, "", bytes, bytes};
      if (bytes.starts_with("\x1f\x8b")) whole.seed = io::gunzip_if_gzip(bytes, f.string());
      out.push_back(whole);
      if (!bytes.starts_with("PK\x03\x04")) continue;
      std::vector<std::string> contents;
      const auto names = zip_members(bytes, &contents);
      for (size_t i = 0; i < names.size(); ++i) out.push_back({k.format, opt, fx.path, f, names[i], bytes, contents[i]});
    }
  }
  if (out.size() > 256) std::abort();  // one selector byte
  return out;
}

const std::vector<Entry>& entries() {
  static const std::vector<Entry> e = make_entries();
  return e;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* seeds = std::getenv("WORLDSYS_FUZZ_SEEDS");
  if (!seeds) return 0;
  fs::create_directories(seeds);
  const auto& es = entries();
  for (size_t i = 0; i < es.size(); ++i) {
    std::string name = es[i].file.filename().string() + (es[i].member.empty() ? "" : "-" + es[i].member);
    std::replace_if(name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)) && c != '.'; }, '_');
    put(fs::path(seeds) / (std::to_string(i) + "-" + name), std::string(1, char(i)) + es[i].seed);
  }
  std::printf("%zu seeds in %s\n", es.size(), seeds);
  std::exit(0);
}

namespace {

// A table imported without an error is one the accounts can use: it validates, and every number in it is finite
// (a reader that drops a column must still have refused a NaN there). Anything else aborts (a finding).
void require_meaningful(const Mrio& m) {
  try {
    validate(m, "the imported table");
  } catch (const Error& e) {
    std::fprintf(stderr, "semantic property broken: imported, then invalid: %s\n", e.what());
    std::abort();
  }
  for (const Matrix* M : {&m.Z, &m.Y, &m.F, &m.F_Y})
    for (size_t i = 0; i < M->size(); ++i)
      if (!std::isfinite(M->data()[i])) {
        std::fprintf(stderr, "semantic property broken: a non-finite number in an imported table\n");
        std::abort();
      }
}

}  // namespace

// Half the mutations of a CSV or text member keep its structure and change a value's meaning
// (fuzz/csv_mutator.hpp); the rest are libFuzzer's own.
extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned seed) {
  if (size > 1 && seed % 2 == 0) {
    const Entry& e = entries()[data[0] % entries().size()];
    const std::string name = e.member.empty() ? e.file.filename().string() : e.member;
    if (name.ends_with(".csv") || name.ends_with(".txt"))
      if (const size_t n = worldsys::fuzz::mutate_csv(data, size, max_size, seed / 2, 1)) return n;
  }
  return LLVMFuzzerMutate(data, size, max_size);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto& es = entries();
  const Entry& e = es[data[0] % es.size()];
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (e.member.empty()) put(e.file, body);
  else put_member(e.file, e.saved, e.member, body);
  try {
    require_meaningful(io::import_table(e.format, e.source, e.options));
  } catch (const Error&) {
  }
  put(e.file, e.saved);
  return 0;
}
