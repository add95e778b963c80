// EXIOBASE 3 monetary IOT (ixi, pxp), releases 3.4 to 3.10, as Zenodo zips (IOT_YYYY_pxp.zip) or unpacked
// folders. The archives are pymrio folders (see pymrio.cpp); what is EXIOBASE-specific is finding the year's
// archive, the monetary unit (M.EUR) and the provenance. Layout notes: ../shared/formats/exiobase3.md.
#include <fmt/format.h>

#include <regex>

#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/pymrio.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

// A table root itself (zip, or folder with the core files) rather than a folder of yearly archives.
bool is_table(const fs::path& p) {
  if (!fs::is_directory(p)) return true;
  for (const char* f : {"file_parameters.json", "Z.txt", "A.txt"})
    if (fs::exists(p / f)) return true;
  return false;
}

// Some 3.4 ixi files use ISO3-style codes (ROM for Romania, WWA.. for the rest-of-world regions); the release's
// usual codes are ISO2 (issue #22 of pymrio, ../shared/formats/exiobase3.md 4.1). Same order in both lists.
const char* const kIso3[] = {"AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "EST", "ESP", "FIN", "FRA", "GRC", "HRV",
                             "HUN", "IRL", "ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROM", "SWE", "SVN",
                             "SVK", "GBR", "USA", "JPN", "CHN", "CAN", "KOR", "BRA", "IND", "MEX", "RUS", "AUS", "CHE",
                             "TUR", "TWN", "NOR", "IDN", "ZAF", "WWA", "WWL", "WWE", "WWF", "WWM"};
const char* const kIso2[] = {"AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
                             "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "GB", "US", "JP",
                             "CN", "CA", "KR", "BR", "IN", "MX", "RU", "AU", "CH", "TR", "TW", "NO", "ID", "ZA", "WA",
                             "WL", "WE", "WF", "WM"};

// Renames ISO3-style region codes to the release's ISO2 codes when every region has one.
bool to_iso2(Mrio& m) {
  std::vector<std::string> out;
  for (const auto& r : m.regions) {
    size_t k = 0;
    while (k < std::size(kIso3) && r != kIso3[k]) ++k;
    if (k == std::size(kIso3)) return false;
    out.push_back(kIso2[k]);
  }
  m.regions = out;
  return true;
}

}  // namespace

Mrio read_exiobase3(const fs::path& source, const ImportOptions& options) {
  fs::path path = source;
  const std::string system = options.system.empty() ? "pxp" : options.system;
  if (system != "pxp" && system != "ixi")
    fail(ErrorKind::usage, fmt::format("EXIOBASE 3 system '{}': expected pxp or ixi", system));
  if (!is_table(path)) {
    if (!options.year)
      fail(ErrorKind::usage, fmt::format("{} holds several EXIOBASE tables: say which with --year (and --system "
                                         "pxp|ixi)",
                                         source.string()));
    const std::string stem = fmt::format("IOT_{}_{}", *options.year, system);
    std::optional<fs::path> found;
    for (const auto& e : fs::directory_iterator(path)) {
      const std::string name = ascii_lower(e.path().filename().string());
      if (name == ascii_lower(stem) + ".zip" || name == ascii_lower(stem) ||
          std::regex_match(name, std::regex(fmt::format("exiobase3[.0-9]*_iot_{}_{}(\\.zip)?", *options.year, system))))
        found = e.path();
    }
    if (!found)
      fail(ErrorKind::input, fmt::format("{}: no {}.zip or folder {} (EXIOBASE 3 {} for {})", source.string(), stem,
                                         stem, system, *options.year));
    path = *found;
  }
  PymrioRead pr;
  pr.default_unit = "M.EUR";
  pr.threads = options.threads;
  Mrio m = read_pymrio(path, pr);
  if (to_iso2(m)) m.provenance.history.push_back("region codes renamed from ISO3 style (EXIOBASE 3.4 ixi) to ISO2");
  std::smatch mm;
  const std::string name = path.filename().string();
  if (std::regex_search(name, mm, std::regex(R"((\d{4})_(pxp|ixi))", std::regex::icase)))
    m.provenance.year = std::stoi(mm[1]);
  else if (options.year)
    m.provenance.year = options.year;
  m.provenance.source = fmt::format("EXIOBASE 3 monetary input-output table ({}), {}", name, m.provenance.source);
  m.provenance.licence = "CC BY-SA 4.0; cite Stadler et al. (2018), J. Ind. Ecol. 22:502-515";
  validate(m, path.string());
  return m;
}

}  // namespace worldsys::io
