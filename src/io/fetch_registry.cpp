// The download registry: which releases worldsys can fetch, from where, and how each file is verified.
// Addresses and checksums come from ../shared/formats and from public download scripts that pin them (cited in each
// entry's origin); none could be tried from the machines this project is built on. An address that moved gives an
// HTTP error naming it; `--mirror` fetches the same file names from elsewhere.
#include <fmt/format.h>

#include <algorithm>

#include "io/figaro.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/core/table.hpp"
#include "worldsys/io/fetch.hpp"

namespace worldsys::io {

namespace {

// EXIOBASE 3 on Zenodo: one zip per year and system; sizes and MD5 checksums are read from the record.
RegistryEntry exiobase(const std::string& release, const std::string& record, int last_year, bool preferred = false) {
  return {"exiobase3",
          release,
          fmt::format("Zenodo record {0} (doi:10.5281/zenodo.{0}), CC BY-SA 4.0; size and MD5 of each file from the "
                      "record's metadata",
                      record),
          "",
          {"pxp", "ixi"},
          record,
          preferred,
          {{"", 1995, last_year, "https://zenodo.org/records/{record}/files/IOT_{year}_{system}.zip?download=1",
            "IOT_{year}_{system}.zip", 0, ""}}};
}

// OECD ICIO bundles (several years per zip), addressed by the OECD's file ids.
RegistryFile oecd(const std::string& system, int from, int to, const std::string& id, const std::string& suffix) {
  return {system, from, to, "https://stats.oecd.org/wbos/fileview2.aspx?IDFile=" + id,
          fmt::format("{}-{}{}.zip", from, to, suffix), 0, ""};
}

RegistryFile figaro(const std::string& system, const std::string& doc, const std::string& table) {
  return {system, 2010, 2022,
          fmt::format("https://ec.europa.eu/eurostat/documents/51957/{}/flatfile_eu-ic-{}_24ed_{{year}}.zip", doc, table),
          fmt::format("flatfile_eu-ic-{}_24ed_{{year}}.zip", table), 0, ""};
}

}  // namespace

const std::vector<RegistryEntry>& fetch_registry() {
  static const std::vector<RegistryEntry> r = {
      // The layout of 3.8.2 is the best verified ([V] in ../shared/formats/exiobase3.md): fetched by default.
      exiobase("3.8.2", "5589597", 2022, true),
      exiobase("3.9.4", "14614930", 2022),
      exiobase("3.9.5", "14869924", 2022),
      exiobase("3.9.6", "15689391", 2022),
      exiobase("3.10.2", "20051562", 2024),
      {"oecd-icio",
       "2023",
       "OECD ICIO 2023 release, small version (bundles of 5 years, YYYY_SML.csv), OECD terms of use; addresses as "
       "pinned by public download scripts (R package iotr and others, 2024); OECD publishes no checksums",
       "",
       {"small"},
       "",
       true,
       {oecd("small", 1995, 2000, "d26ad811-5b58-4f0c-a4e3-06a1469e475c", "_SML"),
        oecd("small", 2001, 2005, "7cb93dae-e491-4cfd-ac67-889eb7016a4a", "_SML"),
        oecd("small", 2006, 2010, "ea165bfb-3a85-4e0a-afee-6ba8e6c16052", "_SML"),
        oecd("small", 2011, 2015, "1f791bc6-befb-45c5-8b34-668d08a1702a", "_SML"),
        oecd("small", 2016, 2020, "d1ab2315-298c-4e93-9a81-c6f2273139fe", "_SML")}},
      {"oecd-icio",
       "2025",
       "OECD ICIO 2025 release (1995-2022; the extended version only for 2011-2022 here), OECD terms of use; "
       "addresses as pinned by public download scripts (2025-2026); its layout is taken to be 2023's (MARIO's "
       "reader), not checked on a real file; OECD publishes no checksums",
       "",
       {"small", "extended"},
       "",
       false,
       {oecd("small", 1995, 2000, "f337e03f-697a-4495-a772-78e8963da2d0", "_SML"),
        oecd("small", 2001, 2005, "873eb327-a175-449e-9608-677d1b9ebf83", "_SML"),
        oecd("small", 2006, 2010, "dac9b40c-a3ab-4689-83c7-a9015b289dc1", "_SML"),
        oecd("small", 2011, 2015, "5cb62314-8367-4a1f-a1bf-ae7a8064fd41", "_SML"),
        oecd("small", 2016, 2022, "7af46a6a-c5a6-4ba1-91d8-5c09ea436cd9", "_SML"),
        oecd("extended", 2011, 2015, "1a841dd1-a38e-4faa-9a86-95b41b0aac30", ""),
        oecd("extended", 2016, 2022, "c95e1402-462c-4fc7-951f-a2df3fb1d8f3", "")}},
      {"wiod2016",
       "2016",
       "WIOD 2016 release, world tables in R format, DataverseNL doi:10.34894/PJ2M1C file 199101, CC BY 4.0; size "
       "and SHA-1 as pinned by public download scripts",
       "",
       {},
       "",
       true,
       {{"", 2000, 2014, "https://dataverse.nl/api/access/datafile/199101", "WIOTS_in_R.zip", 641578409,
         "sha1:51efc2a6c0358cff485e24d6b4b96ffe27f4e23a"}}},
      {"figaro",
       "24ed",
       "Eurostat FIGARO 2024 edition, flat files, Eurostat's reuse policy (CC BY 4.0); addresses of Eurostat's "
       "document store as used by MARIO's downloader; Eurostat publishes no checksums",
       "",
       {"ind-by-ind", "prod-by-prod", "sut"},
       "",
       true,
       {figaro("ind-by-ind", "19579808", "io_ind-by-ind"), figaro("prod-by-prod", "19579946", "io_prod-by-prod"),
        figaro("sut", "19579466", "supply"), figaro("sut", "19579478", "use")}},
      {"gloria",
       "059",
       "IELab GLORIA, CC BY-NC-SA 4.0",
       "GLORIA is shared after registration at ielab.info/labs/ielab-gloria: download GLORIA_MRIOs_59_YYYY.zip "
       "(folder GLORIA_MRIO_Loop059_part_I_MRIOdatabase), GLORIA_SatelliteAccounts_059_YYYY.zip and "
       "GLORIA_ReadMe_059a.xlsx into one folder, then run `worldsys import gloria FOLDER --year YYYY`",
       {},
       "",
       true,
       {}},
      {"eora26",
       "v199.82",
       "Eora26 by the KGM & Associates / Eora team",
       "Eora needs an account: log in at worldmrio.com, download Eora26_YYYY_bp.zip (and indices.zip beside it), "
       "then run `worldsys import eora26 Eora26_YYYY_bp.zip`",
       {},
       "",
       true,
       {}},
  };
  return r;
}

namespace {

std::string fill(std::string t, int year, const std::string& system, const std::string& record) {
  for (auto [key, val] : {std::pair<std::string, std::string>{"{year}", std::to_string(year)},
                          {"{system}", system},
                          {"{record}", record}})
    for (size_t k; (k = t.find(key)) != std::string::npos;) t.replace(k, key.size(), val);
  return t;
}

// Whether a file belongs to `system` ("" = any system); whether it holds `year`.
bool serves(const RegistryFile& f, const std::string& system) {
  return system.empty() || f.system.empty() || f.system == system;
}
bool holds(const RegistryFile& f, int year) { return year >= f.first_year && year <= f.last_year; }

// The first and last year the files of `system` hold.
std::pair<int, int> years(const RegistryEntry& e, const std::string& system) {
  int lo = 9999, hi = 0;
  for (const auto& f : e.files)
    if (serves(f, system)) lo = std::min(lo, f.first_year), hi = std::max(hi, f.last_year);
  return {lo, hi};
}

}  // namespace

FetchPlan plan_fetch(const std::string& source, const std::string& release, int year, const std::string& system) {
  std::vector<const RegistryEntry*> entries;
  std::vector<std::string> sources;
  for (const auto& e : fetch_registry()) {
    if (std::find(sources.begin(), sources.end(), e.source) == sources.end()) sources.push_back(e.source);
    if (e.source == source) entries.push_back(&e);
  }
  if (entries.empty())
    fail(ErrorKind::usage, fmt::format("no download registry entry for '{}'; known: {} (`worldsys fetch --list`)",
                                       source, fmt::join(sources, ", ")));
  const RegistryEntry* e = nullptr;
  std::vector<std::string> releases;
  for (const auto* c : entries) {
    releases.push_back(c->release);
    if (release.empty() ? c->preferred : c->release == release) e = c;
  }
  if (!e)
    fail(ErrorKind::usage,
         fmt::format("{}: release '{}' is not in the registry; known: {}", source, release, fmt::join(releases, ", ")));
  if (!e->manual.empty())
    fail(ErrorKind::usage, fmt::format("{} cannot be fetched automatically. {}", source, e->manual));
  const std::string named = source == "figaro" ? detail::figaro_system(system) : system;  // ixi, pxp as import takes
  FetchPlan plan{e, named.empty() && !e->systems.empty() ? e->systems[0] : named, std::filesystem::path(source) / e->release, {}};
  if (std::find(e->systems.begin(), e->systems.end(), plan.system) == e->systems.end() &&
      !(e->systems.empty() && plan.system.empty()))
    fail(ErrorKind::usage,
         e->systems.empty()
             ? fmt::format("{} {}: no --system to choose (got '{}')", source, e->release, plan.system)
             : fmt::format("{} {}: --system {} unknown; expected one of {}", source, e->release, plan.system,
                           fmt::join(e->systems, ", ")));
  for (const auto& f : e->files)
    if (serves(f, plan.system) && holds(f, year))
      plan.items.push_back({fill(f.url, year, plan.system, e->zenodo_record),
                            fill(f.file, year, plan.system, e->zenodo_record), f.size, f.checksum, e->zenodo_record});
  if (plan.items.empty()) {
    std::vector<std::string> others;  // releases that do hold the year
    for (const auto* c : entries)
      for (const auto& f : c->files)
        if (c != e && serves(f, plan.system) && holds(f, year) &&
            std::find(others.begin(), others.end(), c->release) == others.end())
          others.push_back(c->release);
    const auto [lo, hi] = years(*e, plan.system);
    fail(ErrorKind::usage,
         fmt::format("{} {}{} covers {}-{}, not {}{}", source, e->release, plan.system.empty() ? "" : " " + plan.system,
                     lo, hi, year, others.empty() ? "" : fmt::format(" (--release {} does)", fmt::join(others, " or "))));
  }
  return plan;
}

Table fetch_registry_table() {
  Table t({"source", "release", "default", "systems", "years", "verified_by", "address", "origin"},
          {false, false, false, false, false, false, false, false});
  for (const auto& e : fetch_registry()) {
    const auto [lo, hi] = years(e, "");
    const bool pinned = !e.files.empty() && !e.files[0].checksum.empty();
    const std::string check = !e.manual.empty()          ? ""
                              : !e.zenodo_record.empty() ? "size and MD5 from the Zenodo record"
                              : pinned                   ? "size and " + e.files[0].checksum.substr(0, e.files[0].checksum.find(':'))
                                                         : "size the server announces; the zip must open";
    t.add_row({e.source, e.release, e.preferred ? "yes" : "", fmt::format("{}", fmt::join(e.systems, " ")),
               e.files.empty() ? "" : fmt::format("{}-{}", lo, hi), check,
               e.files.empty() ? "by hand" : fill(e.files[0].url, lo, e.systems.empty() ? "" : e.systems[0], e.zenodo_record),
               e.manual.empty() ? e.origin : e.manual});
  }
  return t;
}

}  // namespace worldsys::io
