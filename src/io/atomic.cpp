#include "worldsys/io/atomic.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <stdio.h>  // renameat2, RENAME_NOREPLACE, RENAME_EXCHANGE
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <atomic>
#include <fstream>
#include <iterator>
#include <mutex>
#include <vector>

#include "worldsys/core/error.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

struct Inputs {
  std::mutex mu;
  bool tracking = false;
  std::vector<fs::path> paths;  // weakly canonical
};
Inputs& inputs() {
  static Inputs i;
  return i;
}

fs::path canonical_or_self(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(fs::absolute(p), ec);
  return ec ? fs::absolute(p) : c;
}

// `inner` is `outer` or lies inside it.
bool within(const fs::path& inner, const fs::path& outer) {
  const std::string i = inner.string(), o = outer.string();
  return i == o || (i.size() > o.size() && i.starts_with(o) && (o.ends_with('/') || i[o.size()] == '/'));
}

void refuse_inputs(const fs::path& target) {
  const fs::path t = canonical_or_self(target);
  std::lock_guard lock(inputs().mu);
  for (const auto& in : inputs().paths)
    if (within(in, t))
      fail(ErrorKind::usage,
           fmt::format("{}: this run reads {} from there; writing the output there would destroy its own input. "
                       "Choose another --out",
                       target.string(), in.string()));
}

const char* kind_of(const struct stat& st) {
  if (S_ISDIR(st.st_mode)) return "a directory";
  if (S_ISCHR(st.st_mode)) return "a character device";
  if (S_ISBLK(st.st_mode)) return "a block device";
  if (S_ISFIFO(st.st_mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(st.st_mode)) return "a socket";
  if (S_ISLNK(st.st_mode)) return "a symbolic link";
  return "not a regular file";
}

void check_name(const fs::path& target) {
  if (target.empty()) fail(ErrorKind::usage, "the output path is empty; name a file or directory with --out");
}

fs::path temp_sibling(const fs::path& target, const char* tag) {
  static std::atomic<unsigned> counter{0};
  fs::path abs = fs::absolute(target);
  return abs.parent_path() / fmt::format(".{}.{}-{}-{}", abs.filename().string(), tag, ::getpid(), counter++);
}

// A killed process may linger as a zombie until its parent reaps it; that counts as gone. A stat file that
// cannot be read (the process is exiting) counts as alive: its litter is removed by a later run.
bool process_alive(long pid) {
  if (::kill(pid_t(pid), 0) != 0) return errno != ESRCH;
  // Plain read(2): a process that exits while we read makes it fail with ESRCH, which an ifstream turns into an
  // exception ("basic_filebuf::underflow error"); here it is just an unreadable file.
  std::string text(512, '\0');
  const int fd = ::open(("/proc/" + std::to_string(pid) + "/stat").c_str(), O_RDONLY | O_CLOEXEC);
  const ssize_t got = fd < 0 ? -1 : ::read(fd, text.data(), text.size());
  if (fd >= 0) ::close(fd);
  text.resize(got > 0 ? size_t(got) : 0);
  const size_t close = text.rfind(')');  // the command name may contain spaces
  return close == std::string::npos || close + 2 >= text.size() || text[close + 2] != 'Z';
}

// Siblings left by a process that was killed (".NAME.tmp-PID-N", ".NAME.old-PID-N") once that process is gone:
// a temporary is removed; an old directory is the previous output, put back if nothing took its place (the
// process died between moving it aside and renaming the new one in), removed otherwise.
void recover_siblings(const fs::path& target) {
  const fs::path abs = fs::absolute(target);
  const std::string prefix = "." + abs.filename().string() + ".";
  std::error_code ec;
  fs::directory_iterator it(abs.parent_path(), ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path p = it->path();
    const std::string name = p.filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string rest = name.substr(prefix.size());
    const bool old = rest.starts_with("old-");
    if (!old && !rest.starts_with("tmp-")) continue;
    const long pid = std::strtol(rest.c_str() + 4, nullptr, 10);
    if (pid <= 0 || process_alive(pid)) continue;
    std::error_code ignored;
    if (old && !fs::exists(fs::symlink_status(abs, ignored)) && ::rename(p.c_str(), abs.c_str()) == 0) continue;
    fs::remove_all(p, ignored);
  }
}

void ensure_parent(const fs::path& target) {
  fs::path parent = fs::absolute(target).parent_path();
  std::error_code ec;
  if (!fs::is_directory(parent, ec))
    fail(ErrorKind::io, fmt::format("{}: the directory {} does not exist", target.string(), parent.string()));
}

void fsync_path(const fs::path& p, bool directory, const fs::path& target) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
  if (fd < 0) fail(ErrorKind::io, fmt::format("{}: cannot open {} to sync it: {}", target.string(), p.string(),
                                              std::strerror(errno)));
  const int rc = ::fsync(fd), err = errno;
  ::close(fd);
  // Some file systems (e.g. a read-only or special mount) cannot sync a directory; the data is no less written.
  if (rc != 0 && !(directory && (err == EINVAL || err == EROFS)))
    fail(ErrorKind::io, fmt::format("{}: cannot write {} to disk: {} (disk full?)", target.string(), p.string(),
                                    std::strerror(err)));
}

