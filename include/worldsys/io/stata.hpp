#pragma once
// Stata .dta files (read with libreadstat) as CSV text with a header, so that every CSV reader of worldsys
// reads the original .dta too. Numbers are written in shortest round-trip form (float32 values as the float
// they are), missing values as empty fields, strings quoted where needed.
#include <filesystem>
#include <string>

namespace worldsys::io {

// An input error naming the path and libreadstat's message when the file is not a readable .dta.
std::string dta_as_csv(const std::filesystem::path& path);

}  // namespace worldsys::io
