#include "worldsys/io/bundle.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>

#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

namespace {

// zlib's gz* functions read plain files unchanged and inflate gzip ones, so one class serves both.
class FileSource final : public ByteSource {
 public:
  explicit FileSource(const fs::path& path) : name_(path.string()) {
    std::error_code ec;
    if (!fs::exists(path, ec)) fail(ErrorKind::input, fmt::format("{}: no such file", name_));
    if (fs::is_directory(path, ec)) fail(ErrorKind::input, fmt::format("{}: is a directory, expected a file", name_));
    gz_ = gzopen(name_.c_str(), "rb");
    if (!gz_) fail(ErrorKind::io, fmt::format("{}: cannot open: {}", name_, std::strerror(errno)));
    // Large reads want a large buffer; a small file gets one its size (zlib's 8 KiB at least): the 1 MiB buffer
    // (3 MiB with inflate's) on every small file of a folder cost more than reading it, under ASan most of all.
    const uintmax_t size = fs::file_size(path, ec);
    gzbuffer(gz_, unsigned(std::clamp<uintmax_t>(ec ? 1u << 20 : size, 8u << 10, 1u << 20)));
  }
  ~FileSource() override { gzclose(gz_); }
  size_t read(char* buf, size_t n) override {
    size_t total = 0;
    while (total < n) {
      const unsigned ask = unsigned(std::min<size_t>(n - total, 1u << 30));
      const int got = gzread(gz_, buf + total, ask);
      if (got < 0) {
        int code = 0;
        const char* msg = gzerror(gz_, &code);
        fail(ErrorKind::input, fmt::format("{}: truncated or corrupt gzip data ({}); download it again", name_, msg));
      }
      if (got == 0) {
        // gzread returns 0 both at a clean end and when the compressed stream stops early.
        int code = 0;
        const char* msg = gzerror(gz_, &code);
        if (code != Z_OK && code != Z_STREAM_END)
          fail(ErrorKind::input, fmt::format("{}: truncated or corrupt gzip data ({}); download it again", name_, msg));
        break;
      }
      total += size_t(got);
    }
    return total;
  }
  const std::string& name() const override { return name_; }

 private:
  std::string name_;
  gzFile gz_ = nullptr;
};

class ZipSource final : public ByteSource {
 public:
  ZipSource(zip_t* za, zip_uint64_t index, std::string name) : name_(std::move(name)) {
    f_ = zip_fopen_index(za, index, 0);
    if (!f_)
      fail(ErrorKind::input, fmt::format("{}: cannot open zip member: {}", name_, zip_strerror(za)));
  }
  ~ZipSource() override {
    if (f_) zip_fclose(f_);
  }
  size_t read(char* buf, size_t n) override {
    size_t total = 0;
    while (total < n) {
      const zip_int64_t got = zip_fread(f_, buf + total, n - total);
      if (got < 0)
        fail(ErrorKind::input, fmt::format("{}: truncated or corrupt zip member ({}); download the archive again",
                                           name_, zip_file_strerror(f_)));
      if (got == 0) break;
      total += size_t(got);
    }
    return total;
  }
  const std::string& name() const override { return name_; }

 private:
  std::string name_;
  zip_file_t* f_ = nullptr;
};

class DirBundle final : public Bundle {
 public:
  explicit DirBundle(fs::path root) : root_(std::move(root)) {
    std::vector<std::string> all;
    for (auto it = fs::recursive_directory_iterator(root_); it != fs::recursive_directory_iterator(); ++it)
      if (it->is_regular_file()) all.push_back(fs::relative(it->path(), root_).generic_string());
    std::sort(all.begin(), all.end());
    files_ = std::move(all);
  }
  const std::vector<std::string>& files() const override { return files_; }
  std::unique_ptr<ByteSource> open(const std::string& rel) const override { return open_file(root_ / rel); }
  std::string display(const std::string& rel) const override { return (root_ / rel).string(); }
  const fs::path& path() const override { return root_; }

 private:
  fs::path root_;
  std::vector<std::string> files_;
};

// One plain or gzip file seen as a bundle of one (a bare CSV download).
class FileBundle final : public Bundle {
 public:
  explicit FileBundle(fs::path path) : path_(std::move(path)), files_{path_.filename().string()} {}
  const std::vector<std::string>& files() const override { return files_; }
  std::unique_ptr<ByteSource> open(const std::string& rel) const override {
    if (rel != files_[0]) fail(ErrorKind::input, fmt::format("{}: no member {} in a single file", path_.string(), rel));
    return open_file(path_);
  }
  std::string display(const std::string&) const override { return path_.string(); }
  const fs::path& path() const override { return path_; }

