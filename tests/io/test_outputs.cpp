// Outputs under a hostile user: no path runs a command, --out never replaces what worldsys did not write, --force
// replaces only a worldsys store and never an input of the same run, concurrent writers and a crash between two
// renames leave one complete store. Process-level: exit codes and what is on disk afterwards.
#include <fmt/format.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"
#include "worldsys/io/text.hpp"
#include "worldsys/io/png.hpp"
#include "worldsys/io/store.hpp"

using namespace worldsys;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

test::CliResult synthetic(const fs::path& out, const std::string& extra = "") {
  return test::run_cli(fmt::format("synthetic --regions 2 --sectors 2 --out '{}'{}", out.string(), extra));
}

// A pid that belonged to a process now gone (forked, exited, reaped).
pid_t dead_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  test::finish(pid);
  return pid;
}

}  // namespace

TEST(Outputs, FiguresPathRunsNoCommand) {
  test::TempDir tmp;
  // The path of the published attack, and a directory whose name holds a quote (it lost every PNG).
  for (const std::string name : {"f';touch " + (tmp / "PWNED").string() + ";'", std::string("fig's dir")}) {
    const fs::path figures = tmp / name;
    const auto r = test::run_cli(std::vector<std::string>{"report", "--out", (tmp / "r.html").string(), "--figures",
                                                          figures.string()});
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_FALSE(fs::exists(tmp / "PWNED")) << "a command in the path ran";
    ASSERT_TRUE(fs::is_directory(figures));
    size_t svg = 0, png = 0;
    for (const auto& f : names_in(figures)) svg += f.ends_with(".svg"), png += f.ends_with(".png");
    EXPECT_GT(svg, 3u);
    if (io::find_rsvg_convert()) EXPECT_EQ(png, svg) << name;
    for (const auto& f : names_in(figures)) EXPECT_FALSE(f.starts_with(".")) << "a temporary left behind: " << f;
  }
}

