// worldsys fetch against a local HTTP server on 127.0.0.1 serving fixture files: a complete download, an
// interrupted one resumed, a server without ranges, wrong checksums (pinned or from a Zenodo record), 404, a stalled
// server, the registry's answers, and the CLI end to end.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <fstream>
#include <thread>

#include "support.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/fetch.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/store.hpp"

#include <nlohmann/json.hpp>

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
    const fs::path portfile = dir / "port";
    const std::string script = (fs::path(WORLDSYS_TEST_SOURCE) / "io" / "http_fixture_server.py").string();
    pid = test::start({"/usr/bin/python3", script, (dir / "www").string(), portfile.string()});
    // Generous: python starts slowly on a loaded 2-core CI machine. The server writes the file atomically.
    for (int i = 0; i < 2400 && !fs::exists(portfile); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    if (!fs::exists(portfile)) throw std::runtime_error("the fixture HTTP server did not start in 60 s");
    port = std::stoi(slurp(portfile));
  }
  ~Server() {
    if (pid > 0) kill(pid, SIGTERM), test::finish(pid);
  }
  std::string url(const std::string& mode) const { return "http://127.0.0.1:" + std::to_string(port) + "/" + mode; }
  fs::path www() const { return dir / "www"; }
};

// A file of known content in the server's directory.
io::FetchItem serve(const Server& s, const std::string& name, size_t bytes) {
  std::string data(bytes, '\0');
  for (size_t i = 0; i < bytes; ++i) data[i] = char('a' + (i * 7919) % 26);
  test::write_file(s.www() / name, data);
  return {"https://example.invalid/" + name, name, bytes, io::file_checksum(s.www() / name, "sha256"), ""};
}

// A Zenodo record (current API field names, or the legacy ones) listing `files` of the server's directory.
void serve_record(const Server& s, const std::string& id, const std::vector<std::string>& files, bool legacy = false,
                  const std::string& md5_override = "") {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& f : files) {
    std::string md5 = io::file_checksum(s.www() / f, "md5");
    if (!md5_override.empty()) md5 = "md5:" + md5_override;
    const auto size = fs::file_size(s.www() / f);
    const std::string link = s.url("files") + "/" + f;
    list.push_back(legacy ? nlohmann::json{{"filename", f}, {"filesize", size}, {"checksum", md5.substr(4)},
                                           {"links", {{"download", link}}}}
                          : nlohmann::json{{"key", f}, {"size", size}, {"checksum", md5},
                                           {"links", {{"self", link}}}});
  }
  test::write_file(s.www() / ("record-" + id + ".json"), nlohmann::json{{"id", id}, {"files", list}}.dump());
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
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
  EXPECT_NE(error_of([&] { io::fetch_file(item, o); }).find("run the same command again to resume"), std::string::npos);
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
  item.checksum = "sha256:" + std::string(64, '0');
  test::TempDir cache;
  io::FetchOptions o{cache.path, s.url("files"), 5, {}};
  const std::string e = error_of([&] { io::fetch_file(item, o); });
  EXPECT_NE(e.find("checksum sha256:"), std::string::npos) << e;
  EXPECT_NE(e.find("deleted"), std::string::npos) << e;
  EXPECT_FALSE(fs::exists(cache / "t.zip"));
  EXPECT_FALSE(fs::exists(cache / "t.zip.part"));
}

TEST(Fetch, PinnedSha1AndSize) {  // as the registry pins WIOD 2016
  Server s;
  auto item = serve(s, "WIOTS_in_R.zip", 7000);
  item.checksum = io::file_checksum(s.www() / "WIOTS_in_R.zip", "sha1");
  EXPECT_EQ(item.checksum.size(), 5u + 40u);
  test::TempDir cache;
  io::FetchOptions o{cache.path, s.url("files"), 5, {}};
  EXPECT_EQ(slurp(io::fetch_file(item, o)), slurp(s.www() / "WIOTS_in_R.zip"));
  // A cached file that no longer verifies (damaged on disk) is downloaded again.
  test::write_file(cache / "WIOTS_in_R.zip", std::string(7000, 'z'));
  EXPECT_EQ(slurp(io::fetch_file(item, o)), slurp(s.www() / "WIOTS_in_R.zip"));
  item.size = 6999;
  fs::remove(cache / "WIOTS_in_R.zip");
  EXPECT_NE(error_of([&] { io::fetch_file(item, o); }).find("7000 bytes, expected 6999"), std::string::npos);
  EXPECT_EQ(error_of([] { io::file_checksum("/nonexistent", "crc32"); }).find("checksum algorithm 'crc32' unknown"), 0u);
}

