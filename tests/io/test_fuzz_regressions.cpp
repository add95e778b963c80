// Inputs found by the fuzz targets (fuzz/, scripts/fuzz.sh; campaigns in docs/RELIABILITY.md), each of which once
// crashed a reader or ran into undefined behaviour: each must now be a worldsys input error, nothing else.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <readstat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/distributions.hpp"
#include "worldsys/io/formats.hpp"
#include "io/xlsx.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/pwt.hpp"
#include "worldsys/io/stata.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys {
namespace {

namespace fs = std::filesystem;

void expect_input_error(const std::function<void()>& f, const std::string& says) {
  try {
    f();
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input) << e.what();
    EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
  }
}

fs::path small_distribution_store(const fs::path& dir) {
  io::DistributionStore s;
  s.source = "test";
  s.ppp = "2011";
  s.economies = {{"ALB", "ECA", "UMC", 2010, 2.9}};
  io::write_distribution_store(s, dir, false);
  return dir;
}

// fuzz_readers, 2026-11-24: meta.json holding a bare number ("6" then NULs) made nlohmann's value() throw
// type_error out of read_distribution_store; so did a key of the wrong type.
TEST(FuzzRegression, DistributionMetaJsonOfWrongTypeIsAnInputError) {
  test::TempDir tmp;
  const fs::path dir = small_distribution_store(tmp / "d");
  test::write_file(dir / "meta.json", std::string("6\0\0\0\0\0\0\x16" "2\n2\n1,]\v", 17));
  expect_input_error([&] { io::read_distribution_store(dir); }, "meta.json");
  test::write_file(dir / "meta.json", R"({"format": 3, "version": 1})");
  expect_input_error([&] { io::read_distribution_store(dir); }, "wrong type");
  test::write_file(dir / "meta.json", R"({"format": "worldsys-distributions", "version": "1"})");
  expect_input_error([&] { io::read_distribution_store(dir); }, "wrong type");
}

// A year beyond int's range was converted with int(double), which is undefined behaviour (UBSan:
// float-cast-overflow); years are now read as whole numbers in range, else an error at the cell.
TEST(FuzzRegression, YearBeyondIntRangeIsAnInputError) {
  test::TempDir tmp;
  const fs::path dir = small_distribution_store(tmp / "d");
  test::write_file(dir / "economies.csv", "country,year,region,income_group,population\nALB,1e300,ECA,UMC,2.9\n");
  expect_input_error([&] { io::read_distribution_store(dir); }, "economies.csv:2:5: expected a whole number, found '1e300'");
  test::write_file(dir / "economies.csv", "country,year,region,income_group,population\nALB,2010.5,ECA,UMC,2.9\n");
  expect_input_error([&] { io::read_distribution_store(dir); }, "expected a whole number");
}

// The PWT 9.1 lazy-load index (R's XDR serialization, read by our own reader): a string vector whose element
// is not a string (here NULL) threw std::out_of_range; a string longer than the file is refused by its length.
TEST(FuzzRegression, PwtIndexWithNonStringInAStringVectorIsAnInputError) {
  test::TempDir tmp;
  auto be32 = [](uint32_t v) {
    return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  };
  const std::string head = "X\n" + be32(2) + be32(0x030600) + be32(0x020300);
  test::write_file(tmp / "Rdata.rdb", "");
  test::write_file(tmp / "Rdata.rdx", head + be32(16) + be32(1) + be32(254));  // STRSXP of one NULL
  expect_input_error([&] { io::read_pwt91(tmp.path); }, "non-string");
  test::write_file(tmp / "Rdata.rdx", head + be32(16) + be32(1) + be32(9) + be32(1000) + "ab");  // CHARSXP of 1000
  expect_input_error([&] { io::read_pwt91(tmp.path); }, "runs past the end");
}

// fuzz_readers in CI, 2026-11-25: an attribute list, or the rest of a pairlist, that is a generic vector (items
// without names) had its names indexed by the items' count (UBSan: reference binding to null pointer).
TEST(FuzzRegression, PwtIndexWithUnnamedAttributeListIsAnInputError) {
  test::TempDir tmp;
  auto be32 = [](uint32_t v) {
    return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  };
  const std::string head = "X\n" + be32(2) + be32(0x030600) + be32(0x020300);
  const std::string unnamed = be32(19) + be32(1) + be32(254);  // VECSXP holding one NULL
  test::write_file(tmp / "Rdata.rdb", "");
  test::write_file(tmp / "Rdata.rdx", head + be32(13 | 1u << 9) + be32(0) + unnamed);  // INTSXP with attributes
  expect_input_error([&] { io::read_pwt91(tmp.path); }, "Rdata.rdx");
  test::write_file(tmp / "Rdata.rdx", head + be32(2) + be32(254) + unnamed);  // pairlist whose rest is a VECSXP
  expect_input_error([&] { io::read_pwt91(tmp.path); }, "Rdata.rdx");
}

