#pragma once
// The pymrio folder format (IOSystem.save_all / pymrio.load_all), read and written, so that worldsys and
// pymrio users exchange tables; EXIOBASE 3 archives on Zenodo are in this format. Layout per
// ../shared/formats/pymrio_storage.md: file_parameters.json, metadata.json, one TAB-separated table per
// matrix (Z or A, Y, x, unit), one subfolder per extension (F, F_Y or F_hh, unit).
#include <filesystem>
#include <string>
#include <vector>

#include "worldsys/core/mrio.hpp"

namespace worldsys::io {

struct PymrioRead {
  std::string default_unit;  // monetary unit when there is no root unit.txt
  unsigned threads = 0;
};

// Reads a pymrio folder or zip. The root is the folder of the file_parameters.json whose systemtype is
// IOSystem (else the folder holding Z.txt or A.txt). With A but no Z, Z = A diag(x); with no x.txt,
// x = Z 1 + Y 1, or x = (I - A)^-1 Y 1 when only A is given. Every extension folder contributes its rows of
// F (and F_Y) as stressors; a stressor name used by two folders is prefixed "folder/".
Mrio read_pymrio(const std::filesystem::path& path, const PymrioRead& options = {});

struct PymrioWrite {
  int precision = 0;             // 0: shortest exact numbers; 12: pymrio's own %.12g
  std::string top_folder;        // folder inside the output holding everything (EXIOBASE 3.8 zips have one)
  bool write_Z = true, write_A = false, write_x = true, write_unit = true;
  std::vector<std::string> folder_of_stressor;  // extension folder per stressor; default "satellite"
  bool stressor_name_line = true;  // the "stressor" index-name line (absent in EXIOBASE 3.4)
  std::string final_demand_stressor_file = "F_Y";  // "F_hh" in EXIOBASE 3.4
  std::string name = "worldsys", system, version;  // metadata.json
};

// Writes a folder, or a zip when `out` ends in .zip.
void write_pymrio(const Mrio& m, const std::filesystem::path& out, const PymrioWrite& options = {});
// `worldsys export pymrio`: the table as a new folder that pymrio's load_all reads (save_all's layout, one extension
// "satellites" with every stressor, metadata.json naming the source), written atomically; an existing `dir` is
// refused (it is not a worldsys store, so nothing replaces it).
void export_pymrio(const Mrio& m, const std::filesystem::path& dir);

}  // namespace worldsys::io