TEST(Fetch, ZenodoRecordGivesSizeChecksumAndAddress) {
  Server s;
  serve(s, "IOT_2019_pxp.zip", 90000);
  serve(s, "IOT_2019_ixi.zip", 100);
  test::TempDir cache;
  io::FetchOptions o{cache.path, "", 5, {}, s.url("api")};
  const io::FetchItem item{"https://example.invalid/IOT_2019_pxp.zip", "IOT_2019_pxp.zip", 0, "", "5589597"};
  for (bool legacy : {false, true}) {
    serve_record(s, "5589597", {"IOT_2019_ixi.zip", "IOT_2019_pxp.zip"}, legacy);
    fs::remove_all(cache.path);
    // No mirror: the address is the record's link (the server), not the item's example.invalid.
    EXPECT_EQ(slurp(io::fetch_file(item, o)), slurp(s.www() / "IOT_2019_pxp.zip")) << legacy;
  }
  // The record's MD5 disagrees with the bytes: refused, nothing kept.
  serve_record(s, "5589597", {"IOT_2019_pxp.zip"}, false, std::string(32, 'f'));
  fs::remove_all(cache.path);
  std::string e = error_of([&] { io::fetch_file(item, o); });
  EXPECT_NE(e.find("expected md5:ffff"), std::string::npos) << e;
  EXPECT_FALSE(fs::exists(cache / "IOT_2019_pxp.zip"));
  EXPECT_FALSE(fs::exists(cache / "IOT_2019_pxp.zip.part"));
  // A year the record does not hold.
  serve_record(s, "5589597", {"IOT_2019_ixi.zip", "IOT_2019_pxp.zip"});
  e = error_of([&] { io::fetch_file({"", "IOT_1990_pxp.zip", 0, "", "5589597"}, o); });
  EXPECT_NE(e.find("holds no IOT_1990_pxp.zip (2 files, IOT_2019_ixi.zip ... IOT_2019_pxp.zip)"), std::string::npos) << e;
  // A record that does not exist, or is not a record.
  e = error_of([&] { io::fetch_file({"", "IOT_2019_pxp.zip", 0, "", "42"}, o); });
  EXPECT_NE(e.find("cannot read the Zenodo record"), std::string::npos) << e;
  EXPECT_NE(e.find("HTTP 404"), std::string::npos) << e;
  test::write_file(s.www() / "record-43.json", "<html>maintenance</html>");
  e = error_of([&] { io::fetch_file({"", "IOT_2019_pxp.zip", 0, "", "43"}, o); });
  EXPECT_NE(e.find("not a Zenodo record"), std::string::npos) << e;
}

TEST(Fetch, MalformedZenodoRecords) {  // metadata is untrusted input: each case an error, never a crash
  const io::FetchItem item{"https://zenodo.org/x", "IOT_2019_pxp.zip", 0, "", "1"};
  const std::string md5 = "\"md5:0123456789ABCDEF0123456789abcdef\"";
  const auto ok = io::zenodo_entry(
      item, R"({"files":[{"key":"IOT_2019_pxp.zip","size":12,"checksum":)" + md5 + "}]}", "rec");
  EXPECT_EQ(ok.checksum, "md5:0123456789abcdef0123456789abcdef");  // lower-cased, as file_checksum writes it
  EXPECT_EQ(ok.size, 12u);
  EXPECT_EQ(ok.url, "https://zenodo.org/x");  // no link: the registry's address
  for (const std::string bad : {"", "[]", "{\"files\":3}", "{\"files\":{}}", "<html>"})
    EXPECT_NE(error_of([&] { io::zenodo_entry(item, bad, "rec"); }).find("rec: not a Zenodo record"), std::string::npos) << bad;
  for (const std::string& entry :
       {R"({"key":"IOT_2019_pxp.zip","size":12.5,"checksum":)" + md5 + "}", R"({"key":"IOT_2019_pxp.zip","size":-1,"checksum":)" + md5 + "}",
        R"({"key":"IOT_2019_pxp.zip","size":0,"checksum":)" + md5 + "}", R"({"key":"IOT_2019_pxp.zip","size":"12","checksum":)" + md5 + "}",
        std::string(R"({"key":"IOT_2019_pxp.zip","size":12,"checksum":"md5:xyz"})"),
        std::string(R"({"key":"IOT_2019_pxp.zip","size":12,"checksum":["md5"]})"),
        std::string(R"({"key":"IOT_2019_pxp.zip","size":12})")})
    EXPECT_NE(error_of([&] { io::zenodo_entry(item, "{\"files\":[" + entry + "]}", "rec"); }).find("no size or MD5"),
              std::string::npos)
        << entry;
  EXPECT_NE(error_of([&] { io::zenodo_entry(item, R"({"files":[1,"a",null,{"key":5}]})", "rec"); }).find("holds no IOT_2019_pxp.zip"),
            std::string::npos);
}

