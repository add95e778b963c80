#include "worldsys/io/store.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "worldsys/core/error.hpp"
#include "worldsys/io/atomic.hpp"
#include "worldsys/io/npy.hpp"
#include "worldsys/io/text.hpp"
#include "worldsys/linalg/threads.hpp"
#include "io/json_number.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

json meta_of(const Mrio& m, StoreDtype dtype) {
  json j;
  j["format"] = "worldsys-store";
  j["version"] = kStoreVersion;
  j["kind"] = "mrio";
  j["created_by"] = std::string("worldsys ") + WORLDSYS_VERSION;
  j["source"] = m.provenance.source;
  j["licence"] = m.provenance.licence;
  j["year"] = m.provenance.year ? json(*m.provenance.year) : json(nullptr);
  j["command"] = m.provenance.command;
  j["history"] = m.provenance.history;
  if (const auto& b = m.provenance.balance)
    j["balance"] = {{"total", b->total}, {"worst", b->worst}, {"worst_row", b->worst_row},
                    {"note", "|x - Z1 - Y1|: total = sum over rows / sum of x; worst = largest row share of its x"}};
  json inputs = json::array();
  for (const auto& f : m.provenance.inputs) inputs.push_back({{"path", f.path}, {"bytes", f.bytes}, {"crc32", f.crc32}});
  j["inputs"] = inputs;
  j["unit"] = m.unit;
  j["regions"] = m.regions;
  j["sectors"] = m.sectors;
  j["sector_names"] = m.sector_names;
  j["final_demand_categories"] = m.categories;
  json st = json::array();
  for (const auto& s : m.stressors) {
    json js = {{"name", s.name}, {"unit", s.unit}, {"note", s.note}};
    if (!s.imputed.empty()) {
      js["imputed"] = json::array();
      for (const auto& i : s.imputed) js["imputed"].push_back({{"cells", i.cells}, {"method", i.method}});
    }
    st.push_back(js);
  }
  j["stressors"] = st;
  j["dtype"] = dtype_name(dtype);  // of Z, Y, F, F_Y; x is always float64
  j["matrices"] = {{"Z", {m.Z.rows(), m.Z.cols()}},
                   {"Y", {m.Y.rows(), m.Y.cols()}},
                   {"x", {m.x.size()}},
                   {"F", {m.F.rows(), m.F.cols()}},
                   {"F_Y", {m.F_Y.rows(), m.F_Y.cols()}}};
  return j;
}

template <class T>
T get(const json& j, const char* key, const fs::path& meta) {
  if (!j.contains(key))
    fail(ErrorKind::input, fmt::format("{}: missing key '{}'; is this a worldsys store?", meta.string(), key));
  try {
    return j.at(key).get<T>();
  } catch (const json::exception&) {
    fail(ErrorKind::input, fmt::format("{}: key '{}' has the wrong type", meta.string(), key));
  }
}

void expect_shape(const Matrix& m, const json& meta, const char* name, const fs::path& dir) {
  // at(), not operator[]: on a const json a missing key is undefined behaviour (an assertion in debug builds);
  // at() throws json::out_of_range, which read_store turns into an input error.
  const json& shape = meta.at("matrices").at(name);
  if (!shape.is_array() || shape.size() != 2 || shape.at(0) != m.rows() || shape.at(1) != m.cols())
    fail(ErrorKind::input, fmt::format("{}: {}.npy is {}x{} but meta.json says {}", dir.string(), name, m.rows(),
                                       m.cols(), shape.dump()));
}

}  // namespace

const char* dtype_name(StoreDtype d) { return d == StoreDtype::float32 ? "float32" : "float64"; }

