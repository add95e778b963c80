// Faults while writing a store: the process killed at random points, the disk full, a read-only destination,
// two imports racing for one path. Afterwards the store is complete or absent, never half-written.
#include <fmt/format.h>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <thread>

#include "io/wiod_fixture.hpp"
#include "support.hpp"
#include "worldsys/io/store.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

std::string wiod() { return (test::shared_data() / "mrio/wiod2013").string(); }

size_t entries(const fs::path& dir) { return size_t(std::distance(fs::directory_iterator(dir), fs::directory_iterator())); }

// Every year of a panel opens and validates.
void expect_complete_panel(const fs::path& dir, size_t years) {
  const auto found = io::panel_years(dir);
  ASSERT_EQ(found.size(), years);
  for (const auto& [year, path] : found) EXPECT_NO_THROW(io::read_store(path)) << year;
}

}  // namespace

TEST(Faults, KilledPanelImportLeavesCompleteStoreOrNothing) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  test::TempDir tmp;
  const fs::path out = tmp / "panel";
  std::mt19937 rng(2026);
  std::uniform_int_distribution<int> ms(1, 900);  // the whole import takes about a second
  int killed = 0;
  for (int trial = 0; trial < 8; ++trial) {
    // Spawn, sleep, SIGKILL, reap: the process is gone for good before the next step looks at the directory.
    const pid_t pid = test::start({WORLDSYS_BIN, "import", "wiod2013", wiod(), "--years", "1995-2011", "--out",
                                   out.string(), "--force"});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms(rng)));
    ::kill(pid, SIGKILL);
    killed += test::finish(pid) == 128 + SIGKILL;
    if (fs::exists(out)) expect_complete_panel(out, 17);
  }
  RecordProperty("killed_runs", killed);
  EXPECT_GT(killed, 0) << "no run was interrupted; the test did not test anything";
  // A clean run afterwards succeeds and sweeps up what the killed ones left.
  const auto r = test::run_cli("import wiod2013 " + wiod() + " --years 2010-2011 --out " + out.string() + " --force");
  ASSERT_EQ(r.rc, 0) << r.err;
  expect_complete_panel(out, 2);
  std::string left;
  for (const auto& e : fs::directory_iterator(tmp.path)) left += e.path().filename().string() + " ";
  EXPECT_EQ(entries(tmp.path), 1u) << left;
}

TEST(Faults, DiskFullLeavesNothingAndSaysSo) {
  test::TempDir tmp;
  test::write_wiod_fixture(test::tiny_mrio(), tmp / "src", 2011);
  // A file-size limit of 1 KiB makes writes of the .npy files fail as on a full disk (EFBIG instead of ENOSPC).
  // SIGXFSZ keeps its default action: worldsys itself must turn it into an error, not die of it (exit 153).
  const int rc = test::finish(test::start(
      {WORLDSYS_BIN, "import", "wiod2013", (tmp / "src").string(), "--year", "2011", "--out", (tmp / "store").string()},
      "/dev/null", tmp / "err", [] {
        const rlimit limit{1024, 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
      }));
  EXPECT_EQ(rc, 3);
  std::ifstream in(tmp / "err");
  std::string err((std::istreambuf_iterator<char>(in)), {});
  EXPECT_NE(err.find("(disk full?)"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(tmp / "store"));
  EXPECT_EQ(entries(tmp.path), 2u);  // src/ and err only
}

TEST(Faults, ReadOnlyDestinationIsAnIoError) {
  test::TempDir tmp;
  test::write_wiod_fixture(test::tiny_mrio(), tmp / "src", 2011);
  // /proc is read-only even for root, unlike a chmod-ed directory.
  const auto r = test::run_cli("import wiod2013 " + (tmp / "src").string() + " --year 2011 --out /proc/worldsys-test");
  EXPECT_EQ(r.rc, 3);
  EXPECT_NE(r.err.find("/proc/worldsys-test: cannot create a directory beside it"), std::string::npos) << r.err;
  const auto f = test::run_cli("footprint --format csv --out /proc/worldsys-test.csv");
  EXPECT_EQ(f.rc, 3);
  EXPECT_NE(f.err.find("/proc/worldsys-test.csv"), std::string::npos) << f.err;
}

TEST(Faults, ConcurrentImportsIntoOnePathLeaveOneCompleteStore) {
  WORLDSYS_REQUIRE_DATA("mrio/wiod2013");
  test::TempDir tmp;
  const fs::path out = tmp / "s";
  std::vector<pid_t> runs;
  for (int i = 0; i < 3; ++i)
    runs.push_back(test::start({WORLDSYS_BIN, "import", "wiod2013", wiod(), "--years", "2009-2011", "--out",
                                out.string(), "--force"}));
  for (const pid_t pid : runs) EXPECT_EQ(test::finish(pid), 0);
  expect_complete_panel(out, 3);
  EXPECT_EQ(entries(tmp.path), 1u);
}