TEST(Fetch, NotFound) {
  Server s;
  test::TempDir cache;
  io::FetchOptions o{cache.path, s.url("files"), 5, {}};
  const std::string e = error_of([&] { io::fetch_file({"https://example.invalid/missing.zip", "missing.zip", 0, "", ""}, o); });
  EXPECT_NE(e.find("HTTP 404"), std::string::npos) << e;
  EXPECT_NE(e.find("127.0.0.1"), std::string::npos) << e;
}

TEST(Fetch, StalledServer) {
  Server s;
  const auto item = serve(s, "slow.zip", 100);
  test::TempDir cache;
  io::FetchOptions o{cache.path, s.url("slow"), 1, {}};
  EXPECT_NE(error_of([&] { io::fetch_file(item, o); }).find("stalled"), std::string::npos);
}

TEST(FetchRegistry, AnswersWhatItKnows) {
  auto plan = io::plan_fetch("exiobase3", "", 2019, "");
  EXPECT_EQ(plan.entry->release, "3.8.2");
  EXPECT_EQ(plan.system, "pxp");
  EXPECT_EQ(plan.dir, fs::path("exiobase3/3.8.2"));
  ASSERT_EQ(plan.items.size(), 1u);
  EXPECT_EQ(plan.items[0].file, "IOT_2019_pxp.zip");
  EXPECT_EQ(plan.items[0].zenodo_record, "5589597");
  EXPECT_EQ(plan.items[0].url, "https://zenodo.org/records/5589597/files/IOT_2019_pxp.zip?download=1");
  EXPECT_EQ(io::plan_fetch("exiobase3", "3.10.2", 2024, "ixi").items.at(0).zenodo_record, "20051562");
  EXPECT_EQ(io::plan_fetch("oecd-icio", "", 2003, "").items.at(0).file, "2001-2005_SML.zip");
  EXPECT_EQ(io::plan_fetch("oecd-icio", "2025", 2021, "extended").items.at(0).file, "2016-2022.zip");
  const auto sut = io::plan_fetch("figaro", "", 2021, "sut");
  ASSERT_EQ(sut.items.size(), 2u);
  EXPECT_EQ(sut.items[0].file, "flatfile_eu-ic-supply_24ed_2021.zip");
  EXPECT_EQ(sut.items[1].file, "flatfile_eu-ic-use_24ed_2021.zip");
  EXPECT_EQ(io::plan_fetch("figaro", "", 2021, "pxp").items.at(0).file, "flatfile_eu-ic-io_prod-by-prod_24ed_2021.zip");
  EXPECT_EQ(io::plan_fetch("figaro", "", 2021, "ixi").system, "ind-by-ind");  // the names import takes
  const auto wiod = io::plan_fetch("wiod2016", "", 2014, "");
  EXPECT_EQ(wiod.items.at(0).size, 641578409u);
  EXPECT_EQ(wiod.items.at(0).checksum, "sha1:51efc2a6c0358cff485e24d6b4b96ffe27f4e23a");

  auto err = [](auto&&... a) { return error_of([&] { io::plan_fetch(a...); }); };
  EXPECT_NE(err("exiobase3", "", 2024, "pxp").find("exiobase3 3.8.2 pxp covers 1995-2022, not 2024 (--release 3.10.2 does)"), std::string::npos);
  EXPECT_NE(err("exiobase3", "3.7", 2010, "").find("known: 3.8.2, 3.9.4"), std::string::npos);
  EXPECT_NE(err("exiobase3", "", 2010, "sut").find("expected one of pxp, ixi"), std::string::npos);
  EXPECT_NE(err("oecd-icio", "2025", 2003, "extended").find("covers 2011-2022, not 2003"), std::string::npos);
  EXPECT_NE(err("oecd-icio", "", 2022, "small").find("covers 1995-2020, not 2022 (--release 2025 does)"), std::string::npos);
  EXPECT_NE(err("wiod2016", "", 2014, "pxp").find("no --system"), std::string::npos);
  EXPECT_NE(err("eora26", "", 2015, "").find("needs an account"), std::string::npos);
  EXPECT_NE(err("gloria", "", 2015, "").find("registration"), std::string::npos);
  EXPECT_NE(err("exio", "", 2015, "").find("known: exiobase3, oecd-icio"), std::string::npos);
}

