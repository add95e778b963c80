#pragma once
// NumPy .npy files (format 1.0), little-endian float64 (or float32 on request), written in Fortran
// (column-major) order so the file body is the Matrix's memory image and numpy opens it with
// np.load(path, mmap_mode="r").
#include <filesystem>
#include <vector>

#include "worldsys/core/matrix.hpp"

namespace worldsys::io {

void write_npy(const std::filesystem::path& path, const Matrix& m);
// As float32 ('<f4', half the bytes): each value rounded to the nearest float; an input error naming the file
// when a finite value is beyond float32's range (3.4e38).
void write_npy_float32(const std::filesystem::path& path, const Matrix& m);
void write_npy(const std::filesystem::path& path, const std::vector<double>& v);  // 1-D
// Reads a 2-D array (C or Fortran order, <f8 or <f4); an input error for a truncated or foreign file.
Matrix read_npy_matrix(const std::filesystem::path& path);
// As read_npy_matrix, but a float64 Fortran-order file (what write_npy writes) is memory-mapped instead of
// read: opening costs no copy, pages load on first touch. The mapping is private copy-on-write, so writing into
// the Matrix never changes the file; other files fall back to read_npy_matrix. Only for files that are replaced
// by rename, never rewritten in place (stores: see read_store), since a mapped file must not shrink.
Matrix read_npy_mapped(const std::filesystem::path& path);
std::vector<double> read_npy_vector(const std::filesystem::path& path);

}  // namespace worldsys::io