// fuzz_formats in CI, 2026-11-25: a GLORIA ReadMe workbook whose cell reference had row 0 ("A0") indexed row -1
// (UBSan: pointer overflow); references are now checked against Excel's limits.
TEST(FuzzRegression, XlsxCellReferenceOutOfRangeIsAnInputError) {
  test::TempDir tmp;
  io::detail::write_xlsx(tmp / "book.xlsx", {{"Regions", {{"Region_acronyms"}, {"AUS"}}}});
  const auto book = io::Bundle::open(tmp / "book.xlsx");
  for (const char* bad : {"A0", "XFE1", "A1048577", "1A", "A1x"}) {
    const fs::path dir = tmp / bad;  // the same parts unpacked (a folder opens as a bundle), one reference damaged
    for (const auto& f : book->files()) {
      std::string text = book->read_all(f);
      if (f.find("worksheets/") != std::string::npos) text.replace(text.find("r=\"A2\""), 6, fmt::format("r=\"{}\"", bad));
      fs::create_directories((dir / f).parent_path());
      test::write_file(dir / f, text);
    }
    expect_input_error([&] { io::detail::read_xlsx_sheet(dir, "Regions"); }, fmt::format("cell reference '{}'", bad));
  }
}

// CI's ASan stage, 2026-11-25: the error above was thrown through expat's C frames and leaked the parser; errors
// now stop the parser and are rethrown after it is freed. A shared-string index that is not a number (std::stoul
// threw std::invalid_argument) is an input error too.
TEST(FuzzRegression, XlsxErrorsInsideTheParserLeakNothing) {
  test::TempDir tmp;
  io::detail::write_xlsx(tmp / "book.xlsx", {{"Regions", {{"Region_acronyms"}, {"AUS"}}}});
  const auto book = io::Bundle::open(tmp / "book.xlsx");
  for (const char* bad : {"x", "99", "-1", "1e3"}) {
    const fs::path dir = tmp / fmt::format("s{}", bad);
    for (const auto& f : book->files()) {
      std::string text = book->read_all(f);
      const std::string cell = "t=\"inlineStr\"><is><t>AUS</t></is>";
      if (f.find("worksheets/") != std::string::npos) {
        ASSERT_NE(text.find(cell), std::string::npos) << "the writer's cell layout changed";
        text.replace(text.find(cell), cell.size(), fmt::format("t=\"s\"><v>{}</v>", bad));
      }
      fs::create_directories((dir / f).parent_path());
      test::write_file(dir / f, text);
    }
    expect_input_error([&] { io::detail::read_xlsx_sheet(dir, "Regions"); }, "shared string");
  }
}

// fuzz_formats, 2026-11-25: a pymrio file_parameters.json whose systemtype was not a string (or whose top level was
// not an object) threw nlohmann's type_error out of the reader; metadata.json likewise.
TEST(FuzzRegression, PymrioJsonOfWrongTypeIsNoCrash) {
  test::TempDir tmp;
  io::FixtureOptions o;
  o.unpacked = true;
  const auto fx = io::write_fixture("pymrio", tmp / "src", o);
  for (const auto& e : fs::recursive_directory_iterator(tmp / "src")) {
    const std::string name = e.path().filename().string();
    if (name == "file_parameters.json") test::write_file(e.path(), R"({"systemtype": 7, "files": 3})");
    if (name == "metadata.json") test::write_file(e.path(), R"([1, 2])");
  }
  try {
    io::import_table("pymrio", fx.path, {});
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::input) << e.what();
  }
}

