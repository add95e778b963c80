#pragma once
// The published table formats worldsys imports, as one table: `worldsys import FORMAT SOURCE` looks the format
// up here, and each reader lives in its own file in src/io/. Also the fixture generators that write small
// tables in exactly each published layout, so that every reader is checked by an exact round trip.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "worldsys/core/concordance.hpp"
#include "worldsys/core/mrio.hpp"

namespace worldsys::io {

struct ImportOptions {
  std::optional<int> year;  // selects a year's file where the source holds several (bundles, folders of zips)
  std::string system;       // "pxp"/"ixi" (EXIOBASE), "ind-by-ind"/"prod-by-prod" (FIGARO); empty = default
  std::string country;      // national tables (WIOD 2016 NIOT): ISO3 code
  unsigned threads = 0;     // parse threads; 0 = all cores
  // OECD ICIO: keep China's and Mexico's sub-tables (CN1, CN2, MX1, MX2) as rows of their own instead of adding
  // them into CHN and MEX (worldsys gvc treats them as parts of one country: io::split_regions).
  bool keep_splits = false;
};

// OECD ICIO's split regions (CN1..CN4 -> CHN, MX1..MX3 -> MEX) of `regions` as a concordance onto countries, every
// other region its own; nullopt when there are none.
std::optional<Concordance> split_regions(const std::vector<std::string>& regions);

struct ImportFormat {
  std::string name;      // as typed after `worldsys import`
  std::string summary;   // one line: what it reads and which releases
  bool needs_year;       // the source is a folder of years and --year is required
  std::function<Mrio(const std::filesystem::path&, const ImportOptions&)> read;
};

const std::vector<ImportFormat>& import_formats();
// Reads `source` as `format`; a usage error listing the formats when it is unknown.
Mrio import_table(const std::string& format, const std::filesystem::path& source, const ImportOptions& options);

// Readers (one file each in src/io/).
Mrio read_exiobase3(const std::filesystem::path& source, const ImportOptions& options);
Mrio read_oecd_icio(const std::filesystem::path& source, const ImportOptions& options);
Mrio read_figaro(const std::filesystem::path& source, const ImportOptions& options);
Mrio read_eora26(const std::filesystem::path& source, const ImportOptions& options);
Mrio read_gloria(const std::filesystem::path& source, const ImportOptions& options);
Mrio read_generic(const std::filesystem::path& source, const ImportOptions& options);
Mrio read_wiod2016(const std::filesystem::path& source, const ImportOptions& options);
Mrio read_wiod2016_niot(const std::filesystem::path& source, const ImportOptions& options);

struct FixtureOptions {
  size_t regions = 3, sectors = 4;
  uint64_t seed = 1;
  int year = 2022;
  std::string variant;  // release layout, e.g. "3.8", "3.9", "3.4" (EXIOBASE); empty = the latest
  int precision = 0;    // 0: shortest exact numbers (exact round trip); else %.{precision}g as some providers
  bool unpacked = false;  // a folder instead of the published zip
};

struct Fixture {
  Mrio expected;               // what a reader must return
  std::filesystem::path path;  // the file or folder written (pass it, or its parent with --year, to import)
  double tolerance = 0;        // relative, where the reader derives Z or x (A-only releases); 0 = bit for bit
};

struct FixtureFormat {
  std::string name, variants;  // variants: comma-separated list, first = default
  std::function<Fixture(const std::filesystem::path& dir, const FixtureOptions&)> write;
};
const std::vector<FixtureFormat>& fixture_formats();
// Writes a fixture of `format` into directory `dir` under its published file name.
Fixture write_fixture(const std::string& format, const std::filesystem::path& dir, const FixtureOptions& options);

// A random balanced table (x = Z 1 + Y 1, productive) with the given labels, for fixtures and benchmarks.
Mrio random_mrio(const std::vector<std::string>& regions, const std::vector<std::string>& sectors,
                 const std::vector<std::string>& categories, const std::vector<Stressor>& stressors, uint64_t seed,
                 double zero_share = 0.2);

}  // namespace worldsys::io
