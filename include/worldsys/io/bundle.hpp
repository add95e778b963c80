#pragma once
// Published tables arrive as a folder, a zip archive or a single (possibly gzip-compressed) file. A Bundle
// hides the difference: a set of files with '/'-separated relative paths, each opened as a stream of bytes,
// so a zip member is parsed as it is inflated, never extracted to disk.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace worldsys::io {

// A stream of bytes read in chunks. Truncated or corrupt compressed data is an input error naming the file.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf; 0 only at the end of the data.
  virtual size_t read(char* buf, size_t n) = 0;
  // The name used in error messages: a path, or "archive.zip:member".
  virtual const std::string& name() const = 0;
};

// A plain or gzip-compressed file (detected by its magic bytes).
std::unique_ptr<ByteSource> open_file(const std::filesystem::path& path);
// Reads a whole source into memory (for small files: labels, units, JSON).
// All of a source's bytes. More than `limit` bytes (0: half the machine's physical memory) is an input error naming
// the source, as a zip member that inflates past any plausible size (a damaged or hostile archive) would be.
std::string read_all(ByteSource& src, size_t limit = 0);

class Bundle {
 public:
  // A directory, a zip archive (detected by its magic bytes, whatever its extension), or a single file.
  static std::unique_ptr<Bundle> open(const std::filesystem::path& path);
  virtual ~Bundle() = default;

  // All regular files, relative paths with '/' separators, in archive or directory order.
  virtual const std::vector<std::string>& files() const = 0;
  virtual std::unique_ptr<ByteSource> open(const std::string& rel) const = 0;
  // "dir/rel" or "archive.zip:rel", for messages.
  virtual std::string display(const std::string& rel) const = 0;
  virtual const std::filesystem::path& path() const = 0;

  std::string read_all(const std::string& rel) const;
  // A zip member that is itself a zip, opened in memory (OECD's November-2023 bundles nest yearly zips).
  std::unique_ptr<Bundle> open_nested(const std::string& rel) const;
  // The stored path equal to `rel` ignoring ASCII case (releases differ in extension case), if any.
  std::optional<std::string> find(std::string_view rel) const;
  // Like find, but an input error naming the bundle and what was looked for when absent.
  std::string require(std::string_view rel, std::string_view what) const;
  // The one file whose lower-cased base name matches `pattern` (an ECMAScript regex), optionally containing
  // `year`; an input error listing the candidates when there are none or several.
  std::string select(const std::string& pattern, std::optional<int> year, std::string_view what) const;
};

// Lower-cases ASCII letters (file-name and label comparisons that ignore case).
std::string ascii_lower(std::string_view s);

}  // namespace worldsys::io
