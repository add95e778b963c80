#pragma once
// `--format npy`: a directory that numpy and pandas read without worldsys,
//   <name>.npy    one per array (float64, rows x columns; np.load)
//   rows.csv      the labels of the rows, in order (pd.read_csv)
//   columns.csv   the labels of the columns
//   arrays.json   what is there: {"format": "worldsys-arrays/1", "arrays": [...], "shape": [r, c], "command": ...}
// e.g. pd.DataFrame(np.load("d/cba.npy"), index=pd.MultiIndex.from_frame(pd.read_csv("d/rows.csv")),
//                   columns=pd.MultiIndex.from_frame(pd.read_csv("d/columns.csv"))).
// Written atomically; an existing directory is replaced only when it is such an output (arrays.json).
#include <filesystem>
#include <string>

#include "worldsys/core/arrays.hpp"

namespace worldsys::io {

void write_arrays(const std::filesystem::path& dir, const LabelledArrays& a, const std::string& command);

}  // namespace worldsys::io
