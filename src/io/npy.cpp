#include "worldsys/io/npy.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <fstream>
#include <regex>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

void write_raw(const fs::path& path, const std::vector<size_t>& shape, const double* data, size_t count,
               bool f32 = false) {
  std::string dims;
  for (size_t d : shape) dims += fmt::format("{}, ", d);
  if (shape.size() == 2) dims.resize(dims.size() - 2);
  std::string header = fmt::format("{{'descr': '<f{}', 'fortran_order': True, 'shape': ({}), }}", f32 ? 4 : 8, dims);
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::ofstream out(path, std::ios::binary);
  if (!out) fail(ErrorKind::io, fmt::format("{}: cannot create file", path.string()));
  const uint16_t hlen = uint16_t(header.size());
  out.write("\x93NUMPY\x01\x00", 8);
  out.write(reinterpret_cast<const char*>(&hlen), 2);
  out.write(header.data(), std::streamsize(header.size()));
  if (f32) {
    std::vector<float> f(count);
    for (size_t i = 0; i < count; ++i) {
      // Checked before the conversion: a finite double beyond float's range does not convert (undefined).
      if (std::isfinite(data[i]) && std::abs(data[i]) > std::numeric_limits<float>::max())
        fail(ErrorKind::input, fmt::format("{}: value {} is beyond float32's range; write this store as float64",
                                           path.string(), data[i]));
      f[i] = static_cast<float>(data[i]);
    }
    out.write(reinterpret_cast<const char*>(f.data()), std::streamsize(count * sizeof(float)));
  } else {
    out.write(reinterpret_cast<const char*>(data), std::streamsize(count * sizeof(double)));
  }
  out.flush();
  if (!out) fail(ErrorKind::io, fmt::format("{}: write failed (disk full?)", path.string()));
}

struct Header {
  std::vector<size_t> shape;
  bool fortran = false;
  bool f32 = false;
  size_t count = 1;
};

// Parses the header and checks that the body holds exactly the data it announces; leaves `in` at the data.
Header read_header(std::ifstream& in, const fs::path& path) {
  if (!in) fail(ErrorKind::input, fmt::format("{}: missing; the store is incomplete, import it again", path.string()));
  char magic[10];
  in.read(magic, 10);
  if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    fail(ErrorKind::input, fmt::format("{}: not a .npy file (bad magic bytes)", path.string()));
  if (magic[6] < 1 || magic[6] > 3)
    fail(ErrorKind::input, fmt::format("{}: unsupported .npy format version {}", path.string(), int(magic[6])));
  size_t hlen = uint8_t(magic[8]) | (size_t(uint8_t(magic[9])) << 8);
  if (magic[6] != 1) {
    char more[2];
    in.read(more, 2);
    hlen |= (size_t(uint8_t(more[0])) << 16) | (size_t(uint8_t(more[1])) << 24);
  }
  if (hlen > fs::file_size(path))
    fail(ErrorKind::input, fmt::format("{}: .npy header length {} exceeds the file; the file is damaged", path.string(), hlen));
  std::string header(hlen, '\0');
  in.read(header.data(), std::streamsize(hlen));
  if (!in) fail(ErrorKind::input, fmt::format("{}: truncated .npy header", path.string()));
  Header h;
  std::smatch m;
  if (!std::regex_search(header, m, std::regex("'descr':\\s*'([<|=]?)(f8|f4)'")))
    fail(ErrorKind::input, fmt::format("{}: unsupported dtype in header {}; expected float64 ('<f8') or float32",
                                       path.string(), header));
  h.f32 = m[2] == "f4";
  h.fortran = std::regex_search(header, std::regex("'fortran_order':\\s*True"));
  if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)")))
    fail(ErrorKind::input, fmt::format("{}: no shape in .npy header", path.string()));
  std::string dims = m[1];
  static const std::regex number("\\d+");
  for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it) {
    size_t d = 0;
    const std::string digits = it->str();
    if (std::from_chars(digits.data(), digits.data() + digits.size(), d).ec != std::errc())
      fail(ErrorKind::input, fmt::format("{}: shape ({}) is implausibly large", path.string(), dims));
    h.shape.push_back(d);
  }
  for (size_t d : h.shape) {
    if (d != 0 && h.count > (size_t(1) << 60) / d)
      fail(ErrorKind::input, fmt::format("{}: shape ({}) is implausibly large", path.string(), dims));
    h.count *= d;
  }
  const size_t width = h.f32 ? 4 : 8;
  const auto body = fs::file_size(path) - size_t(in.tellg());
  if (body != h.count * width)
    fail(ErrorKind::input, fmt::format("{}: holds {} bytes of data, expected {} for shape ({}); the file is truncated "
                                       "or damaged",
                                       path.string(), body, h.count * width, dims));
  return h;
}

