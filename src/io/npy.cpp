#include "worldsys/io/npy.hpp"

#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <regex>

#include "worldsys/core/error.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

void write_raw(const fs::path& path, const std::vector<size_t>& shape, const double* data, size_t count) {
  std::string dims;
  for (size_t d : shape) dims += fmt::format("{}, ", d);
  if (shape.size() == 2) dims.resize(dims.size() - 2);
  std::string header = fmt::format("{{'descr': '<f8', 'fortran_order': True, 'shape': ({}), }}", dims);
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::ofstream out(path, std::ios::binary);
  if (!out) fail(ErrorKind::io, fmt::format("{}: cannot create file", path.string()));
  const uint16_t hlen = uint16_t(header.size());
  out.write("\x93NUMPY\x01\x00", 8);
  out.write(reinterpret_cast<const char*>(&hlen), 2);
  out.write(header.data(), std::streamsize(header.size()));
  out.write(reinterpret_cast<const char*>(data), std::streamsize(count * sizeof(double)));
  out.flush();
  if (!out) fail(ErrorKind::io, fmt::format("{}: write failed (disk full?)", path.string()));
}

struct Parsed {
  std::vector<size_t> shape;
  bool fortran = false;
  bool f32 = false;
  std::vector<double> values;  // in file order
};

Parsed read_raw(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(ErrorKind::input, fmt::format("{}: missing; the store is incomplete, import it again", path.string()));
  char magic[10];
  in.read(magic, 10);
  if (!in || std::memcmp(magic, "\x93NUMPY", 6) != 0)
    fail(ErrorKind::input, fmt::format("{}: not a .npy file (bad magic bytes)", path.string()));
  size_t hlen = 0;
  if (magic[6] == 1) {
    hlen = uint8_t(magic[8]) | (size_t(uint8_t(magic[9])) << 8);
  } else {
    char more[2];
    in.read(more, 2);
    hlen = uint8_t(magic[8]) | (size_t(uint8_t(magic[9])) << 8) | (size_t(uint8_t(more[0])) << 16) |
           (size_t(uint8_t(more[1])) << 24);
  }
  std::string header(hlen, '\0');
  in.read(header.data(), std::streamsize(hlen));
  if (!in) fail(ErrorKind::input, fmt::format("{}: truncated .npy header", path.string()));
  Parsed p;
  std::smatch m;
  if (!std::regex_search(header, m, std::regex("'descr':\\s*'([<|=]?)(f8|f4)'")))
    fail(ErrorKind::input, fmt::format("{}: unsupported dtype in header {}; expected float64 ('<f8') or float32",
                                       path.string(), header));
  p.f32 = m[2] == "f4";
  p.fortran = std::regex_search(header, std::regex("'fortran_order':\\s*True"));
  if (!std::regex_search(header, m, std::regex("'shape':\\s*\\(([^)]*)\\)")))
    fail(ErrorKind::input, fmt::format("{}: no shape in .npy header", path.string()));
  std::string dims = m[1];
  static const std::regex number("\\d+");
  for (std::sregex_iterator it(dims.begin(), dims.end(), number), end; it != end; ++it)
    p.shape.push_back(std::stoull(it->str()));
  size_t count = 1;
  for (size_t d : p.shape) count *= d;
  const size_t width = p.f32 ? 4 : 8;
  const auto body = fs::file_size(path) - size_t(in.tellg());
  if (body != count * width)
    fail(ErrorKind::input, fmt::format("{}: holds {} bytes of data, expected {} for shape ({}); the file is truncated "
                                       "or damaged",
                                       path.string(), body, count * width, dims));
  p.values.resize(count);
  if (p.f32) {
    std::vector<float> f(count);
    in.read(reinterpret_cast<char*>(f.data()), std::streamsize(count * 4));
    std::copy(f.begin(), f.end(), p.values.begin());
  } else {
    in.read(reinterpret_cast<char*>(p.values.data()), std::streamsize(count * 8));
  }
  if (!in) fail(ErrorKind::io, fmt::format("{}: read failed", path.string()));
  return p;
}

}  // namespace

void write_npy(const fs::path& path, const Matrix& m) { write_raw(path, {m.rows(), m.cols()}, m.data(), m.size()); }

void write_npy(const fs::path& path, const std::vector<double>& v) { write_raw(path, {v.size()}, v.data(), v.size()); }

Matrix read_npy_matrix(const fs::path& path) {
  Parsed p = read_raw(path);
  if (p.shape.size() != 2)
    fail(ErrorKind::input, fmt::format("{}: expected a 2-D array, found {} dimensions", path.string(), p.shape.size()));
  Matrix out(p.shape[0], p.shape[1]);
  if (p.fortran) {
    std::copy(p.values.begin(), p.values.end(), out.data());
  } else {
    for (size_t i = 0; i < p.shape[0]; ++i)
      for (size_t j = 0; j < p.shape[1]; ++j) out(i, j) = p.values[i * p.shape[1] + j];
  }
  return out;
}

std::vector<double> read_npy_vector(const fs::path& path) {
  Parsed p = read_raw(path);
  if (p.shape.size() != 1)
    fail(ErrorKind::input, fmt::format("{}: expected a 1-D array, found {} dimensions", path.string(), p.shape.size()));
  return std::move(p.values);
}

}  // namespace worldsys::io
