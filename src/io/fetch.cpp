#include "worldsys/io/fetch.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/json_number.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

std::string hex(const unsigned char* p, unsigned n) {
  std::string h;
  for (unsigned i = 0; i < n; ++i) h += fmt::format("{:02x}", p[i]);
  return h;
}

}  // namespace

std::string file_checksum(const fs::path& path, const std::string& algo) {
  const EVP_MD* md = EVP_get_digestbyname(algo.c_str());
  if (!md || (algo != "sha1" && algo != "sha256" && algo != "md5"))
    fail(ErrorKind::usage, fmt::format("checksum algorithm '{}' unknown; expected sha1, sha256 or md5", algo));
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ErrorKind::io, fmt::format("{}: cannot open", path.string()));
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, md, nullptr);
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), std::streamsize(buf.size()));
    EVP_DigestUpdate(ctx, buf.data(), size_t(in.gcount()));
  }
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx, out, &len);
  EVP_MD_CTX_free(ctx);
  return algo + ":" + hex(out, len);
}

namespace {

struct Transfer {
  std::FILE* out;
  const FetchOptions* o;
  uint64_t offset;
};

size_t on_data(char* p, size_t size, size_t n, void* ctx) {
  auto* t = static_cast<Transfer*>(ctx);
  return std::fwrite(p, size, n, t->out) * size;
}

int on_progress(void* ctx, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(ctx);
  if (t->o->progress && total > 0) t->o->progress(t->offset + uint64_t(now), t->offset + uint64_t(total));
  return 0;
}

// A GET of `url` that follows redirects and fails on HTTP errors.
CURL* request(const std::string& url) {
  CURL* c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "worldsys/" WORLDSYS_VERSION);
  return c;
}

// One transfer attempt appending to `part` from `offset`; returns the curl code and HTTP status.
std::pair<CURLcode, long> transfer(const std::string& url, const fs::path& part, uint64_t offset, const FetchOptions& o,
                                   curl_off_t& announced) {
  std::FILE* out = std::fopen(part.c_str(), offset ? "ab" : "wb");
  if (!out) fail(ErrorKind::io, fmt::format("{}: cannot write", part.string()));
  Transfer t{out, &o, offset};
  CURL* c = request(url);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o.stall_seconds);
  curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, curl_off_t(offset));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  const CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
  curl_easy_cleanup(c);
  std::fclose(out);
  return {rc, status};
}

// The Zenodo record of the item (its REST API).
FetchItem from_zenodo(const FetchItem& item, const FetchOptions& o) {
  const std::string url = o.zenodo_api + "/records/" + item.zenodo_record;
  std::string body;
  CURL* c = request(url);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, +[](char* p, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(p, size * n);
    return size * n;
  });
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
  const CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(c);
  if (rc != CURLE_OK)
    fail(ErrorKind::io, fmt::format("{}: cannot read the Zenodo record that gives the file's size and MD5 ({}{}); check "
                                    "the network, or import a file already downloaded with `worldsys import`",
                                    url, curl_easy_strerror(rc), status ? fmt::format(", HTTP {}", status) : ""));
  return zenodo_entry(item, body, url);
}

}  // namespace