 private:
  fs::path path_;
  std::vector<std::string> files_;
};

class ZipBundle final : public Bundle {
 public:
  explicit ZipBundle(fs::path path) : path_(std::move(path)) {
    int err = 0;
    za_ = zip_open(path_.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!za_) {
      zip_error_t ze;
      zip_error_init_with_code(&ze, err);
      std::string msg = zip_error_strerror(&ze);
      zip_error_fini(&ze);
      fail(ErrorKind::input, fmt::format("{}: not a readable zip archive ({}); truncated download?", path_.string(), msg));
    }
    list();
  }
  // A zip held in memory (a zip inside a zip), named `name` in messages.
  ZipBundle(std::string bytes, const std::string& name) : path_(name), bytes_(std::move(bytes)) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &ze);
    if (src) za_ = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!za_) {
      if (src) zip_source_free(src);
      std::string msg = zip_error_strerror(&ze);
      zip_error_fini(&ze);
      fail(ErrorKind::input, fmt::format("{}: not a readable zip archive ({})", name, msg));
    }
    zip_error_fini(&ze);
    list();
  }
  void list() {
    const zip_int64_t n = zip_get_num_entries(za_, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
      const char* name = zip_get_name(za_, zip_uint64_t(i), 0);
      if (!name) continue;
      std::string s(name);
      if (s.empty() || s.back() == '/') continue;  // directory entries
      files_.push_back(s);
      index_.push_back(zip_uint64_t(i));
    }
  }
  ~ZipBundle() override { zip_discard(za_); }
  const std::vector<std::string>& files() const override { return files_; }
  std::unique_ptr<ByteSource> open(const std::string& rel) const override {
    for (size_t k = 0; k < files_.size(); ++k)
      if (files_[k] == rel) return std::make_unique<ZipSource>(za_, index_[k], display(rel));
    fail(ErrorKind::input, fmt::format("{}: missing member {}", path_.string(), rel));
  }
  std::string display(const std::string& rel) const override { return path_.string() + ":" + rel; }
  const fs::path& path() const override { return path_; }

 private:
  fs::path path_;
  std::string bytes_;  // the archive itself when it came from memory
  zip_t* za_ = nullptr;
  std::vector<std::string> files_;
  std::vector<zip_uint64_t> index_;
};

bool has_zip_magic(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  char m[4] = {};
  in.read(m, 4);
  return in.gcount() >= 2 && m[0] == 'P' && m[1] == 'K';
}

}  // namespace

std::unique_ptr<ByteSource> open_file(const fs::path& path) {
  accept_input(path);
  return std::make_unique<FileSource>(path);
}

std::string read_all(ByteSource& src, size_t limit) {
  if (limit == 0) limit = size_t(::sysconf(_SC_PHYS_PAGES)) * size_t(::sysconf(_SC_PAGE_SIZE)) / 2;
  std::string out;
  size_t used = 0;
  out.resize(std::min<size_t>(1 << 16, limit + 1));
  while (true) {
    if (used > limit)
      fail(ErrorKind::input, fmt::format("{}: inflates past {} MB, half this machine's memory: a damaged archive, or "
                                         "one built to exhaust memory; download it again from its publisher",
                                         src.name(), limit >> 20));
    if (used == out.size()) out.resize(std::min(out.size() * 2, limit + 1));
    const size_t got = src.read(out.data() + used, out.size() - used);
    if (got == 0) break;
    used += got;
  }
  out.resize(used);
  return out;
}

std::unique_ptr<Bundle> Bundle::open(const fs::path& path) {
  accept_input(path);
  std::error_code ec;
  if (fs::is_directory(path, ec)) return std::make_unique<DirBundle>(path);
  if (!fs::exists(path, ec)) fail(ErrorKind::input, fmt::format("{}: no such file or directory", path.string()));
  if (has_zip_magic(path)) return std::make_unique<ZipBundle>(path);
  if (ascii_lower(path.extension().string()) == ".zip")
    fail(ErrorKind::input, fmt::format("{}: not a zip archive (no zip signature); truncated or not downloaded?",
                                       path.string()));
  return std::make_unique<FileBundle>(path);
}

std::unique_ptr<Bundle> Bundle::open_nested(const std::string& rel) const {
  return std::make_unique<ZipBundle>(read_all(rel), display(rel));
}

std::string Bundle::read_all(const std::string& rel) const {
  auto src = open(rel);
  return io::read_all(*src);
}

std::optional<std::string> Bundle::find(std::string_view rel) const {
  const std::string want = ascii_lower(rel);
  for (const auto& f : files())
    if (ascii_lower(f) == want) return f;
  return std::nullopt;
}

std::string Bundle::require(std::string_view rel, std::string_view what) const {
  if (auto f = find(rel)) return *f;
  fail(ErrorKind::input, fmt::format("{}: missing {} ({})", path().string(), rel, what));
}

std::string Bundle::select(const std::string& pattern, std::optional<int> year, std::string_view what) const {
  const std::regex re(pattern);
  std::vector<std::string> hits;
  for (const auto& f : files()) {
    const std::string base = ascii_lower(f.substr(f.rfind('/') + 1));
    if (!std::regex_match(base, re)) continue;
    if (year && base.find(std::to_string(*year)) == std::string::npos) continue;
    hits.push_back(f);
  }
  if (hits.size() == 1) return hits[0];
  std::string listed;
  for (size_t k = 0; k < hits.size() && k < 5; ++k) listed += (k ? ", " : "") + hits[k];
  if (hits.empty())
    fail(ErrorKind::input, fmt::format("{}: no {}{}", path().string(), what,
                                       year ? fmt::format(" for {}", *year) : std::string()));
  fail(ErrorKind::usage, fmt::format("{}: {} files look like {} ({}); say which year with --year", path().string(),
                                     hits.size(), what, listed));
}

}  // namespace worldsys::io
