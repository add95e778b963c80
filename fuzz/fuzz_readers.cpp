// File readers on arbitrary bytes: the WIOD 2013 matrices, .npy files, a store's meta.json, concordance files
// (CSV and YAML), Stata .dta (libreadstat), the PWT 9.1 R lazy-load index (Rdata.rdx, our own XDR reader) and
// data base entry, every file of a distribution store, grouped-data and tabulation CSV files, claim files (YAML), a
// FIGARO flat (long) file, a Zenodo record's metadata (worldsys fetch). The first byte
// picks the reader. Each must answer with a worldsys::Error or a valid result; anything else (crash, other
// exception, sanitizer report) is a bug. The table formats are fuzzed by fuzz_formats.
//
// With WORLDSYS_FUZZ_SEEDS=DIR set, the target writes its seed corpus (a valid file per reader, behind its
// selector byte) into DIR and exits: scripts/fuzz.sh does that.
#include <readstat.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "csv_mutator.hpp"
#include "worldsys/claims/claims.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/fetch.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/npy.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/stata.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/text.hpp"
#include "worldsys/io/wiod2013.hpp"

namespace fs = std::filesystem;
using namespace worldsys;

namespace {

void put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A small Stata file (format 118) of cumulative shares and a string column, written with libreadstat.
std::string small_dta() {
  std::string out;
  readstat_writer_t* w = readstat_writer_init();
  readstat_set_data_writer(w, [](const void* b, size_t n, void* ctx) -> ssize_t {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(b), n);
    return ssize_t(n);
  });
  readstat_writer_set_file_format_version(w, 118);
  readstat_variable_t* c = readstat_add_variable(w, "country", READSTAT_TYPE_STRING, 3);
  readstat_variable_t* p = readstat_add_variable(w, "p", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_t* L = readstat_add_variable(w, "L", READSTAT_TYPE_FLOAT, 0);
  readstat_begin_writing_dta(w, &out, 3);
  const double ps[] = {0.5, 0.9, 1}, Ls[] = {0.2, 0.6, 1};
  for (int i = 0; i < 3; ++i) {
    readstat_begin_row(w);
    readstat_insert_string_value(w, c, "ALB");
    readstat_insert_double_value(w, p, ps[i]);
    if (i == 1) readstat_insert_missing_value(w, L);
    else readstat_insert_float_value(w, L, float(Ls[i]));
    readstat_end_row(w);
  }
  readstat_end_writing(w);
  readstat_writer_free(w);
  return out;
}

io::DistributionStore small_distribution_store() {
  io::DistributionStore s;
  s.source = "fuzz";
  s.ppp = "2011";
  s.economies = {{"ALB", "ECA", "UMC", 2010, 2.9}, {"BRA", "LAC", "UMC", 2010, 196.8}};
  DistributionRow d;
  d.country = "ALB", d.name = "Albania", d.region = "ECA", d.welfare = "consumption", d.year = 2010;
  d.population = 2.9, d.mean = 7.5, d.gini = 0.29, d.kind = "micro";
  d.shares = {0.09, 0.13, 0.17, 0.23, 0.38};
  s.distributions = {d};
  s.published = {{"ALB", "national", 2010, 1.9, 0.01, 0.002, 0.001, 0.002}};
  s.surveys = {{"ALB", "national", 2008.5}};
  return s;
}

const char* const kDistributionFiles[] = {"meta.json", "economies.csv", "distributions.csv", "published.csv",
                                          "surveys.csv"};

// A valid two-region store and WIOD directory, a distribution store, and a copy of PWT 9.1's R data base
// (when Debian's r-cran-pwt9 is installed), to damage one file of.
const fs::path& scratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("worldsys-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d / "wiod");
    put(d / "wiod/labels_regions.csv", "\"index\",\"region\"\n1,\"A\"\n2,\"B\"\n");
    put(d / "wiod/labels_sectors.csv", "\"index\",\"sector\"\n1,\"c1\"\n");
    put(d / "wiod/labels_finaldemand.csv", "\"index\",\"fd\"\n1,\"CONS_h\"\n");
    put(d / "wiod/Z_2011.csv", "region,sector,A:c1,B:c1\nA,c1,1,2\nB,c1,3,4\n");
    put(d / "wiod/Y_2011.csv", "region,sector,A:CONS_h,B:CONS_h\nA,c1,5,6\nB,c1,7,8\n");
    put(d / "wiod/x_2011.csv", "region,sector,output\nA,c1,20\nB,c1,30\n");
    io::write_store(io::read_wiod2013(d / "wiod", 2011), d / "store", true);
    io::write_distribution_store(small_distribution_store(), d / "dist", true);
    const fs::path pwt = fs::path(io::kPwt91DebianDir) / "data";
    if (fs::exists(pwt / "Rdata.rdb")) {
      fs::create_directories(d / "pwt");
      fs::copy_file(pwt / "Rdata.rdb", d / "pwt/Rdata.rdb");
      fs::copy_file(pwt / "Rdata.rdx", d / "pwt/Rdata.rdx");
    }
    return d;
  }();
  return dir;
}

