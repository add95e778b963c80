#include "worldsys/io/png.hpp"

#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"

extern char** environ;

namespace worldsys::io {

namespace fs = std::filesystem;

std::optional<fs::path> find_rsvg_convert() {
  const char* path = std::getenv("PATH");
  std::string_view dirs = path ? path : "/usr/bin:/bin";
  while (true) {
    const size_t colon = dirs.find(':');
    const fs::path candidate = fs::path(dirs.substr(0, colon).empty() ? "." : dirs.substr(0, colon)) / "rsvg-convert";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) return std::nullopt;
    dirs.remove_prefix(colon + 1);
  }
}

void render_png(const fs::path& rsvg_convert, const fs::path& svg, const fs::path& png) {
  atomic_write_file(png, [&](const fs::path& tmp) {
    std::vector<std::string> args = {rsvg_convert.string(), "-z", "2", "-o", fs::absolute(tmp).string(),
                                     fs::absolute(svg).string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (const int rc = ::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ); rc != 0)
      fail(ErrorKind::io, fmt::format("cannot start {}: {}", rsvg_convert.string(), std::strerror(rc)));
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
      if (errno != EINTR) fail(ErrorKind::io, fmt::format("{}: waitpid: {}", rsvg_convert.string(), std::strerror(errno)));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
      fail(ErrorKind::io, fmt::format("{}: rsvg-convert failed on {} (disk full, or a damaged SVG?)", png.string(),
                                      svg.string()));
  });
}

}  // namespace worldsys::io