void write_store(const Mrio& m, const fs::path& dir, bool overwrite, StoreDtype dtype) {
  validate(m, "table to store");
  atomic_write_dir(dir, overwrite, [&](const fs::path& tmp) {
    auto matrix = [&](const fs::path& p, const Matrix& a) {
      dtype == StoreDtype::float32 ? write_npy_float32(p, a) : write_npy(p, a);
    };
    matrix(tmp / "Z.npy", m.Z);
    matrix(tmp / "Y.npy", m.Y);
    write_npy(tmp / "x.npy", m.x);  // n values: kept exact, A = Z / x loses no more than Z's rounding
    matrix(tmp / "F.npy", m.F);
    matrix(tmp / "F_Y.npy", m.F_Y);
    std::ofstream out(tmp / "meta.json");
    out << meta_of(m, dtype).dump(1) << '\n';
    out.flush();
    if (!out) fail(ErrorKind::io, fmt::format("{}: cannot write meta.json (disk full?)", dir.string()));
  });
}

fs::path default_data_path(std::string_view name) {
  const char* env = std::getenv("WORLDSYS_DATA");
  return fs::path(env && *env ? env : WORLDSYS_DATA_DIR) / name;
}

fs::path default_store_path() { return default_data_path("default"); }

std::optional<Matrix> read_store_matrix(const fs::path& dir, const std::string& name) {
  const fs::path p = dir / (name + ".npy");
  if (!fs::exists(p)) return std::nullopt;
  return read_npy_matrix(p);
}

bool is_store(const fs::path& dir) { return fs::is_regular_file(dir / "meta.json"); }

bool is_panel(const fs::path& dir) { return fs::is_directory(dir) && !is_store(dir) && !panel_years(dir).empty(); }

std::map<int, fs::path> panel_years(const fs::path& dir) {
  std::map<int, fs::path> years;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.size() == 4 && std::all_of(name.begin(), name.end(), ::isdigit) && is_store(e.path()))
      years[std::stoi(name)] = e.path();
  }
  return years;
}

// The body of read_store once meta.json is parsed; json type errors become input errors in the caller.
static Mrio read_store_with(const json& meta, const fs::path& dir, const fs::path& meta_path) {
  if (get<std::string>(meta, "format", meta_path) != "worldsys-store")
    fail(ErrorKind::input, fmt::format("{}: not a worldsys store", meta_path.string()));
  const auto version = detail::json_integer<int>(get<json>(meta, "version", meta_path));
  if (!version) fail(ErrorKind::input, fmt::format("{}: key 'version' is not an integer", meta_path.string()));
  if (*version > kStoreVersion)
    fail(ErrorKind::input, fmt::format("{}: store version {} is newer than this worldsys understands ({}); upgrade "
                                       "worldsys",
                                       meta_path.string(), *version, kStoreVersion));
  Mrio m;
  m.regions = get<std::vector<std::string>>(meta, "regions", meta_path);
  m.sectors = get<std::vector<std::string>>(meta, "sectors", meta_path);
  m.sector_names = get<std::vector<std::string>>(meta, "sector_names", meta_path);
  m.categories = get<std::vector<std::string>>(meta, "final_demand_categories", meta_path);
  m.unit = get<std::string>(meta, "unit", meta_path);
  for (const auto& s : get<json>(meta, "stressors", meta_path)) {
    Stressor st{s.value("name", ""), s.value("unit", ""), s.value("note", ""), {}};
    if (s.contains("imputed") && s["imputed"].is_array())
      for (const auto& i : s["imputed"]) st.imputed.push_back({i.value("cells", ""), i.value("method", "")});
    m.stressors.push_back(std::move(st));
  }
  m.provenance.source = meta.value("source", "");
  m.provenance.licence = meta.value("licence", "");
  if (meta.contains("year")) m.provenance.year = detail::json_integer<int>(meta["year"]);  // null: no year
  m.provenance.command = meta.value("command", "");
  m.provenance.history = meta.value("history", std::vector<std::string>{});
  if (meta.contains("balance") && meta["balance"].is_object()) {
    const json& b = meta["balance"];
    m.provenance.balance = Balance{b.value("worst_row", ""), b.value("worst", 0.0), b.value("total", 0.0)};
  }
  if (meta.contains("inputs") && meta["inputs"].is_array())
    for (const auto& f : meta["inputs"]) {
      const auto bytes = detail::json_integer<uint64_t>(f.value("bytes", json(0)));
      if (!bytes) fail(ErrorKind::input, fmt::format("{}: an input's 'bytes' is not a size", meta_path.string()));
      m.provenance.inputs.push_back({f.value("path", ""), *bytes, f.value("crc32", "")});
    }
  if (meta.contains("dtype") && meta["dtype"] != "float64" && meta["dtype"] != "float32")
    fail(ErrorKind::input, fmt::format("{}: dtype {} is not float64 or float32", meta_path.string(), meta["dtype"].dump()));
  if (!meta.contains("matrices")) fail(ErrorKind::input, fmt::format("{}: missing key 'matrices'", meta_path.string()));

  // Mapped, not read (issue 5): opening a store costs no copy. Safe because a store is never rewritten in place.
  m.Z = read_npy_mapped(dir / "Z.npy");
  expect_shape(m.Z, meta, "Z", dir);
  m.Y = read_npy_mapped(dir / "Y.npy");
  expect_shape(m.Y, meta, "Y", dir);
  m.x = read_npy_vector(dir / "x.npy");
  m.F = read_npy_mapped(dir / "F.npy");
  expect_shape(m.F, meta, "F", dir);
  m.F_Y = read_npy_mapped(dir / "F_Y.npy");
  expect_shape(m.F_Y, meta, "F_Y", dir);
  validate(m, dir.string());
  return m;
}