TEST(Outputs, FiguresIntoAFileIsAUsageError) {
  test::TempDir tmp;
  test::write_file(tmp / "notes.txt", "mine\n");
  const auto r = test::run_cli(std::vector<std::string>{"report", "--out", (tmp / "r.html").string(), "--figures",
                                                        (tmp / "notes.txt").string()});
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_NE(r.err.find("not a directory"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
}

TEST(Outputs, OutRefusesAnythingButARegularFile) {
  test::TempDir tmp;
  fs::create_directory(tmp / "dir");
  test::write_file(tmp / "dir" / "thesis.txt", "x\n");
  ASSERT_EQ(::mkfifo((tmp / "fifo").c_str(), 0600), 0);
  fs::create_symlink("/dev/null", tmp / "null");  // a regression replaces the link, never /dev/null itself
  fs::create_symlink(tmp / "loop", tmp / "loop");
  for (const char* name : {"dir", "fifo", "null", "loop"}) {
    const auto r = test::run_cli(
        std::vector<std::string>{"footprint", "--format", "csv", "--out", (tmp / name).string()});
    EXPECT_EQ(r.rc, 2) << name << ": " << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  }
  EXPECT_TRUE(fs::is_regular_file(tmp / "dir" / "thesis.txt"));
  EXPECT_TRUE(fs::is_fifo(tmp / "fifo"));
  EXPECT_TRUE(fs::is_symlink(tmp / "null"));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  const auto empty = test::run_cli(std::vector<std::string>{"footprint", "--out", ""});
  EXPECT_EQ(empty.rc, 2) << empty.err;
  EXPECT_NE(empty.err.find("path is empty"), std::string::npos) << empty.err;
}

TEST(Outputs, OutThroughASymlinkWritesTheFileItNames) {
  test::TempDir tmp;
  test::write_file(tmp / "real.csv", "old\n");
  fs::create_symlink(tmp / "real.csv", tmp / "link.csv");
  const auto r = test::run_cli(
      std::vector<std::string>{"footprint", "--format", "csv", "--out", (tmp / "link.csv").string()});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(tmp / "link.csv"));
  EXPECT_GT(fs::file_size(tmp / "real.csv"), 100u);
}

TEST(Outputs, ForceReplacesOnlyAWorldsysStore) {
  test::TempDir tmp;
  fs::create_directory(tmp / "d");
  test::write_file(tmp / "d" / "thesis.txt", "x\n");
  const auto r = synthetic(tmp / "d", " --force");
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_NE(r.err.find("not a worldsys store"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_regular_file(tmp / "d" / "thesis.txt"));
  test::write_file(tmp / "f", "x\n");
  EXPECT_EQ(synthetic(tmp / "f", " --force").rc, 2);
  EXPECT_TRUE(fs::is_regular_file(tmp / "f"));
  fs::create_directory(tmp / "empty");
  EXPECT_EQ(synthetic(tmp / "empty", " --force").rc, 2);
  // A store and a panel are replaced.
  ASSERT_EQ(synthetic(tmp / "s").rc, 0);
  EXPECT_EQ(synthetic(tmp / "s").rc, 2);  // without --force
  const auto again = synthetic(tmp / "s", " --force --seed 7");
  ASSERT_EQ(again.rc, 0) << again.err;
  EXPECT_NO_THROW(io::read_store(tmp / "s"));
  EXPECT_EQ(names_in(tmp.path), (std::vector<std::string>{"d", "empty", "f", "s"}));
}

TEST(Outputs, ForceNeverReplacesAnInputOfTheSameRun) {
  test::TempDir tmp;
  const auto fx = test::run_cli(fmt::format("fixture generic --regions 2 --sectors 2 --out '{}'", (tmp / "S").string()));
  ASSERT_EQ(fx.rc, 0) << fx.err;
  const fs::path source = tmp / "S" / "generic";
  const auto before = names_in(source);
  // The published attack: the source directory as the output (not a store: refused as such).
  const auto r = test::run_cli(fmt::format("import generic '{0}' --out '{0}' --force", source.string()));
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_EQ(names_in(source), before);
  // A store that holds the source: a store, but also this run's input.
  ASSERT_EQ(synthetic(tmp / "st").rc, 0);
  fs::rename(source, tmp / "st" / "generic");
  const auto inside = test::run_cli(
      fmt::format("import generic '{}' --out '{}' --force", (tmp / "st" / "generic").string(), (tmp / "st").string()));
  EXPECT_EQ(inside.rc, 2) << inside.err;
  EXPECT_NE(inside.err.find("destroy its own input"), std::string::npos) << inside.err;
  EXPECT_EQ(names_in(tmp / "st" / "generic"), before);
}

TEST(Outputs, ConcurrentForcedWritersLeaveOneCompleteStore) {
  test::TempDir tmp;
  const fs::path out = tmp / "T";
  test::TempDir logs;  // each writer's messages, to say why one failed
  int failed = 0;
  for (int round = 0; round < 15; ++round) {
    std::vector<pid_t> runs;
    for (int w = 0; w < 4; ++w)
      runs.push_back(test::start({WORLDSYS_BIN, "synthetic", "--regions", "3", "--sectors", "3", "--seed",
                                  std::to_string(w), "--out", out.string(), "--force"},
                                 "/dev/null", logs / std::to_string(w)));
    for (size_t w = 0; w < runs.size(); ++w)
      if (const int rc = test::finish(runs[w]); rc != 0) {
        ++failed;
        ADD_FAILURE() << "round " << round << ", writer " << w << ": rc " << rc << ": " << io::read_text(logs / std::to_string(w));
      }
    ASSERT_NO_THROW(io::read_store(out)) << "round " << round;
  }
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(names_in(tmp.path), std::vector<std::string>{"T"});
}

TEST(Outputs, AStoreMovedAsideByACrashedWriterIsRestored) {
  test::TempDir tmp;
  ASSERT_EQ(synthetic(tmp / "T").rc, 0);
  const auto before = names_in(tmp / "T");
  // A writer that died between its two renames: the old store aside, nothing in its place.
  fs::rename(tmp / "T", tmp / fmt::format(".T.old-{}-0", dead_pid()));
  const auto r = synthetic(tmp / "T");
  EXPECT_EQ(r.rc, 2) << r.err;  // restored, so it exists: no --force, no replacement
  EXPECT_NE(r.err.find("already exists"), std::string::npos) << r.err;
  EXPECT_EQ(names_in(tmp / "T"), before);
  EXPECT_EQ(names_in(tmp.path), std::vector<std::string>{"T"});
}

TEST(Outputs, AtomicWriteDirLeavesTheOldStoreWhenTheWriterThrows) {
  test::TempDir tmp;
  ASSERT_EQ(synthetic(tmp / "T").rc, 0);
  EXPECT_THROW(io::atomic_write_dir(tmp / "T", true, [](const fs::path&) { throw Error(ErrorKind::io, "boom"); }),
               Error);
  EXPECT_NO_THROW(io::read_store(tmp / "T"));
  EXPECT_EQ(names_in(tmp.path), std::vector<std::string>{"T"});
}

TEST(Inputs, FifosDevicesAndLinkLoopsAreRefusedUpFront) {
  test::TempDir tmp;
  ASSERT_EQ(::mkfifo((tmp / "fifo").c_str(), 0600), 0);
  fs::create_symlink(tmp / "loop", tmp / "loop");
  // Each would block forever (a FIFO nobody writes), never end (/dev/zero) or fail obscurely: now exit 2 at once.
  const std::vector<std::vector<std::string>> cases = {
      {"poverty", "--grouped", (tmp / "fifo").string(), "--mean", "3", "--line", "2"},
      {"import", "generic", "/dev/zero", "--out", (tmp / "a").string()},
      {"import", "generic", (tmp / "fifo").string(), "--out", (tmp / "b").string()},
      {"footprint", (tmp / "loop").string()},
      {"scenario", (tmp / "fifo").string()},
      {"aggregate", "--regions", (tmp / "fifo").string(), "--out", (tmp / "c").string()},
  };
  for (const auto& args : cases) {
    const pid_t pid = test::start([&] {
      std::vector<std::string> argv{WORLDSYS_BIN};
      argv.insert(argv.end(), args.begin(), args.end());
      return argv;
    }(), "/dev/null", tmp / "err");
    int waited = 0;
    while (::kill(pid, 0) == 0 && waited < 100) {  // 10 s at most, then it hangs: kill it and fail
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 2) << args[0] << " " << args[1];
        waited = -1;
        break;
      }
      ::usleep(100000), ++waited;
    }
    if (waited >= 0) {
      ::kill(pid, SIGKILL);
      test::finish(pid);
      ADD_FAILURE() << "hangs: " << args[0] << " " << args[1];
    }
    std::ifstream in(tmp / "err");
    const std::string err((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(err.find("internal error"), std::string::npos) << err;
  }
}

TEST(Inputs, CommandLineErrorsAreOneLineWithTheVerbsHelp) {
  const auto unknown = test::run_cli("footprnt");
  EXPECT_EQ(unknown.rc, 2);
  EXPECT_EQ(unknown.err.rfind("worldsys: error: unknown verb 'footprnt'; the verbs are import, info, footprint", 0), 0u)
      << unknown.err;
  const auto option = test::run_cli("footprint --bogus");
  EXPECT_EQ(option.rc, 2);
  EXPECT_EQ(option.err, "worldsys: error: The following argument was not expected: --bogus (see `worldsys footprint "
                        "--help`)\n");
  const auto control = test::run_cli(std::vector<std::string>{"footprint", "a\rb\x1b"});
  EXPECT_NE(control.err.find("a\\x0db\\x1b: no such store directory"), std::string::npos) << control.err;
  EXPECT_EQ(std::count(control.err.begin(), control.err.end(), '\n'), 1);
}

TEST(Inputs, ImpossibleNumbersAreRefusedBeforeAnyWork) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"synthetic --regions 100000 --sectors 100000 --out /nonexistent/x", "more than this machine's"},
      {"synthetic --regions 2 --sectors 2 --categories 4000000000 --out /nonexistent/x", "more than this machine's"},
      {"prices --scale nan --raise labour_compensation --in CHN", "--scale nan: the factor wages are multiplied by"},
      {"uncertainty --sigma 50", "sigma must be a number from 0 to 2"},
      {"uncertainty --sigma nan", "sigma must be a number from 0 to 2"},
  };
  for (const auto& [args, message] : cases) {
    const auto r = test::run_cli(args);
    EXPECT_EQ(r.rc, 2) << args << ": " << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << args << ": " << r.err;
  }
}

TEST(Inputs, AnImportOptionTheFormatDoesNotReadIsAnError) {
  test::TempDir tmp;
  ASSERT_EQ(test::run_cli("fixture generic --regions 2 --sectors 2 --out " + (tmp / "fx").string()).rc, 0);
  const std::string source = (tmp / "fx" / "generic").string();
  for (const std::string option : {"--system pxp", "--dta", "--compress", "--country DEU"}) {
    const auto r = test::run_cli("import generic " + source + " " + option + " --out " + (tmp / "st").string());
    EXPECT_EQ(r.rc, 2) << option;
    EXPECT_NE(r.err.find("does not apply to generic"), std::string::npos) << option << ": " << r.err;
  }
  EXPECT_FALSE(fs::exists(tmp / "st"));
}