FetchItem zenodo_entry(const FetchItem& item, const std::string& record, const std::string& where) {
  const auto meta = nlohmann::json::parse(record, nullptr, false);
  const auto files = meta.is_object() && meta.contains("files") ? meta["files"] : nlohmann::json();
  if (!files.is_array())
    fail(ErrorKind::input, fmt::format("{}: not a Zenodo record (no \"files\" list)", where));
  std::vector<std::string> keys;
  auto text = [](const nlohmann::json& f, std::initializer_list<const char*> names) {
    for (const char* k : names)
      if (f.is_object() && f.contains(k) && f[k].is_string()) return f[k].get<std::string>();
    return std::string();
  };
  for (const auto& f : files) {
    if (!f.is_object()) continue;
    const std::string key = text(f, {"key", "filename"});
    keys.push_back(key);
    if (key != item.file) continue;
    FetchItem r = item;
    const auto size = detail::json_integer<uint64_t>(f.contains("size") ? f["size"] : f.value("filesize", nlohmann::json()));
    std::string md5 = text(f, {"checksum"});
    if (md5.starts_with("md5:")) md5 = md5.substr(4);
    for (char& ch : md5) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (!size || *size == 0 || md5.size() != 32 || md5.find_first_not_of("0123456789abcdef") != std::string::npos)
      fail(ErrorKind::input, fmt::format("{}: the entry of {} has no size or MD5 checksum", where, key));
    r.size = *size;
    r.checksum = "md5:" + md5;
    const auto links = f.contains("links") ? f["links"] : nlohmann::json();
    if (const std::string link = text(links, {"self", "download"}); link.starts_with("http")) r.url = link;
    return r;
  }
  std::sort(keys.begin(), keys.end());
  fail(ErrorKind::usage, fmt::format("Zenodo record {} holds no {} ({} files{})", item.zenodo_record, item.file,
                                     keys.size(), keys.empty() ? "" : fmt::format(", {} ... {}", keys.front(), keys.back())));
}

fs::path fetch_file(const FetchItem& requested, const FetchOptions& o) {
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)init;
  const FetchItem item = requested.zenodo_record.empty() ? requested : from_zenodo(requested, o);
  fs::create_directories(o.cache);
  const fs::path target = o.cache / item.file, part = o.cache / (item.file + ".part");
  auto verify = [&](const fs::path& p) {
    const uint64_t size = fs::file_size(p);
    if (item.size && size != item.size) return fmt::format("{} bytes, expected {}", size, item.size);
    if (const auto colon = item.checksum.find(':'); colon != std::string::npos) {
      const std::string got = file_checksum(p, item.checksum.substr(0, colon));
      if (got != item.checksum) return fmt::format("checksum {}, expected {}", got, item.checksum);
    }
    return std::string();
  };
  if (fs::exists(target) && verify(target).empty()) return target;
  const std::string url = o.mirror.empty() ? item.url : o.mirror + "/" + item.file;
  uint64_t offset = fs::exists(part) ? fs::file_size(part) : 0;
  curl_off_t announced = -1;
  auto [rc, status] = transfer(url, part, offset, o, announced);
  if (rc == CURLE_RANGE_ERROR || status == 416) {  // the server cannot resume: start again
    offset = 0;
    std::tie(rc, status) = transfer(url, part, 0, o, announced);
  }
  if (rc == CURLE_HTTP_RETURNED_ERROR)
    fail(ErrorKind::io, fmt::format("{}: HTTP {} ({}); is the registry address still right? (`worldsys fetch --list` "
                                    "says where it comes from; --mirror fetches the same file from elsewhere)",
                                    url, status, status == 404 ? "not found" : "refused"));
  if (rc == CURLE_OPERATION_TIMEDOUT)
    fail(ErrorKind::io, fmt::format("{}: the transfer stalled (under 1 byte/s for {} s) after {} bytes; run the same "
                                    "command again to resume",
                                    url, o.stall_seconds, fs::exists(part) ? fs::file_size(part) : 0));
  if (rc != CURLE_OK)
    fail(ErrorKind::io, fmt::format("{}: interrupted after {} bytes ({}); run the same command again to resume", url,
                                    fs::exists(part) ? fs::file_size(part) : 0, curl_easy_strerror(rc)));
  if (announced >= 0 && fs::file_size(part) != offset + uint64_t(announced))
    fail(ErrorKind::io, fmt::format("{}: {} bytes arrived, the server announced {}; run again to resume", url,
                                    fs::file_size(part), offset + uint64_t(announced)));
  if (const std::string bad = verify(part); !bad.empty()) {
    fs::remove(part);
    fail(ErrorKind::input, fmt::format("{}: downloaded file has {}; it was deleted, run again (or check the "
                                       "registry entry)",
                                       url, bad));
  }
  fs::rename(part, target);
  return target;
}

}  // namespace worldsys::io