// meta.json parsed as an object; a one-line input error otherwise.
static json read_meta(const fs::path& meta_path) {
  json meta;
  try {
    meta = json::parse(read_text(meta_path));
  } catch (const json::parse_error& e) {
    fail(ErrorKind::input, fmt::format("{}: invalid JSON at byte {}: {}", meta_path.string(), e.byte, e.what()));
  } catch (const json::exception& e) {  // e.g. a number too large for a double
    fail(ErrorKind::input, fmt::format("{}: invalid JSON: {}", meta_path.string(), e.what()));
  }
  if (!meta.is_object()) fail(ErrorKind::input, fmt::format("{}: expected a JSON object", meta_path.string()));
  return meta;
}

StoreDtype store_dtype(const fs::path& dir) {
  const json meta = read_meta(dir / "meta.json");
  return meta.contains("dtype") && meta["dtype"] == "float32" ? StoreDtype::float32 : StoreDtype::float64;
}

Mrio read_store(const fs::path& dir) {
  accept_input(dir);
  const fs::path meta_path = dir / "meta.json";
  if (!fs::is_directory(dir)) fail(ErrorKind::input, fmt::format("{}: no such store directory", dir.string()));
  if (!fs::exists(meta_path)) {
    if (!panel_years(dir).empty())
      fail(ErrorKind::usage, fmt::format("{} is a panel (one store per year); name a year inside it, e.g. {}",
                                         dir.string(), (panel_years(dir).begin()->second).string()));
    fail(ErrorKind::input, fmt::format("{}: no meta.json; not a worldsys store (create one with worldsys import)",
                                       dir.string()));
  }
  const json meta = read_meta(meta_path);
  try {
    return read_store_with(meta, dir, meta_path);
  } catch (const json::exception& e) {
    fail(ErrorKind::input, fmt::format("{}: unexpected content: {}", meta_path.string(), e.what()));
  }
}

void write_panel(const std::vector<int>& years, const std::function<Mrio(int)>& make, const fs::path& dir,
                 bool overwrite, const std::function<void(size_t, size_t)>& progress, StoreDtype dtype) {
  atomic_write_dir(dir, overwrite, [&](const fs::path& tmp) {
    std::mutex mu;
    size_t done = 0;
    parallel_for(years.size(), [&](size_t i) {
      write_store(make(years[i]), tmp / std::to_string(years[i]), false, dtype);
      std::lock_guard lock(mu);
      if (progress) progress(++done, years.size());
    });
  });
}

}  // namespace worldsys::io
