#include "worldsys/io/fetch.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/evp.h>

#include <cstdio>
#include <fstream>

#include "worldsys/core/error.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

const std::vector<RegistryEntry>& fetch_registry() {
  // Addresses from ../shared/formats (Zenodo DOIs of the EXIOBASE records); providers publish no checksums in a
  // form known here, so files are checked by the size the server announces and by opening the zip before use.
  static const std::vector<RegistryEntry> r = {
      {"exiobase3", "3.8.2", "Zenodo record 5589597 (doi:10.5281/zenodo.5589597), CC BY-SA 4.0", 1995, 2022,
       {"pxp", "ixi"}, "https://zenodo.org/records/5589597/files/IOT_{year}_{system}.zip?download=1",
       "IOT_{year}_{system}.zip"},
      {"eora26", "v199.82", "needs an Eora account: log in at worldmrio.com and download Eora26_YYYY_bp.zip by hand", 0, 0,
       {}, "", ""},
      {"oecd-icio", "2023", "the OECD's download links change between releases: download from oecd.org/sti/ind/inter-country-input-output-tables.htm", 0, 0, {}, "", ""},
      {"wiod2016", "2016", "DataverseNL doi:10.34894/PJ2M1C: download WIOTS_in_R.zip from the dataset page", 0, 0, {}, "", ""},
      {"gloria", "059", "IELab GLORIA: download after registering at ielab.info", 0, 0, {}, "", ""},
      {"figaro", "25ed", "Eurostat CIRCABC: download the matrix files from the FIGARO page", 0, 0, {}, "", ""},
  };
  return r;
}

namespace {

std::string fill(std::string t, int year, const std::string& system) {
  for (auto [key, val] : {std::pair<std::string, std::string>{"{year}", std::to_string(year)}, {"{system}", system}})
    for (size_t k; (k = t.find(key)) != std::string::npos;) t.replace(k, key.size(), val);
  return t;
}

}  // namespace

std::vector<FetchItem> fetch_items(const std::string& source, int year, const std::string& system) {
  std::string known;
  for (const auto& e : fetch_registry()) {
    known += (known.empty() ? "" : ", ") + e.source;
    if (e.source != source) continue;
    if (e.url_template.empty()) fail(ErrorKind::usage, fmt::format("{} cannot be fetched automatically: {}", source, e.note));
    if (year < e.first_year || year > e.last_year)
      fail(ErrorKind::usage, fmt::format("{} {} covers {}-{}, not {}", source, e.release, e.first_year, e.last_year, year));
    const std::string sys = system.empty() && !e.systems.empty() ? e.systems[0] : system;
    if (!e.systems.empty() && std::find(e.systems.begin(), e.systems.end(), sys) == e.systems.end())
      fail(ErrorKind::usage, fmt::format("{}: --system {} unknown; expected one of {}", source, sys, fmt::join(e.systems, ", ")));
    return {{fill(e.url_template, year, sys), fill(e.file_template, year, sys), 0, ""}};
  }
  fail(ErrorKind::usage, fmt::format("no download registry entry for '{}'; known: {}", source, known));
}

std::string sha256_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ErrorKind::io, fmt::format("{}: cannot open", path.string()));
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), std::streamsize(buf.size()));
    EVP_DigestUpdate(ctx, buf.data(), size_t(in.gcount()));
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  std::string hex;
  for (unsigned i = 0; i < len; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex;
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

// One transfer attempt appending to `part` from `offset`; returns the curl code and HTTP status.
std::pair<CURLcode, long> transfer(const std::string& url, const fs::path& part, uint64_t offset, const FetchOptions& o,
                                   curl_off_t& announced) {
  std::FILE* out = std::fopen(part.c_str(), offset ? "ab" : "wb");
  if (!out) fail(ErrorKind::io, fmt::format("{}: cannot write", part.string()));
  Transfer t{out, &o, offset};
  CURL* c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, o.stall_seconds);
  curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, curl_off_t(offset));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "worldsys/" WORLDSYS_VERSION);
  const CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
  curl_easy_cleanup(c);
  std::fclose(out);
  return {rc, status};
}

}  // namespace

fs::path fetch_file(const FetchItem& item, const FetchOptions& o) {
  fs::create_directories(o.cache);
  const fs::path target = o.cache / item.file, part = o.cache / (item.file + ".part");
  auto verify = [&](const fs::path& p) {
    const uint64_t size = fs::file_size(p);
    if (item.size && size != item.size)
      return fmt::format("{} bytes, expected {}", size, item.size);
    if (!item.sha256.empty()) {
      const std::string got = sha256_file(p);
      if (got != item.sha256) return fmt::format("SHA-256 {}, expected {}", got, item.sha256);
    }
    return std::string();
  };
  if (fs::exists(target) && verify(target).empty()) return target;
  const std::string url = o.mirror.empty() ? item.url : o.mirror + "/" + item.file;
  static const bool init = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  (void)init;
  uint64_t offset = fs::exists(part) ? fs::file_size(part) : 0;
  curl_off_t announced = -1;
  auto [rc, status] = transfer(url, part, offset, o, announced);
  if (rc == CURLE_RANGE_ERROR || status == 416) {  // the server cannot resume: start again
    offset = 0;
    std::tie(rc, status) = transfer(url, part, 0, o, announced);
  }
  if (rc == CURLE_HTTP_RETURNED_ERROR)
    fail(ErrorKind::io, fmt::format("{}: HTTP {} ({}); is the registry address still right?", url, status,
                                    status == 404 ? "not found" : "refused"));
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
