#include "worldsys/io/text.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

std::string read_raw(const fs::path& path) {
  accept_input(path);
  std::error_code ec;
  if (!fs::exists(path, ec)) fail(ErrorKind::input, fmt::format("{}: no such file", path.string()));
  if (fs::is_directory(path, ec)) fail(ErrorKind::input, fmt::format("{}: is a directory, expected a file", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ErrorKind::io, fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
  std::string bytes;
  bytes.resize(fs::file_size(path, ec));
  in.read(bytes.data(), std::streamsize(bytes.size()));
  if (!in) fail(ErrorKind::io, fmt::format("{}: read failed", path.string()));
  return bytes;
}

bool is_gzip(const std::string& b) { return b.size() >= 2 && uint8_t(b[0]) == 0x1f && uint8_t(b[1]) == 0x8b; }

std::string gunzip(const std::string& in, const std::string& name) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 32) != Z_OK) fail(ErrorKind::io, "zlib: inflateInit failed");
  std::string out;
  out.resize(std::max<size_t>(in.size() * 6, 1 << 16));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = uInt(in.size());
  size_t produced = 0;
  int rc = Z_OK;
  while (true) {
    if (produced == out.size()) out.resize(out.size() * 2);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = uInt(std::min<size_t>(out.size() - produced, 1u << 30));
    const size_t before = zs.avail_out;
    rc = inflate(&zs, Z_NO_FLUSH);
    produced += before - zs.avail_out;
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members are legal: continue with the next one.
      if (zs.avail_in == 0) break;
      inflateReset(&zs);
      continue;
    }
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // input ended before the stream did
    if (rc != Z_OK) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END)
    fail(ErrorKind::input, fmt::format("{}: truncated or corrupt gzip file ({} bytes decompressed before the error{}); "
                                       "download it again",
                                       name, produced, zs.msg ? std::string(": ") + zs.msg : ""));
  out.resize(produced);
  return out;
}

}  // namespace

std::string gunzip_if_gzip(std::string bytes, const std::string& name) {
  return is_gzip(bytes) ? gunzip(bytes, name) : bytes;
}

std::string gzip(const std::string& in) {
  z_stream zs{};
  // No file name and a zero time stamp in the header: the same bytes give the same file.
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    fail(ErrorKind::io, "zlib: deflateInit failed");
  std::string out(deflateBound(&zs, uLong(in.size())) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = uInt(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = uInt(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) fail(ErrorKind::io, "zlib: deflate did not finish");
  return out;
}

std::string read_text(const fs::path& path) {
  std::string bytes = read_raw(path);
  if (is_gzip(bytes)) return gunzip(bytes, path.string());
  return bytes;
}

SourceFile fingerprint(const fs::path& path) {
  const std::string bytes = read_raw(path);
  uLong crc = crc32(0L, Z_NULL, 0);
  for (size_t done = 0; done < bytes.size();) {  // crc32 takes at most 4 GiB at a time
    const size_t chunk = std::min<size_t>(bytes.size() - done, 1u << 30);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data() + done), uInt(chunk));
    done += chunk;
  }
  return {path.lexically_normal().string(), bytes.size(), fmt::format("{:08x}", crc)};
}

fs::path find_variant(const fs::path& dir, const std::string& stem, std::initializer_list<const char*> suffixes) {
  std::string tried;
  for (const char* s : suffixes) {
    fs::path p = dir / (stem + s);
    if (fs::exists(p)) return p;
    tried += (tried.empty() ? "" : " or ") + p.filename().string();
  }
  fail(ErrorKind::input, fmt::format("{}: missing {}", dir.string(), tried));
}

size_t first_invalid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned cp;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07;
    else return i;
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    static const unsigned min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string not_utf8_message(std::string_view s, size_t offset) {
  const unsigned c = static_cast<unsigned char>(s[offset]);
  // Shown as Latin-1 would read it (bytes 0xA0-0xFF are U+00A0-U+00FF there).
  const std::string latin1 =
      c >= 0xA0 ? std::string{char(c >= 0xC0 ? 0xC3 : 0xC2), char(0x80 | (c & 0x3F))} : std::string("?");
  return fmt::format("byte 0x{:02X} is not UTF-8 (a Latin-1 or Windows-1252 file? '{}' there): convert the file, "
                     "e.g. iconv -f latin1 -t utf-8 FILE > FILE.utf8",
                     c, latin1);
}

}  // namespace worldsys::io
