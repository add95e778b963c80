#pragma once
// Helpers shared by the tests: the real data directory (tests skip without it), a tiny hand-made table,
// scratch directories and running the CLI.
#include <gtest/gtest.h>

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "worldsys/core/mrio.hpp"

namespace worldsys::test {

std::filesystem::path shared_data();
// Skips the calling test (with a message) when ../shared/data/<sub> is absent.
#define WORLDSYS_REQUIRE_DATA(sub)                                                                  \
  do {                                                                                              \
    if (!std::filesystem::exists(::worldsys::test::shared_data() / (sub)))                          \
      GTEST_SKIP() << "real data not found at " << (::worldsys::test::shared_data() / (sub)).string() \
                   << " (clone with ../shared beside the project to run this test)";                \
  } while (0)

// Two regions x two sectors, one stressor and F_Y, balanced (x = Z 1 + Y 1).
Mrio tiny_mrio();

// A fresh, empty directory under the system temp dir, removed at destruction.
struct TempDir {
  std::filesystem::path path;
  TempDir();
  ~TempDir();
  std::filesystem::path operator/(const std::string& s) const { return path / s; }
};

struct CliResult {
  int rc;
  std::string out, err;
};
// Runs the worldsys binary with `args`, split into words as a shell would (single and double quotes, backslash)
// but without one: nothing is expanded, nothing else runs.
CliResult run_cli(const std::string& args);
CliResult run_cli(const std::vector<std::string>& args);

// Starts `argv` (argv[0] a path) without a shell, standard output and error to the given files; `in_child`
// runs in the child before exec (limits, signals). `finish` waits and gives the exit code, 128 + N for signal N.
pid_t start(const std::vector<std::string>& argv, const std::filesystem::path& out = "/dev/null",
            const std::filesystem::path& err = "/dev/null", const std::function<void()>& in_child = {});
int finish(pid_t pid);

// Writes `text` to `path`.
void write_file(const std::filesystem::path& path, const std::string& text);

}  // namespace worldsys::test