TEST(FetchRegistry, EveryEntryIsWellFormed) {
  std::map<std::string, int> preferred;
  for (const auto& e : io::fetch_registry()) {
    preferred[e.source] += e.preferred;
    EXPECT_FALSE(e.origin.empty()) << e.source << " " << e.release;
    if (!e.manual.empty()) continue;
    ASSERT_FALSE(e.files.empty()) << e.source;
    for (const auto& f : e.files) {
      EXPECT_TRUE(f.url.starts_with("https://")) << f.url;
      EXPECT_TRUE(f.file.ends_with(".zip")) << f.file;
      EXPECT_LE(f.first_year, f.last_year);
      EXPECT_TRUE(f.system.empty() || std::count(e.systems.begin(), e.systems.end(), f.system)) << f.system;
      EXPECT_TRUE(f.checksum.empty() || f.checksum.starts_with("sha1:") || f.checksum.starts_with("sha256:"));
      // The registry answers the file's first and last year with it, every template filled.
      const std::string sys = f.system.empty() && !e.systems.empty() ? e.systems[0] : f.system;
      for (int y : {f.first_year, f.last_year}) {
        const auto items = io::plan_fetch(e.source, e.release, y, sys).items;
        EXPECT_TRUE(std::any_of(items.begin(), items.end(), [&](const io::FetchItem& i) {
          return i.file.find('{') == std::string::npos && i.url.find('{') == std::string::npos;
        })) << e.source << " " << e.release << " " << y;
      }
    }
  }
  for (const auto& [source, n] : preferred) EXPECT_EQ(n, 1) << source << ": one default release";
}

TEST(Fetch, CliListsTheRegistry) {
  const auto r = test::run_cli("fetch --list --format csv");
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_EQ(r.out.rfind("source,release,default,systems,years,verified_by,address,origin", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("exiobase3,3.8.2,yes,pxp ixi,1995-2022,size and MD5 from the Zenodo record"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("wiod2016,2016,yes,,2000-2014,size and sha1,https://dataverse.nl/api/access/datafile/199101"),
            std::string::npos)
      << r.out;
  const auto bad = test::run_cli("fetch exiobase3");
  EXPECT_EQ(bad.rc, 2);
  EXPECT_NE(bad.err.find("--list"), std::string::npos) << bad.err;
}

TEST(Fetch, CliDownloadsAndImports) {  // EXIOBASE: the Zenodo record gives size and MD5, the mirror the bytes
  Server s;
  io::FixtureOptions fo;
  fo.year = 2019;
  io::write_fixture("exiobase3", s.www(), fo);  // IOT_2019_pxp.zip
  serve_record(s, "5589597", {"IOT_2019_pxp.zip"});
  test::TempDir work;
  const auto r = test::run_cli("fetch exiobase3 --year 2019 --system pxp --cache '" + (work / "cache").string() +
                               "' --mirror " + s.url("files") + " --zenodo-api " + s.url("api") + " --out '" +
                               (work / "store").string() + "'");
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(fs::exists(work / "cache/exiobase3/3.8.2/IOT_2019_pxp.zip"));
  EXPECT_TRUE(fs::exists(work / "store/meta.json"));
}

TEST(Fetch, CliBundleOfYears) {  // OECD ICIO 2023: the five-year bundle, then --year picks the table in it
  Server s;
  io::FixtureOptions fo;
  fo.year = 2003;
  fo.variant = "2023sml";
  const auto fx = io::write_fixture("oecd-icio", s.www(), fo);
  ASSERT_EQ(fx.path.filename(), "2001-2005_SML.zip");
  test::TempDir work;
  const auto r = test::run_cli("fetch oecd-icio --year 2003 --cache '" + (work / "cache").string() + "' --mirror " +
                               s.url("files") + " --out '" + (work / "store").string() + "'");
  EXPECT_EQ(r.rc, 0) << r.err;
  const Mrio m = io::read_store(work / "store");
  EXPECT_EQ(m.provenance.year, 2003);
  EXPECT_EQ(m.n(), fx.expected.n());
}

TEST(Fetch, CliSupplyAndUse) {  // FIGARO sut: two files downloaded, imported together from their folder
  Server s;
  io::FixtureOptions fo;
  fo.year = 2021;
  fo.variant = "flat-sut";
  const auto fx = io::write_fixture("figaro", s.www(), fo);
  for (const auto& f : fs::directory_iterator(s.www())) {  // the fixture writes the 25th edition's names
    std::string name = f.path().filename().string();
    if (const auto k = name.find("_25ed_"); k != std::string::npos)
      fs::rename(f.path(), s.www() / name.replace(k, 6, "_24ed_"));
  }
  test::TempDir work;
  const auto r = test::run_cli("fetch figaro --system sut --year 2021 --cache '" + (work / "cache").string() +
                               "' --mirror " + s.url("files") + " --out '" + (work / "store").string() + "'");
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_TRUE(fs::exists(work / "cache/figaro/24ed/flatfile_eu-ic-use_24ed_2021.zip"));
  const Mrio m = io::read_store(work / "store");
  ASSERT_EQ(m.n(), fx.expected.n());
  for (size_t i = 0; i < m.n(); ++i) EXPECT_NEAR(m.x[i], fx.expected.x[i], 1e-9 * std::abs(fx.expected.x[i])) << i;
}

}  // namespace
}  // namespace worldsys
