#include "worldsys/io/atomic.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include <atomic>
#include <fstream>
#include <iterator>

#include "worldsys/core/error.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

fs::path temp_sibling(const fs::path& target, const char* tag) {
  static std::atomic<unsigned> counter{0};
  fs::path abs = fs::absolute(target);
  return abs.parent_path() / fmt::format(".{}.{}-{}-{}", abs.filename().string(), tag, ::getpid(), counter++);
}

// A killed process may linger as a zombie until its parent reaps it; that counts as gone.
bool process_alive(long pid) {
  if (::kill(pid_t(pid), 0) != 0) return errno != ESRCH;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  const size_t close = text.rfind(')');  // the command name may contain spaces
  return close == std::string::npos || close + 2 >= text.size() || text[close + 2] != 'Z';
}

// Temporary siblings left by a process that was killed (".NAME.tmp-PID-N", ".NAME.old-PID-N") are removed
// once that process is gone, so an interrupted import never leaves litter behind for long.
void remove_stale_siblings(const fs::path& target) {
  const fs::path abs = fs::absolute(target);
  const std::string prefix = "." + abs.filename().string() + ".";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(abs.parent_path(), ec)) {
    const std::string name = e.path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string rest = name.substr(prefix.size());
    if (!rest.starts_with("tmp-") && !rest.starts_with("old-")) continue;
    const long pid = std::strtol(rest.c_str() + 4, nullptr, 10);
    if (pid > 0 && !process_alive(pid)) fs::remove_all(e.path(), ec);
  }
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
  remove_stale_siblings(target);
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
  remove_stale_siblings(target);
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
