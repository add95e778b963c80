// worldsys fetch against a local HTTP server on 127.0.0.1 serving fixture files: a complete download, an
// interrupted one resumed, a server without ranges, a wrong checksum, 404, a stalled server, and the CLI end to end.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/fetch.hpp"
#include "worldsys/io/formats.hpp"

namespace worldsys {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// Starts the server on a directory of files; stops it (by its pid) at destruction.
struct Server {
  test::TempDir dir;
  int pid = 0, port = 0;
  Server() {
    fs::create_directories(dir / "www");
    const fs::path portfile = dir / "port", pidfile = dir / "pid";
    const std::string script = (fs::path(WORLDSYS_TEST_SOURCE) / "io" / "http_fixture_server.py").string();
    std::system(("python3 '" + script + "' '" + (dir / "www").string() + "' '" + portfile.string() +
                 "' >/dev/null 2>&1 & echo $! > '" + pidfile.string() + "'")
                    .c_str());
    // Generous: python starts slowly on a loaded 2-core CI machine. The server writes the file atomically.
    for (int i = 0; i < 2400 && !fs::exists(portfile); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    if (!fs::exists(portfile)) throw std::runtime_error("the fixture HTTP server did not start in 60 s");
    port = std::stoi(slurp(portfile));
    pid = std::stoi(slurp(pidfile));
  }
  ~Server() {
    if (pid > 0) kill(pid, SIGTERM);
  }
  std::string url(const std::string& mode) const { return "http://127.0.0.1:" + std::to_string(port) + "/" + mode; }
  fs::path www() const { return dir / "www"; }
};

// A file of known content in the server's directory.
io::FetchItem serve(const Server& s, const std::string& name, size_t bytes) {
  std::string data(bytes, '\0');
  for (size_t i = 0; i < bytes; ++i) data[i] = char('a' + (i * 7919) % 26);
  test::write_file(s.www() / name, data);
  return {"https://example.invalid/" + name, name, bytes, io::sha256_file(s.www() / name)};
}

TEST(Fetch, DownloadsAndVerifies) {
  Server s;
  const auto item = serve(s, "table.zip", 300000);
  test::TempDir cache;
  io::FetchOptions o{cache.path, s.url("files"), 5, {}};
  const auto got = io::fetch_file(item, o);
  EXPECT_EQ(slurp(got), slurp(s.www() / "table.zip"));
  EXPECT_FALSE(fs::exists(cache / "table.zip.part"));
  EXPECT_EQ(io::fetch_file(item, o), got);  // cached: no second transfer
  const std::string log = slurp(s.www() / "ranges.log");
  EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << log;
}

TEST(Fetch, ResumesAnInterruptedTransfer) {
  Server s;
  const auto item = serve(s, "big.zip", 400000);
  test::TempDir cache;
  io::FetchOptions o{cache.path, s.url("cut"), 5, {}};
  try {
    io::fetch_file(item, o);
    FAIL() << "expected an interrupted transfer";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("run the same command again to resume"), std::string::npos) << e.what();
  }
  ASSERT_TRUE(fs::exists(cache / "big.zip.part"));
  const auto half = fs::file_size(cache / "big.zip.part");
  EXPECT_GT(half, 0u);
  EXPECT_LT(half, 400000u);
  o.mirror = s.url("files");
  const auto got = io::fetch_file(item, o);
  EXPECT_EQ(slurp(got), slurp(s.www() / "big.zip"));
  EXPECT_NE(slurp(s.www() / "ranges.log").find("files bytes=" + std::to_string(half) + "-"), std::string::npos)
      << slurp(s.www() / "ranges.log");
}

TEST(Fetch, StartsAgainWhenTheServerCannotResume) {
  Server s;
  const auto item = serve(s, "t.zip", 200000);
  test::TempDir cache;
  test::write_file(cache / "t.zip.part", std::string(1000, 'x'));  // a stale partial file
  io::FetchOptions o{cache.path, s.url("norange"), 5, {}};
  EXPECT_EQ(slurp(io::fetch_file(item, o)), slurp(s.www() / "t.zip"));
}

TEST(Fetch, WrongChecksumIsRefusedAndDeleted) {
  Server s;
  auto item = serve(s, "t.zip", 5000);
  item.sha256 = std::string(64, '0');
  test::TempDir cache;
  io::FetchOptions o{cache.path, s.url("files"), 5, {}};
  try {
    io::fetch_file(item, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("SHA-256"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(cache / "t.zip"));
  EXPECT_FALSE(fs::exists(cache / "t.zip.part"));
}

TEST(Fetch, NotFound) {
  Server s;
  test::TempDir cache;
  io::FetchOptions o{cache.path, s.url("files"), 5, {}};
  try {
    io::fetch_file({"https://example.invalid/missing.zip", "missing.zip", 0, ""}, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("HTTP 404"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("127.0.0.1"), std::string::npos) << e.what();
  }
}

TEST(Fetch, StalledServer) {
  Server s;
  const auto item = serve(s, "slow.zip", 100);
  test::TempDir cache;
  io::FetchOptions o{cache.path, s.url("slow"), 1, {}};
  try {
    io::fetch_file(item, o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("stalled"), std::string::npos) << e.what();
  }
}

TEST(Fetch, RegistrySaysWhatItCannotFetch) {
  EXPECT_EQ(io::fetch_items("exiobase3", 2019, "pxp").at(0).file, "IOT_2019_pxp.zip");
  try {
    io::fetch_items("eora26", 2015, "");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("account"), std::string::npos) << e.what();
  }
  EXPECT_THROW(io::fetch_items("exiobase3", 1970, "pxp"), Error);
}

TEST(Fetch, CliDownloadsAndImports) {
  Server s;
  io::FixtureOptions fo;
  fo.year = 2019;
  const auto fx = io::write_fixture("exiobase3", s.www(), fo);  // IOT_2019_pxp.zip
  test::TempDir work;
  const auto r = test::run_cli("fetch exiobase3 --year 2019 --system pxp --cache '" + (work / "cache").string() +
                               "' --mirror " + s.url("files") + " --out '" + (work / "store").string() + "'");
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(fs::exists(work / "cache/IOT_2019_pxp.zip"));
  EXPECT_TRUE(fs::exists(work / "store/meta.json"));
}

}  // namespace
}  // namespace worldsys
