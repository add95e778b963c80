// File readers on arbitrary bytes: the WIOD 2013 matrices, .npy files, a store's meta.json and concordance
// files (CSV and YAML), a FIGARO flat file. The first byte picks the reader. Each must answer with a worldsys::Error or a valid
// result; anything else (crash, other exception, sanitizer report) is a bug.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "worldsys/core/error.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/npy.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/io/wiod2013.hpp"

namespace fs = std::filesystem;
using namespace worldsys;

namespace {

void put(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// A valid two-region store and WIOD directory to damage one file of.
const fs::path& scratch() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("worldsys-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d / "wiod");
    put(d / "wiod/labels_regions.csv", "\"index\",\"region\"\n1,\"A\"\n2,\"B\"\n");
    put(d / "wiod/labels_sectors.csv", "\"index\",\"sector\"\n1,\"c1\"\n");
    put(d / "wiod/labels_finaldemand.csv", "\"index\",\"fd\"\n1,\"CONS_h\"\n");
    put(d / "wiod/Z_2011.csv", "region,sector,A:c1,B:c1\nA,c1,1,2\nB,c1,3,4\n");
    put(d / "wiod/Y_2011.csv", "region,sector,A:CONS_h,B:CONS_h\nA,c1,5,6\nB,c1,7,8\n");
    put(d / "wiod/x_2011.csv", "region,sector,output\nA,c1,20\nB,c1,30\n");
    io::write_store(io::read_wiod2013(d / "wiod", 2011), d / "store", true);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const fs::path& d = scratch();
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::vector<std::string> regions = {"A", "B"};
  try {
    switch (data[0] % 7) {
      case 0:
        put(d / "wiod/Z_2011.csv", body);
        io::read_wiod2013(d / "wiod", 2011);
        break;
      case 1:
        put(d / "wiod/x_2011.csv", body);
        io::read_wiod2013(d / "wiod", 2011);
        break;
      case 2:
        put(d / "f.npy", body);
        io::read_npy_matrix(d / "f.npy");
        break;
      case 3: {
        const std::string saved = [&] { std::ifstream in(d / "store/meta.json"); return std::string((std::istreambuf_iterator<char>(in)), {}); }();
        put(d / "store/meta.json", body);
        try {
          io::read_store(d / "store");
        } catch (...) {
          put(d / "store/meta.json", saved);
          throw;
        }
        put(d / "store/meta.json", saved);
        break;
      }
      case 4:
        put(d / "g.csv", body);
        io::load_concordance((d / "g.csv").string(), regions, "region");
        break;
      case 5:
        put(d / "g.yaml", body);
        io::load_concordance((d / "g.yaml").string(), regions, "region");
        break;
      case 6:  // a FIGARO flat (long) file, or a matrix file: the header decides
        fs::create_directories(d / "figaro");
        put(d / "figaro/flatfile_eu-ic-io_ind-by-ind_25ed_2022.csv", body);
        io::import_table("figaro", d / "figaro", {});
        break;
    }
  } catch (const Error&) {
  }
  return 0;
}
