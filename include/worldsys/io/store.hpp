#pragma once
// The worldsys store: one directory per table-year holding meta.json (labels, units, dimensions, provenance)
// and one .npy file per matrix (Z, Y, x, F, F_Y). A panel is a directory with one store per year, named by
// the year. Parsing a published format happens once; everything after reads the store.
#include <filesystem>
#include <string_view>
#include <functional>
#include <map>
#include <optional>

#include "worldsys/core/mrio.hpp"

namespace worldsys::io {

inline constexpr int kStoreVersion = 1;

// Element type of the stored matrices. float32 (`--float32`) halves a store on disk: Z, Y, F and F_Y are written
// as '<f4', each value rounded to the nearest float (relative error <= 6e-8 per cell); x stays float64. Reading
// converts to double, so memory use and every computation after loading are those of a float64 store.
enum class StoreDtype { float64, float32 };
const char* dtype_name(StoreDtype d);

// Writes atomically: into a temporary directory beside `dir`, renamed into place when complete.
void write_store(const Mrio& m, const std::filesystem::path& dir, bool overwrite,
                 StoreDtype dtype = StoreDtype::float64);
// The element type a store's meta.json records ("dtype"; float64 for stores written before it was recorded).
StoreDtype store_dtype(const std::filesystem::path& dir);
// Reads and validates a store; an input error names the missing or inconsistent file.
Mrio read_store(const std::filesystem::path& dir);

// The embedded default table shipped with worldsys (data/default); $WORLDSYS_DATA overrides the data directory.
std::filesystem::path default_store_path();
// Any other embedded default dataset, by its folder name under data/ (e.g. "default-distributions/pip2011").
std::filesystem::path default_data_path(std::string_view name);

// An optional extra matrix of a store, `<name>.npy` beside the others (e.g. Z_sd, the per-cell standard deviations
// of Z for Monte Carlo); nullopt when the file is absent.
std::optional<Matrix> read_store_matrix(const std::filesystem::path& dir, const std::string& name);

bool is_store(const std::filesystem::path& dir);
bool is_panel(const std::filesystem::path& dir);
// Years of a panel directory, ascending, with their store paths.
std::map<int, std::filesystem::path> panel_years(const std::filesystem::path& dir);

// Writes one store per year into `dir`, atomically as a whole. `make(year)` builds each table, years in
// parallel over the cores (so `make` must be thread-safe); `progress(done, total)` is called after each.
void write_panel(const std::vector<int>& years, const std::function<Mrio(int)>& make, const std::filesystem::path& dir,
                 bool overwrite, const std::function<void(size_t, size_t)>& progress = {},
                 StoreDtype dtype = StoreDtype::float64);

}  // namespace worldsys::io
