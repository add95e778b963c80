#pragma once
// WIOD 2013 release world input-output tables as CSV (the layout in ../shared/data/mrio/wiod2013):
// labels_regions.csv, labels_sectors.csv, labels_finaldemand.csv, and per year Z_YYYY, Y_YYYY and x_YYYY as
// .csv or .csv.gz. Z and Y have two label columns (region, sector) and a header of "REG:code" columns.
#include <filesystem>
#include <vector>

#include "worldsys/core/mrio.hpp"

namespace worldsys::io {

// Reads one year; adds the derived stressor value_added. Errors name file, line and column.
Mrio read_wiod2013(const std::filesystem::path& dir, int year);
// Years for which Z, Y and x files exist in `dir`, ascending.
std::vector<int> wiod2013_years(const std::filesystem::path& dir);

}  // namespace worldsys::io
