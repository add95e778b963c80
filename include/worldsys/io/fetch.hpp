#pragma once
// Downloads of published tables from their official addresses: a registry (source, release, file name, address,
// size and SHA-256 where known), resumable transfers with libcurl into a cache directory, verified before use.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace worldsys::io {

struct FetchItem {
  std::string url;     // official address
  std::string file;    // name in the cache (the provider's file name)
  uint64_t size = 0;   // bytes, 0 = unknown
  std::string sha256;  // lower-case hex, empty = unknown (then only the size the server announces is checked)
};

struct RegistryEntry {
  std::string source, release, note;  // note: e.g. where the addresses come from, or why there are none
  int first_year = 0, last_year = 0;
  std::vector<std::string> systems;   // e.g. pxp, ixi; empty = none
  std::string url_template, file_template;  // {year}, {system}
};
const std::vector<RegistryEntry>& fetch_registry();
// The files for a source and year (and system); a usage error saying what the registry knows otherwise.
std::vector<FetchItem> fetch_items(const std::string& source, int year, const std::string& system);

struct FetchOptions {
  std::filesystem::path cache;
  std::string mirror;        // if set, files are fetched from mirror + "/" + file (tests, institutional mirrors)
  long stall_seconds = 60;   // give up when less than 1 byte/s arrives for this long
  std::function<void(uint64_t done, uint64_t total)> progress;
};

// Downloads one file into the cache (resuming a previous partial download, FILE.part), verifies it and returns its
// path; a file already in the cache and verified is returned without a transfer.
std::filesystem::path fetch_file(const FetchItem& item, const FetchOptions& options);

// Lower-case hex SHA-256 of a file.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace worldsys::io