// Reads the body into `out` (count doubles), converting float32.
void read_body(std::ifstream& in, const Header& h, double* out, const fs::path& path) {
  if (h.f32) {
    std::vector<float> f(h.count);
    in.read(reinterpret_cast<char*>(f.data()), std::streamsize(h.count * 4));
    std::copy(f.begin(), f.end(), out);
  } else {
    in.read(reinterpret_cast<char*>(out), std::streamsize(h.count * 8));
  }
  if (!in) fail(ErrorKind::io, fmt::format("{}: read failed", path.string()));
}

}  // namespace

void write_npy(const fs::path& path, const Matrix& m) { write_raw(path, {m.rows(), m.cols()}, m.data(), m.size()); }

void write_npy_float32(const fs::path& path, const Matrix& m) {
  write_raw(path, {m.rows(), m.cols()}, m.data(), m.size(), true);
}

void write_npy(const fs::path& path, const std::vector<double>& v) { write_raw(path, {v.size()}, v.data(), v.size()); }

Matrix read_npy_matrix(const fs::path& path) {
  accept_input(path);
  std::ifstream in(path, std::ios::binary);
  const Header h = read_header(in, path);
  if (h.shape.size() != 2)
    fail(ErrorKind::input, fmt::format("{}: expected a 2-D array, found {} dimensions", path.string(), h.shape.size()));
  // C order holds the transpose in column-major memory.
  Matrix out = h.fortran ? Matrix(h.shape[0], h.shape[1]) : Matrix(h.shape[1], h.shape[0]);
  read_body(in, h, out.data(), path);
  if (!h.fortran) return out.transposed();
  return out;  // moved; `h.fortran ? out : out.transposed()` would copy the whole matrix once more
}

Matrix read_npy_mapped(const fs::path& path) {
  accept_input(path);
  std::ifstream in(path, std::ios::binary);
  const Header h = read_header(in, path);  // checks the body's size against the shape before anything is mapped
  const size_t offset = size_t(in.tellg());
  in.close();
  // mmap needs the data 8-byte aligned in the page (write_npy pads headers to 64 bytes); others are read.
  if (h.shape.size() != 2 || !h.fortran || h.f32 || offset % alignof(double) != 0 || h.count == 0)
    return read_npy_matrix(path);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(ErrorKind::io, fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
  struct stat st {};
  const size_t bytes = offset + h.count * sizeof(double);
  // The file could have changed since read_header; mapping past its end would fault on first touch.
  if (::fstat(fd, &st) != 0 || size_t(st.st_size) != bytes) {
    ::close(fd);
    fail(ErrorKind::input, fmt::format("{}: changed size while being opened; the file is truncated or damaged",
                                       path.string()));
  }
  // PROT_WRITE with MAP_PRIVATE: the program may modify its matrices (copy-on-write pages), the file never
  // changes. A store is only ever replaced by renaming a new directory over it (atomic_write_dir), so the
  // inode mapped here keeps its contents for as long as the mapping lives, even after the store is re-imported.
  void* base = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  const int err = errno;
  ::close(fd);  // the mapping holds its own reference to the file
  if (base == MAP_FAILED) fail(ErrorKind::io, fmt::format("{}: cannot map: {}", path.string(), std::strerror(err)));
  std::shared_ptr<void> owner(base, [bytes](void* p) { ::munmap(p, bytes); });
  return Matrix(h.shape[0], h.shape[1], reinterpret_cast<double*>(static_cast<char*>(base) + offset),
                std::move(owner));
}

std::vector<double> read_npy_vector(const fs::path& path) {
  accept_input(path);
  std::ifstream in(path, std::ios::binary);
  const Header h = read_header(in, path);
  if (h.shape.size() != 1)
    fail(ErrorKind::input, fmt::format("{}: expected a 1-D array, found {} dimensions", path.string(), h.shape.size()));
  std::vector<double> v(h.count);
  read_body(in, h, v.data(), path);
  return v;
}

}  // namespace worldsys::io