// Every file and directory of a freshly written tree, on disk before it is renamed into place.
void fsync_tree(const fs::path& root, const fs::path& target) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) fsync_path(it->path(), false, target);
    else if (it->is_directory(ec)) fsync_path(it->path(), true, target);
  fsync_path(root, true, target);
}

// Whether `target` may be replaced by a new directory; fails with the reason when not.
void check_replaceable_dir(const fs::path& target) {
  for (int attempt = 0;; ++attempt) {
    struct stat st {};
    if (::lstat(target.c_str(), &st) != 0) return;  // gone meanwhile: nothing to replace
    if (S_ISLNK(st.st_mode))
      fail(ErrorKind::usage,
           fmt::format("{} is a symbolic link; --force replaces only a worldsys store itself: name the directory it "
                       "points to ({})",
                       target.string(), canonical_or_self(target).string()));
    if (!S_ISDIR(st.st_mode))
      fail(ErrorKind::usage, fmt::format("{} is {}, not a worldsys store; --force replaces only a worldsys store. "
                                         "Choose another --out",
                                         target.string(), kind_of(st)));
    if (is_worldsys_output_dir(target)) break;
    // Another writer may have swapped the store out and removed it while we looked inside (the path names a new
    // directory then): look again at what the path names now.
    struct stat now {};
    const bool replaced = ::lstat(target.c_str(), &now) == 0 && (now.st_ino != st.st_ino || now.st_dev != st.st_dev);
    if (!replaced || attempt >= 8)
      fail(ErrorKind::usage,
           fmt::format("{} is a directory but not a worldsys store (no meta.json); --force replaces only a worldsys "
                       "store, never other files. Choose another --out, or remove it yourself",
                       target.string()));
  }
  refuse_inputs(target);
}

// Moves `tmp` onto `target` without flags renameat2 knows: the old directory aside first (restored by the next
// run's recover_siblings should this process die between the two renames).
void replace_by_two_renames(const fs::path& tmp, const fs::path& target) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    const fs::path old = temp_sibling(target, "old");
    const bool moved = ::rename(target.c_str(), old.c_str()) == 0;
    if (!moved && errno != ENOENT)
      fail(ErrorKind::io, fmt::format("{}: cannot replace: {}", target.string(), std::strerror(errno)));
    if (::rename(tmp.c_str(), target.c_str()) == 0) {
      std::error_code ec;
      if (moved) fs::remove_all(old, ec);
      return;
    }
    const int err = errno;
    if (moved && ::rename(old.c_str(), target.c_str()) != 0) {  // another writer got in between: theirs stays
      std::error_code ec;
      fs::remove_all(old, ec);
    }
    if (err != EEXIST && err != ENOTEMPTY)
      fail(ErrorKind::io, fmt::format("{}: cannot replace: {}", target.string(), std::strerror(err)));
  }
  fail(ErrorKind::io, fmt::format("{}: cannot replace: other processes keep writing it", target.string()));
}

