#include "worldsys/io/atomic.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>

#include "worldsys/core/error.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

fs::path temp_sibling(const fs::path& target, const char* tag) {
  static std::atomic<unsigned> counter{0};
  fs::path abs = fs::absolute(target);
  return abs.parent_path() / fmt::format(".{}.{}-{}-{}", abs.filename().string(), tag, ::getpid(), counter++);
}

void ensure_parent(const fs::path& target) {
  fs::path parent = fs::absolute(target).parent_path();
  std::error_code ec;
  if (!fs::is_directory(parent, ec))
    fail(ErrorKind::io, fmt::format("{}: the directory {} does not exist", target.string(), parent.string()));
}

}  // namespace

void atomic_write_file(const fs::path& target, const std::function<void(const fs::path&)>& write) {
  ensure_parent(target);
  fs::path tmp = temp_sibling(target, "tmp");
  try {
    write(tmp);
    std::error_code ec;
    fs::rename(tmp, target, ec);
    if (ec) fail(ErrorKind::io, fmt::format("{}: cannot write: {}", target.string(), ec.message()));
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
}

void atomic_write_dir(const fs::path& target, bool overwrite, const std::function<void(const fs::path&)>& write) {
  ensure_parent(target);
  std::error_code ec;
  const bool exists = fs::exists(target, ec);
  if (exists && !overwrite)
    fail(ErrorKind::usage, fmt::format("{} already exists; pass --force to replace it, or choose another --out",
                                       target.string()));
  fs::path tmp = temp_sibling(target, "tmp");
  try {
    if (!fs::create_directory(tmp, ec))
      fail(ErrorKind::io, fmt::format("{}: cannot create a directory beside it: {}", target.string(), ec.message()));
    write(tmp);
    if (exists) {
      fs::path old = temp_sibling(target, "old");
      fs::rename(target, old, ec);
      if (ec) fail(ErrorKind::io, fmt::format("{}: cannot replace: {}", target.string(), ec.message()));
      fs::rename(tmp, target, ec);
      if (ec) {
        fs::rename(old, target);
        fail(ErrorKind::io, fmt::format("{}: cannot replace: {}", target.string(), ec.message()));
      }
      fs::remove_all(old, ec);
    } else {
      fs::rename(tmp, target, ec);
      if (ec) fail(ErrorKind::io, fmt::format("{}: cannot write: {}", target.string(), ec.message()));
    }
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
}

}  // namespace worldsys::io