// Replaces `file` by `body` for one read, then puts the original back.
template <class F>
void with_file(const fs::path& file, const std::string& body, F read) {
  const std::string saved = slurp(file);
  put(file, body);
  try {
    read();
  } catch (...) {
    put(file, saved);
    throw;
  }
  put(file, saved);
}

// A store read without an error holds only values that mean something (read_distribution_store's promise): a
// damaged store either fails with an input error or passes every check here. Anything else aborts (a finding).
void require_meaningful(const DistributionStore& s) {
  auto need = [](bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "semantic property broken: %s\n", what);
    std::abort();
  };
  auto positive = [](double v) { return std::isnan(v) || (v > 0 && std::isfinite(v)); };
  auto unit = [](double v) { return std::isnan(v) || (v >= 0 && v <= 1); };
  for (const auto& e : s.economies) need(!e.country.empty() && positive(e.population), "economy");
  for (const auto& d : s.distributions) {
    need(!d.country.empty() && positive(d.population) && positive(d.mean) && positive(d.median) && unit(d.gini),
         "distribution");
    need(d.weight > 0 && d.weight <= 1, "weight");
    double sum = 0;
    for (double q : d.shares) need(std::isfinite(q) && q >= -1 && q <= 1, "quantile share"), sum += q;
    need(d.shares.empty() || std::fabs(sum - 1) <= 1e-3, "shares sum");
  }
  for (const auto& p : s.published)
    need(!p.country.empty() && p.line > 0 && std::isfinite(p.line) && unit(p.headcount) && unit(p.gap) &&
             unit(p.severity) && (std::isnan(p.watts) || p.watts >= 0),
         "published estimate");
  for (const auto& v : s.surveys) need(!v.country.empty() && !std::isinf(v.year), "survey");
}

// Selectors whose body is a CSV file: the WIOD matrices, a concordance, the distribution store's tables, grouped
// data and tabulations, a FIGARO flat file.
bool csv_body(uint8_t selector) {
  const int mode = selector % 18;
  return mode <= 1 || mode == 4 || (mode >= 9 && mode <= 14) || mode == 16;  // 8 is the store's meta.json
}

}  // namespace