// fuzz_readers, 2026-11-24, 89,000 inputs in: a store's meta.json whose "matrices" lacked a matrix (or was not an
// object) was indexed with const operator[], undefined behaviour (nlohmann's assertion fired in the fuzz build).
TEST(FuzzRegression, StoreMetaJsonWithoutAMatrixShapeIsAnInputError) {
  test::TempDir tmp;
  io::write_store(test::tiny_mrio(), tmp / "s", false);
  std::string meta = [&] {
    std::ifstream in(tmp / "s" / "meta.json");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  const size_t at = meta.find("\"Z\":");
  ASSERT_NE(at, std::string::npos);
  test::write_file(tmp / "s" / "meta.json", meta.substr(0, at) + "\"Q\":" + meta.substr(at + 4));
  expect_input_error([&] { io::read_store(tmp / "s"); }, "meta.json");
  const size_t m = meta.find("\"matrices\":");
  test::write_file(tmp / "s" / "meta.json", meta.substr(0, m) + "\"matrices\": 7, \"old\":" + meta.substr(m + 11));
  expect_input_error([&] { io::read_store(tmp / "s"); }, "meta.json");
}

// fuzz_readers, CI 2026-11-24: an input's "bytes" of 5e+52 in a store's meta.json was converted to uint64_t by
// nlohmann's value(), a float-to-integer cast out of range (UBSan). Integers are now checked before conversion:
// the store version, an input's size and the distribution store's version.
TEST(FuzzRegression, StoreMetaJsonNumbersOutOfRangeAreInputErrors) {
  test::TempDir tmp;
  io::write_store(test::tiny_mrio(), tmp / "s", false);
  const std::string meta = [&] {
    std::ifstream in(tmp / "s" / "meta.json");
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  auto with = [&](const char* key, const std::string& value) {
    auto j = nlohmann::ordered_json::parse(meta);
    j[key] = nlohmann::ordered_json::parse(value);
    test::write_file(tmp / "s" / "meta.json", j.dump(1));
  };
  for (const char* v : {"5e+52", "2.5", "\"3\""}) {
    with("version", v);
    expect_input_error([&] { io::read_store(tmp / "s"); }, "'version'");
  }
  with("version", "99999999999");  // an integer beyond int
  expect_input_error([&] { io::read_store(tmp / "s"); }, "'version'");
  with("year", "1e300");  // not an integer year: no year, as null
  EXPECT_FALSE(io::read_store(tmp / "s").provenance.year);
  with("inputs", R"([{"path": "a.csv", "bytes": 5e+52, "crc32": "0"}])");
  expect_input_error([&] { io::read_store(tmp / "s"); }, "'bytes'");
  with("inputs", R"([{"path": "a.csv", "bytes": 12, "crc32": "0"}])");
  EXPECT_EQ(io::read_store(tmp / "s").provenance.inputs.at(0).bytes, 12u);

  const fs::path dist = small_distribution_store(tmp / "d");
  for (const char* v : {"5e+52", "1.5", "18446744073709551615"}) {
    test::write_file(dist / "meta.json", fmt::format(R"({{"format": "worldsys-distributions", "version": {}}})", v));
    expect_input_error([&] { io::read_distribution_store(dist); }, "version");
  }
}

// A Stata 118 file with two double variables p and L, three rows.
std::string small_dta() {
  std::string out;
  readstat_writer_t* w = readstat_writer_init();
  readstat_set_data_writer(w, [](const void* b, size_t n, void* ctx) -> ssize_t {
    static_cast<std::string*>(ctx)->append(static_cast<const char*>(b), n);
    return ssize_t(n);
  });
  readstat_writer_set_file_format_version(w, 118);
  readstat_variable_t* p = readstat_add_variable(w, "p", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_t* L = readstat_add_variable(w, "L", READSTAT_TYPE_DOUBLE, 0);
  readstat_begin_writing_dta(w, &out, 3);
  for (double v : {0.5, 0.9, 1.0}) {
    readstat_begin_row(w);
    readstat_insert_double_value(w, p, v);
    readstat_insert_double_value(w, L, v * v);
    readstat_end_row(w);
  }
  readstat_end_writing(w);
  readstat_writer_free(w);
  return out;
}

// fuzz_readers, 2026-11-24: a .dta whose variable name is empty made libreadstat hand over a NULL name, which
// was assigned to a std::string (SEGV in strlen). Now an input error naming the variable.
TEST(FuzzRegression, DtaVariableWithoutANameIsAnInputError) {
  test::TempDir tmp;
  std::string dta = small_dta();
  test::write_file(tmp / "ok.dta", dta);
  EXPECT_EQ(io::dta_as_csv(tmp / "ok.dta"), "p,L\n0.5,0.25\n0.9,0.81\n1,1\n");
  const size_t at = dta.find("<varnames>");
  ASSERT_NE(at, std::string::npos);
  dta[at + 10] = '\0';  // the first name, "p", emptied
  test::write_file(tmp / "bad.dta", dta);
  expect_input_error([&] { io::dta_as_csv(tmp / "bad.dta"); }, "variable 1 has no name");
}

// fuzz_formats, 2026-11-24, 776 inputs in: a WIOD 2016 .RData (uncompressed RDX2) whose string length field was
// damaged (0xdb000003) made Debian's librdata realloc ~2^64 bytes. In a normal build malloc returns NULL and
// librdata reports an allocation error, which we turn into an input error naming the file; under ASan this needs
// allocator_may_return_null=1 (set by scripts/sanitize.sh and scripts/fuzz.sh), and librdata leaks 4 KB on that
// path (suppressed in scripts/lsan.supp: not our code).
TEST(FuzzRegression, Wiod2016RDataWithAHugeLengthIsAnInputError) {
  static const char bytes[] =
    "\x52\x44\x58\x32\x0a\x58\x0a\x00\x00\x00\x02\x00\x02\x03\x00\x00\x02\x03\x00\x00\x00\x04\x02\x00\x00\x00\x01\x00\x00\x00\x09\x00\x00\x00\x04\x77\x69\x6f\x74\x00"
    "\x00\x03\x13\x00\x00\x00\x14\x00\x00\x00\x10\x00\x00\x00\x0c\x00\x00\x00\x09\x00\x00\x00\x03\x41\x30\x31\x00\x00\x00\x09\x00\x00\x00\x03\x41\x30\x32\x00\x00\x00"
    "\x09\x00\x00\x00\x03\x41\x30\x31\x00\x00\x00\x09\x00\x00\x00\x03\x41\x30\x32\x00\x00\x00\x09\x00\x00\x00\x06\x49\x49\x5f\x66\x6f\x62\x00\x00\x00\x09\x00\x00\x00"
    "\x04\x54\x58\x53\x50\x00\x00\x00\x09\x00\x00\x00\x07\x45\x58\x50\x5f\x61\x64\x6a\x00\x00\x00\x09\x00\x00\x00\x04\x50\x55\x52\x52\x00\x00\x00\x09\x00\x00\x00\x05"
    "\x50\x55\x52\x4e\x52\x00\x00\x00\x09\x00\x00\x00\x02\x56\x41\x00\x00\x00\x09\x00\x00\x00\x06\x49\x6e\x74\x54\x54\x4d\x00\x00\x00\x09\x00\x00\x00\x02\x47\x4f\x00"
    "\x00\x00\x10\x00\x00\x00\x0c\x00\x00\x00\x09\x00\x00\x00\x12\x44\x65\x73\x63\x72\x69\x70\x74\x69\x6f\x6e\x20\x6f\x66\x20\x41\x30\x31\x00\x00\x00\x09\x00\x00\x00"
    "\x12\x44\x65\x73\x63\x72\x69\x70\x74\x69\x6f\x6e\x20\x6f\x66\x20\x41\x30\x32\x00\x00\x00\x09\x00\x00\x00\x12\x44\x65\x73\x63\x72\x69\x70\x74\x69\x6f\x6e\x20\x6f"
    "\x66\x20\x41\x30\x31\x00\x00\x00\x09\x00\x00\x00\x12\x44\x65\x73\x63\x72\x69\x70\x74\x69\x6f\x6e\x20\x6f\x66\x20\x41\x30\x32\x00\x00\x00\x09\x00\x00\x00\x0f\x53"
    "\x75\x6d\x6d\x61\x72\x79\x20\x49\x49\x5f\x66\x6f\x62\x20\x00\x00\x00\x09\x00\x00\x00\x0d\x53\x75\x6d\x6d\x61\x72\x79\x20\x54\x58\x53\x50\x20\x00\x00\x00\x09\x00"
    "\x00\x00\x10\x53\x75\x6d\x6d\x61\x72\x79\x20\x45\x58\x50\x5f\x61\x64\x6a\x20\x00\x00\x00\x09\x00\x00\x00\x03\x54\x4f\x54\x00\x00\x00\x09\x00\x00\x00\x03\x54\x4f"
    "\x54\x00\x00\x00\x09\x00\x00\x00\x03\x54\x4f\x54\x00\x00\x00\x09\xdb\x00\x00\x03\x54\x4f\x54\x00\x00\x00\x09\x00\x00\x00\x03\x54\x4f\x54\x00\x00\x00\x09\x00\x00"
    "\x00\x03\x54\x4f\x54\x00\x00\x66\x69\x67\x61\x72\x6f\x54\x4f\x54\x00\x00\x00\x0d\x00\x00\x00\x0c\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x01\x31\x00\x00\x00\x09"
    "\x00\x00\x00\x01\x32\x00\x00\x00\x09\x00\x00\x00\x01\x33\x00\x00\x02\x31\x31\x00\x00\x00\x09\x00\x00\x00\x02\x31\x32\x00\x00\x00\xfe\x00\x00\x00\xfe";
  test::TempDir tmp;
  test::write_file(tmp / "WIOT2022_October16_ROW.RData", std::string(bytes, sizeof bytes - 1));
  expect_input_error([&] { io::import_table("wiod2016", tmp / "WIOT2022_October16_ROW.RData", {}); },
                     "WIOT2022_October16_ROW.RData");
}

// fuzz_formats, 2026-11-25 (random seed): a WIOD 2016 .RData whose first column, a character vector, claims
// 1,461,854,764 elements in a 628-byte file. The column callback resized a vector of strings to that count (46 GB)
// inside librdata's C frames. Counts are now bounded by the file's size, and callback errors stop the parse
// before they are rethrown (io/rdata_memory.hpp). Here: the file's first 64 bytes, as the fuzzer left them.
TEST(FuzzRegression, Wiod2016RDataColumnLongerThanTheFileIsAnInputError) {
  static const char bytes[] =
      "\x52\x44\x58\x32\x0a\x58\x0a\x00\x00\x00\x02\x00\x02\x03\x00\x00\x02\x03\x00\x00\x00\x04\x02\x00"
      "\x00\x00\x01\x00\x00\x00\x09\x00\x00\x00\x04\x77\x69\x6f\x74\x00\x00\x03\x13\x00\x00\x00\x14\x00"
      "\x00\x00\x10\x57\x22\x22\x2c\x22\x41\x55\x53\x5f\x43\x30\x31\x54\x30\x35\x41\x38";
  test::TempDir tmp;
  test::write_file(tmp / "WIOT2022_October16_ROW.RData", std::string(bytes, sizeof bytes - 1));
  expect_input_error([&] { io::import_table("wiod2016", tmp / "WIOT2022_October16_ROW.RData", {}); },
                     "WIOT2022_October16_ROW.RData");
}

// fuzz_formats, 2026-11-25 (random seed): a generic table.yaml that is not a mapping (the fuzzer put a CSV there,
// which YAML reads as one scalar) made yaml-cpp throw BadSubscript out of the reader; a year that is not a number
// threw its TypedBadConversion. Both are input errors naming the file.
TEST(FuzzRegression, GenericYamlThatIsNotAMappingIsAnInputError) {
  test::TempDir tmp;
  io::FixtureOptions o;
  o.regions = 2, o.sectors = 2, o.variant = "joined", o.unpacked = true;
  const io::Fixture fx = io::write_fixture("generic", tmp / "g", o);
  const fs::path yaml = tmp / "g" / "generic" / "table.yaml";
  ASSERT_TRUE(fs::exists(yaml));
  const std::string good = [&] {
    std::ifstream in(yaml);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }();
  for (const char* bad : {"label,output\nR1_agri,549.5\n", "- Z.csv\n- Y.csv\n"}) {
    test::write_file(yaml, bad);
    expect_input_error([&] { io::import_table("generic", fx.path, {}); }, "expected keys");
  }
  const size_t year = good.find("year: ");
  ASSERT_NE(year, std::string::npos);
  test::write_file(yaml, good.substr(0, year) + "year: soon\n" + good.substr(good.find('\n', year) + 1));
  expect_input_error([&] { io::import_table("generic", fx.path, {}); }, "year: expected a year");
  test::write_file(yaml, good + "separator: ''\n");
  expect_input_error([&] { io::import_table("generic", fx.path, {}); }, "separator is empty");
  test::write_file(yaml, good);
  EXPECT_NO_THROW(io::import_table("generic", fx.path, {}));
}

}  // namespace
}  // namespace worldsys
