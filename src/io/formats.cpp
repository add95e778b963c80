#include "worldsys/io/formats.hpp"

#include <fmt/format.h>

#include "worldsys/core/error.hpp"
#include "worldsys/io/pymrio.hpp"
#include "worldsys/io/wiod2013.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

const std::vector<ImportFormat>& import_formats() {
  static const std::vector<ImportFormat> formats = {
      {"wiod2013", "WIOD 2013 release world tables as CSV (labels_*.csv, Z/Y/x_YYYY.csv[.gz])", true,
       [](const fs::path& p, const ImportOptions& o) { return read_wiod2013(p, *o.year); }},
      {"exiobase3", "EXIOBASE 3.4-3.10 monetary IOT, IOT_YYYY_{pxp,ixi}.zip or folder (--system pxp|ixi)", false,
       read_exiobase3},
      {"pymrio", "pymrio folder or zip (file_parameters.json; Z or A, Y, x, unit, extension folders)", false,
       [](const fs::path& p, const ImportOptions& o) {
         PymrioRead pr;
         pr.threads = o.threads;
         Mrio m = read_pymrio(p, pr);
         validate(m, p.string());
         return m;
       }},
      {"oecd-icio", "OECD ICIO 2016/2018/2021/2023 CSV (bare, zip or bundle; CN/MX splits merged; --year in bundles)",
       false, read_oecd_icio},
      {"eora26", "Eora26 v199.82 Eora26_YYYY_{bp,pp}.zip (--system bp|pp; labels in the zip or indices.zip); not full Eora", false,
       read_eora26},
      {"wiod2016", "WIOD 2016 world tables as R data, WIOTS_in_R.zip or WIOTYYYY_October16_ROW.RData (--year)", false,
       read_wiod2016},
      {"wiod2016-niot", "WIOD 2016 national tables, long CSV WIOD_NIOT_Nov16_all43.csv[.gz] (--year, --country)", false,
       read_wiod2016_niot},
      {"figaro", "FIGARO matrix or flat CSV, 2022 and 23ed-26ed (--system ixi|pxp, or sut: supply-use to ixi)", false,
       read_figaro},
      {"gloria", "GLORIA 057/059 supply-use tables (T, Y, V; TQ, YQ; ReadMe xlsx) to IO, industry technology", false,
       read_gloria},
      {"generic", "labelled CSV/TSV matrices described by a small YAML file (table.yaml; see docs/formats.md)", false,
       read_generic},
  };
  return formats;
}

Mrio import_table(const std::string& format, const fs::path& source, const ImportOptions& options) {
  std::string names;
  for (const auto& f : import_formats()) {
    if (f.name == format) {
      if (f.needs_year && !options.year)
        fail(ErrorKind::usage, fmt::format("format {} needs --year (the source holds one table per year)", format));
      return f.read(source, options);
    }
    names += (names.empty() ? "" : ", ") + f.name;
  }
  fail(ErrorKind::usage, fmt::format("unknown format '{}'; known formats: {}", format, names));
}

}  // namespace worldsys::io
