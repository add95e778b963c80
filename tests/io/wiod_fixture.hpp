#pragma once
// Writes a table in the WIOD 2013 CSV layout (labels_*.csv, Z/Y/x_YYYY.csv[.gz]) so tests can damage it.
#include <filesystem>

#include "worldsys/core/mrio.hpp"

namespace worldsys::test {

void write_wiod_fixture(const Mrio& m, const std::filesystem::path& dir, int year, bool gzip_z = false);

}  // namespace worldsys::test
