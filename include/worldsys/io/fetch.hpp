#pragma once
// Downloads of published tables from their official addresses: a registry of releases (address, file name, size and
// checksum where known, or the Zenodo record that publishes them), resumable transfers with libcurl into a cache
// directory, verified before use.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "worldsys/core/table.hpp"

namespace worldsys::io {

// One file of a release. Templates take {year}, {system} and {record}.
struct RegistryFile {
  std::string system;              // the system it belongs to; "" = every system of the release
  int first_year = 0, last_year = 0;  // the years it holds (a bundle) or serves
  std::string url, file;           // address and the provider's file name
  uint64_t size = 0;               // bytes, 0 = unknown
  std::string checksum;            // "sha1:HEX", "sha256:HEX" or "md5:HEX"; empty = unknown
};

struct RegistryEntry {
  std::string source, release;
  std::string origin;   // where the addresses and checksums come from; the licence
  std::string manual;   // non-empty: no automatic download; says how to get the files by hand
  std::vector<std::string> systems;  // first = default; empty = none
  std::string zenodo_record;         // files' sizes and MD5 checksums are read from this Zenodo record
  bool preferred = false;            // the release fetched when none is named
  std::vector<RegistryFile> files;
};
const std::vector<RegistryEntry>& fetch_registry();
// The registry as a table, one row per release (`worldsys fetch --list`).
Table fetch_registry_table();

struct FetchItem {
  std::string url;            // official address
  std::string file;           // the provider's file name (its name in the cache)
  uint64_t size = 0;          // bytes, 0 = unknown
  std::string checksum;       // "ALGO:HEX" (sha1, sha256, md5), empty = unknown
  std::string zenodo_record;  // set: size, checksum (and address) are read from the record before the transfer
};

// What to download for a source, release (empty = the preferred one), year and system (empty = the default).
struct FetchPlan {
  const RegistryEntry* entry = nullptr;
  std::string system;
  std::filesystem::path dir;  // SOURCE/RELEASE: where the files go under the cache
  std::vector<FetchItem> items;
};
// A usage error saying what the registry knows when the request does not match it (or names the manual route).
FetchPlan plan_fetch(const std::string& source, const std::string& release, int year, const std::string& system);

struct FetchOptions {
  std::filesystem::path cache;  // the directory the files are written into
  std::string mirror;           // if set, files are fetched from mirror + "/" + file (tests, institutional mirrors)
  long stall_seconds = 60;      // give up when less than 1 byte/s arrives for this long
  std::function<void(uint64_t done, uint64_t total)> progress;
  std::string zenodo_api = "https://zenodo.org/api";  // where Zenodo records' metadata is read
};

// Downloads one file into options.cache (resuming a previous partial download, FILE.part), verifies its size and
// checksum and returns its path; a file already in the cache that verifies is returned without a transfer.
std::filesystem::path fetch_file(const FetchItem& item, const FetchOptions& options);

// `item` with the size, MD5 and address its Zenodo record (JSON text of /api/records/ID, current or legacy field
// names) gives for item.file; `where` names the record in errors.
FetchItem zenodo_entry(const FetchItem& item, const std::string& record, const std::string& where);

// "ALGO:HEX" of a file (algo: sha1, sha256 or md5; lower-case hex).
std::string file_checksum(const std::filesystem::path& path, const std::string& algo);

}  // namespace worldsys::io
