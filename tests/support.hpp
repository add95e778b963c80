#pragma once
// Helpers shared by the tests: the real data directory (tests skip without it), a tiny hand-made table,
// scratch directories and running the CLI.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

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
// Runs the worldsys binary with `args` (shell-quoted by the caller where needed).
CliResult run_cli(const std::string& args);

// Writes `text` to `path`.
void write_file(const std::filesystem::path& path, const std::string& text);

}  // namespace worldsys::test
