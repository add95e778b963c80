#pragma once
// Where a writer puts its files: a directory, or a zip archive when the target's name ends in .zip
// (room-private; used by the pymrio writer and the fixture generators).
#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace worldsys::io::detail {

class FileSink {
 public:
  static std::unique_ptr<FileSink> create(const std::filesystem::path& target);
  static std::unique_ptr<FileSink> create_zip(const std::filesystem::path& target);  // whatever the extension (.xlsx)
  virtual ~FileSink() = default;
  // Writes one file at a '/'-separated relative path.
  virtual void write(const std::string& rel, const std::function<void(std::ostream&)>& body) = 0;
  void write_text(const std::string& rel, const std::string& text) {
    write(rel, [&](std::ostream& o) { o << text; });
  }
  // Completes the output (closes the zip); an I/O error if it cannot.
  virtual void finish() = 0;
};

}  // namespace worldsys::io::detail