// Half the mutations keep the CSV's structure and change a value's meaning (fuzz/csv_mutator.hpp); the other half
// are libFuzzer's own.
extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);
extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned seed) {
  if (size > 1 && csv_body(data[0]) && seed % 2 == 0)
    if (const size_t n = worldsys::fuzz::mutate_csv(data, size, max_size, seed / 2, 1)) return n;
  return LLVMFuzzerMutate(data, size, max_size);
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* seeds = std::getenv("WORLDSYS_FUZZ_SEEDS");
  if (!seeds) return 0;
  const fs::path d = scratch(), s = seeds;
  fs::create_directories(s);
  // The scratch folder's name holds the process id (a store's meta.json records its input paths): seeds carry a
  // fixed name instead, so that a fixed -seed replays the same inputs in every run, CI's included.
  auto seed = [&](int selector, const std::string& name, std::string body) {
    for (size_t at; (at = body.find(d.string())) != std::string::npos;) body.replace(at, d.string().size(), "/scratch");
    put(s / name, std::string(1, char(selector)) + body);
  };
  seed(0, "z", "region,sector,A:c1,B:c1\nA,c1,1,2\nB,c1,3,4\n");
  seed(1, "x", "region,sector,output\nA,c1,20\nB,c1,30\n");
  seed(2, "npy", slurp(d / "store/x.npy"));
  seed(2, "npy-Z", slurp(d / "store/Z.npy"));
  seed(3, "meta", slurp(d / "store/meta.json"));
  seed(4, "gcsv", "region,group\nA,North\n*,South\n");
  seed(5, "gyaml", "North: [A]\nSouth: [\"*\"]\n");
  seed(6, "dta", small_dta());
  if (fs::exists(d / "pwt")) seed(7, "rdx", io::read_text(d / "pwt/Rdata.rdx"));  // inflated: the XDR itself
  for (int k = 0; k < 5; ++k) seed(8 + k, std::string("dist-") + kDistributionFiles[k], slurp(d / "dist" / kDistributionFiles[k]));
  seed(13, "grouped", "p,L\n0.2,0.05\n0.5,0.2\n1,1\n");
  seed(15, "claims", slurp(claims::default_claims_path()));
  seed(16, "figaro", io::read_text(WORLDSYS_SOURCE_DIR "/fuzz/seeds/figaro_flatfile.csv"));
  seed(17, "zenodo", R"({"id":5589597,"files":[{"key":"IOT_2019_ixi.zip","size":7,"checksum":"md5:0123456789abcdef0123456789abcdef","links":{"self":"https://zenodo.org/api/records/5589597/files/IOT_2019_ixi.zip/content"}},{"filename":"IOT_2019_pxp.zip","filesize":9,"checksum":"0123456789abcdef0123456789abcdef","links":{"download":"https://zenodo.org/x"}}]})");
  seed(14, "tabulation", "p,threshold,bracket_average,average\n0,0,5,20\n0.5,10,15,20\n0.9,30,40,20\n");
  std::printf("seeds in %s\n", seeds);
  std::exit(0);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const fs::path& d = scratch();
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::vector<std::string> regions = {"A", "B"};
  try {
    const int mode = data[0] % 18;
    switch (mode) {
      case 0:
        put(d / "wiod/Z_2011.csv", body);
        io::read_wiod2013(d / "wiod", 2011);
        break;
      case 1:
        put(d / "wiod/x_2011.csv", body);
        io::read_wiod2013(d / "wiod", 2011);
        break;
      case 2:
        put(d / "f.npy", body);
        io::read_npy_matrix(d / "f.npy");
        break;
      case 3:
        with_file(d / "store/meta.json", body, [&] { io::read_store(d / "store"); });
        break;
      case 4:
        put(d / "g.csv", body);
        io::load_concordance((d / "g.csv").string(), regions, "region");
        break;
      case 5:
        put(d / "g.yaml", body);
        io::load_concordance((d / "g.yaml").string(), regions, "region");
        break;
      case 6:
        put(d / "g.dta", body);
        io::read_grouped_csv(d / "g.dta", "p", "L");
        break;
      case 7:
        if (fs::exists(d / "pwt")) with_file(d / "pwt/Rdata.rdx", body, [&] { io::read_pwt91(d / "pwt"); });
        break;
      case 8: case 9: case 10: case 11: case 12:
        with_file(d / "dist" / kDistributionFiles[mode - 8], body,
                  [&] { require_meaningful(io::read_distribution_store(d / "dist")); });
        break;
      case 13:
        put(d / "grouped.csv", body);
        io::read_grouped_csv(d / "grouped.csv");
        break;
      case 14:
        put(d / "tab.csv", body);
        io::read_tabulation_csv(d / "tab.csv");
        break;
      case 15:
        put(d / "claims.yaml", body);
        claims::load_claims(d / "claims.yaml");
        break;
      case 16:  // a FIGARO flat (long) file, or a matrix file: the header decides
        fs::create_directories(d / "figaro");
        put(d / "figaro/flatfile_eu-ic-io_ind-by-ind_25ed_2022.csv", body);
        io::import_table("figaro", d / "figaro", {});
        break;
      case 17:
        io::zenodo_entry({"", "IOT_2019_pxp.zip", 0, "", "5589597"}, body, "record");
        break;
    }
  } catch (const Error&) {
  }
  return 0;
}