void put_in_place(const fs::path& tmp, const fs::path& target, bool overwrite) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) return;
    int err = errno;
    if (err == EINVAL || err == ENOSYS) {  // the file system takes no flags
      if (!overwrite && fs::exists(fs::symlink_status(target)))
        fail(ErrorKind::usage, fmt::format("{} already exists; pass --force to replace it", target.string()));
      if (overwrite) {
        check_replaceable_dir(target);
        return replace_by_two_renames(tmp, target);
      }
      if (::rename(tmp.c_str(), target.c_str()) == 0) return;
      fail(ErrorKind::io, fmt::format("{}: cannot write: {}", target.string(), std::strerror(errno)));
    }
    if (err != EEXIST && err != ENOTEMPTY)
      fail(ErrorKind::io, fmt::format("{}: cannot write: {}", target.string(), std::strerror(err)));
    if (!overwrite)  // another process created it after our check
      fail(ErrorKind::usage, fmt::format("{} already exists; pass --force to replace it", target.string()));
    check_replaceable_dir(target);
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
      std::error_code ec;
      fs::remove_all(tmp, ec);  // now the previous directory
      return;
    }
    err = errno;
    if (err == EINVAL || err == ENOSYS) return replace_by_two_renames(tmp, target);  // checked above
    if (err != ENOENT)  // ENOENT: removed meanwhile; try again
      fail(ErrorKind::io, fmt::format("{}: cannot replace: {}", target.string(), std::strerror(err)));
  }
  fail(ErrorKind::io, fmt::format("{}: cannot replace: other processes keep writing it", target.string()));
}

}  // namespace

void track_inputs(bool on) {
  std::lock_guard lock(inputs().mu);
  inputs().tracking = on;
  if (!on) inputs().paths.clear();
}

void accept_input(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ELOOP)
      fail(ErrorKind::usage, fmt::format("{}: a loop of symbolic links; point to the file itself", path.string()));
  } else if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    fail(ErrorKind::usage, fmt::format("{} is {}; worldsys reads regular files and folders only (it checks their size "
                                       "and may read them twice): save the data to a file first",
                                       path.string(), kind_of(st)));
  }
  std::lock_guard lock(inputs().mu);
  if (inputs().tracking) inputs().paths.push_back(canonical_or_self(path));
}

bool is_worldsys_output_dir(const fs::path& dir) {
  if (is_store(dir)) return true;
  if (fs::is_regular_file(dir / "arrays.json")) return true;  // --format npy (io/arrays.hpp)
  // A panel: nothing but year stores (and the hidden siblings of their writes).
  bool any = false;
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".")) continue;
    const bool year = name.size() == 4 && name.find_first_not_of("0123456789") == std::string::npos;
    if (!year || !is_store(it->path())) return false;
    any = true;
  }
  return any && !ec;
}

void atomic_write_file(const fs::path& target_in, const std::function<void(const fs::path&)>& write) {
  check_name(target_in);
  fs::path target = target_in;
  struct stat st {};
  if (::lstat(target.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    std::error_code ec;
    target = fs::canonical(target_in, ec);  // the file the link names is what the user means
    if (ec)
      fail(ErrorKind::usage, fmt::format("{} is a symbolic link that leads nowhere ({}); choose another --out",
                                         target_in.string(), ec.message()));
  }
  if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
    fail(ErrorKind::usage,
         fmt::format("{} is {}; --out writes a regular file and never replaces anything else{}", target_in.string(),
                     kind_of(st), S_ISCHR(st.st_mode) ? " (leave out --out to write to standard output)" : ""));
  ensure_parent(target);
  refuse_inputs(target);
  recover_siblings(target);
  fs::path tmp = temp_sibling(target, "tmp");
  try {
    write(tmp);
    fsync_path(tmp, false, target);
    if (::rename(tmp.c_str(), target.c_str()) != 0)
      fail(ErrorKind::io, fmt::format("{}: cannot write: {}", target.string(), std::strerror(errno)));
  } catch (...) {
    std::error_code ec;
    fs::remove(tmp, ec);
    throw;
  }
  fsync_path(fs::absolute(target).parent_path(), true, target);
}

void atomic_write_dir(const fs::path& target, bool overwrite, const std::function<void(const fs::path&)>& write) {
  check_name(target);
  ensure_parent(target);
  recover_siblings(target);
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) {
    if (!overwrite)
      fail(ErrorKind::usage, fmt::format("{} already exists; pass --force to replace it, or choose another --out",
                                         target.string()));
    check_replaceable_dir(target);  // before the work, so a refusal costs nothing
  }
  fs::path tmp = temp_sibling(target, "tmp");
  try {
    if (!fs::create_directory(tmp, ec))
      fail(ErrorKind::io, fmt::format("{}: cannot create a directory beside it: {}", target.string(), ec.message()));
    write(tmp);
    fsync_tree(tmp, target);
    put_in_place(tmp, target, overwrite);
  } catch (...) {
    fs::remove_all(tmp, ec);
    throw;
  }
  fsync_path(fs::absolute(target).parent_path(), true, target);
}

}  // namespace worldsys::io
