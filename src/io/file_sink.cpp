#include "io/file_sink.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <fstream>
#include <optional>
#include <sstream>

#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"

namespace worldsys::io::detail {

namespace fs = std::filesystem;

namespace {

// SOURCE_DATE_EPOCH (reproducible-builds.org): when set, zip members carry that time instead of now, so the same
// files give the same archive bytes (the fuzz seeds of scripts/fuzz.sh rely on it).
std::optional<std::time_t> source_date_epoch() {
  const char* v = std::getenv("SOURCE_DATE_EPOCH");
  long long t = 0;
  if (!v || !*v) return std::nullopt;
  const auto [end, ec] = std::from_chars(v, v + std::strlen(v), t);
  if (ec != std::errc() || *end) return std::nullopt;
  return std::time_t(t);
}

class DirSink final : public FileSink {
 public:
  explicit DirSink(fs::path root) : root_(std::move(root)) { fs::create_directories(root_); }
  void write(const std::string& rel, const std::function<void(std::ostream&)>& body) override {
    const fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    if (!out) fail(ErrorKind::io, fmt::format("{}: cannot create file", p.string()));
    body(out);
    out.flush();
    if (!out) fail(ErrorKind::io, fmt::format("{}: write failed (disk full?)", p.string()));
  }
  void finish() override {}

 private:
  fs::path root_;
};

class ZipSink final : public FileSink {
 public:
  explicit ZipSink(fs::path path) : path_(std::move(path)) {
    if (!path_.parent_path().empty()) fs::create_directories(path_.parent_path());
    int err = 0;
    za_ = zip_open(path_.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!za_) fail(ErrorKind::io, fmt::format("{}: cannot create zip archive (libzip error {})", path_.string(), err));
  }
  ~ZipSink() override {
    if (za_) zip_discard(za_);
  }
  void write(const std::string& rel, const std::function<void(std::ostream&)>& body) override {
    std::ostringstream out;
    body(out);
    bodies_.push_back(std::move(out).str());
    const auto& b = bodies_.back();
    zip_source_t* src = zip_source_buffer(za_, b.data(), b.size(), 0);
    const zip_int64_t at = src ? zip_file_add(za_, rel.c_str(), src, ZIP_FL_ENC_UTF_8) : -1;
    if (at < 0) {
      if (src) zip_source_free(src);
      fail(ErrorKind::io, fmt::format("{}: cannot add {}: {}", path_.string(), rel, zip_strerror(za_)));
    }
    if (const auto t = source_date_epoch()) zip_file_set_mtime(za_, zip_uint64_t(at), *t, 0);
  }
  void finish() override {
    if (zip_close(za_) < 0) fail(ErrorKind::io, fmt::format("{}: cannot write zip: {}", path_.string(), zip_strerror(za_)));
    za_ = nullptr;
  }

 private:
  fs::path path_;
  zip_t* za_ = nullptr;
  std::deque<std::string> bodies_;  // libzip reads the buffers at zip_close
};

}  // namespace

std::unique_ptr<FileSink> FileSink::create(const fs::path& target) {
  if (ascii_lower(target.extension().string()) == ".zip") return std::make_unique<ZipSink>(target);
  return std::make_unique<DirSink>(target);
}

std::unique_ptr<FileSink> FileSink::create_zip(const fs::path& target) { return std::make_unique<ZipSink>(target); }

}  // namespace worldsys::io::detail
