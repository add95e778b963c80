#pragma once
// Per-format fixture writers (room-private); fixtures.cpp lists them for write_fixture and `worldsys fixture`.
#include "io/labels.hpp"
#include "worldsys/io/formats.hpp"

namespace worldsys::io::detail {

Fixture oecd_icio_fixture(const std::filesystem::path& dir, const FixtureOptions& o);
Fixture figaro_fixture(const std::filesystem::path& dir, const FixtureOptions& o);
Fixture eora26_fixture(const std::filesystem::path& dir, const FixtureOptions& o);
Fixture gloria_fixture(const std::filesystem::path& dir, const FixtureOptions& o);
Fixture wiod2016_fixture(const std::filesystem::path& dir, const FixtureOptions& o);
Fixture generic_fixture(const std::filesystem::path& dir, const FixtureOptions& o);

// Real labels where the format notes give them, then numbered ones from `pattern` ({} = 1, 2, ...).
std::vector<std::string> take_labels(const std::vector<std::string>& real, size_t n, const std::string& pattern);

}  // namespace worldsys::io::detail
