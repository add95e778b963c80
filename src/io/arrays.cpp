#include "worldsys/io/arrays.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"
#include "worldsys/io/npy.hpp"
#include "worldsys/io/table_writer.hpp"

namespace worldsys::io {

void write_arrays(const std::filesystem::path& dir, const LabelledArrays& a, const std::string& command) {
  nlohmann::ordered_json meta;
  meta["format"] = "worldsys-arrays/1";
  meta["arrays"] = nlohmann::json::array();
  meta["shape"] = {a.rows.rows(), a.columns.rows()};
  for (const auto& [name, M] : a.arrays) {
    if (M.rows() != a.rows.rows() || M.cols() != a.columns.rows())
      throw std::logic_error(fmt::format("array {} is {}x{}, its labels {}x{}", name, M.rows(), M.cols(),
                                         a.rows.rows(), a.columns.rows()));
    meta["arrays"].push_back(name);
  }
  meta["rows"] = "rows.csv";
  meta["columns"] = "columns.csv";
  meta["command"] = command;
  atomic_write_dir(dir, true, [&](const std::filesystem::path& tmp) {
    for (const auto& [name, M] : a.arrays) write_npy(tmp / (name + ".npy"), M);
    for (const auto& [file, t] : {std::pair{"rows.csv", &a.rows}, {"columns.csv", &a.columns}}) {
      std::ofstream out(tmp / file, std::ios::binary);
      write_table(out, *t, TableFormat::csv);
      if (!out.flush()) fail(ErrorKind::io, fmt::format("{}: write failed (disk full?)", (dir / file).string()));
    }
    std::ofstream out(tmp / "arrays.json", std::ios::binary);
    out << meta.dump(1) << '\n';
    if (!out.flush()) fail(ErrorKind::io, fmt::format("{}: write failed (disk full?)", (dir / "arrays.json").string()));
  });
}

}  // namespace worldsys::io
