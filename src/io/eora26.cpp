// Eora26 (v199.82): Eora26_YYYY_{bp,pp}.zip holding header-less TAB matrices Eora26_YYYY_bp_{T,FD,VA,Q,QY}.txt and
// header-less label files labels_{T,FD,VA,Q}.txt (in the zip, or in indices.zip beside it; lines end with a
// TAB). 189 countries x 26 sectors plus a ROW row/column (sector TOTAL) holding statistical discrepancies, which
// is dropped as pymrio and the provider's own scripts do. Money in thousands of US dollars (not millions).
// Full Eora (sectors differ by country, Industries and Commodities blocks) is refused with a clear message.
// Layout notes: ../shared/formats/eora26.md.
#include <fmt/format.h>

#include <map>
#include <regex>
#include <tuple>

#include "io/labels.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/formats.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys::io {

namespace fs = std::filesystem;

namespace {

struct LabelLine {
  std::vector<std::string> f;
  Position at;
};

std::vector<LabelLine> read_labels(const Bundle& b, const std::string& rel) {
  CsvReader csv(b.read_all(rel), b.display(rel), '\t');
  std::vector<LabelLine> out;
  while (csv.next()) {
    LabelLine l;
    for (size_t i = 0; i < csv.size(); ++i) l.f.emplace_back(csv.field(i));
    while (!l.f.empty() && l.f.back().empty()) l.f.pop_back();  // the trailing TAB
    l.at = csv.position(0);
    out.push_back(std::move(l));
  }
  return out;
}

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

}  // namespace

Mrio read_eora26(const fs::path& source, const ImportOptions& options) {
  const std::string price = options.system.empty() ? "bp" : options.system;  // basic or purchasers' prices
  if (price != "bp" && price != "pp")
    fail(ErrorKind::usage, fmt::format("Eora26 --system '{}': expected bp (basic prices) or pp (purchasers' prices)", price));
  fs::path zip = source;
  if (fs::is_directory(source)) {
    bool has_t = false;
    for (const auto& e : fs::directory_iterator(source))
      if (std::regex_match(ascii_lower(e.path().filename().string()), std::regex(R"(eora26_\d{4}_(bp|pp)_t\.txt)")))
        has_t = true;
    if (!has_t) {  // a folder of yearly zips
      auto outer = Bundle::open(source);
      zip = source / outer->select(fmt::format(R"(eora26_\d{{4}}_{}\.zip)", price), options.year,
                                   fmt::format("Eora26 archive (Eora26_YYYY_{}.zip)", price));
    }
  }
  for (const auto& e : fs::is_directory(zip) ? fs::directory_iterator(zip) : fs::directory_iterator())
    if (std::regex_match(ascii_lower(e.path().filename().string()), std::regex(R"((index_t\.csv|io_[a-z]{3}_\d{4}_.*\.txt))")))
      fail(ErrorKind::input, fmt::format("{}: this is full Eora (index_t.csv / IO_<country> files), whose sectors differ "
                                         "by country; worldsys reads Eora26 only so far",
                                         zip.string()));
  auto b = Bundle::open(zip);
  const std::string t_file = b->select(fmt::format(R"(eora26_\d{{4}}_{}_t\.txt(\.gz)?)", price), options.year,
                                       "Eora26 T matrix");
  const std::string stem = t_file.substr(0, t_file.size() - (ascii_lower(t_file).ends_with(".gz") ? 9 : 6));
  auto data = [&](const char* part) { return b->require(stem + "_" + part + ".txt", "an Eora26 matrix"); };
  // Labels inside the archive, else in indices.zip beside it.
  std::unique_ptr<Bundle> idx;
  const Bundle* lb = b.get();
  if (!b->find("labels_T.txt")) {
    const fs::path beside = (fs::is_directory(zip) ? zip : zip.parent_path()) / "indices.zip";
    if (!fs::exists(beside))
      fail(ErrorKind::input, fmt::format("{}: no labels_T.txt in the archive and no indices.zip beside it (download "
                                         "indices.zip from the Eora26 page)",
                                         zip.string()));
    idx = Bundle::open(beside);
    lb = idx.get();
  }
  const auto lt = read_labels(*lb, lb->require("labels_T.txt", "Eora26 row/column labels"));
  const auto lfd = read_labels(*lb, lb->require("labels_FD.txt", "Eora26 final-demand labels"));
  const auto lva = read_labels(*lb, lb->require("labels_VA.txt", "Eora26 value-added labels"));
  const auto lq = read_labels(*lb, lb->require("labels_Q.txt", "Eora26 satellite labels"));

  // Regions and sectors from labels_T (columns: country, code, block, sector); the same sectors everywhere.
  Mrio m;
  m.unit = "k USD";
  std::vector<size_t> keep;  // rows/columns of T kept (ROW dropped)
  std::map<std::string, std::vector<std::string>> sectors_of;
  for (size_t i = 0; i < lt.size(); ++i) {
    const auto& l = lt[i];
    if (l.f.size() < 4) fail_at(l.at, fmt::format("expected 4 fields (country, code, block, sector), found {}", l.f.size()));
    if (l.f[1] == "ROW") continue;
    if (l.f[2] != "Industries")
      fail_at(l.at, fmt::format("block '{}' for {}: this is full Eora (Industries and Commodities blocks, sectors that "
                                "differ by country); worldsys reads Eora26 only so far",
                                l.f[2], l.f[1]));
    if (m.regions.empty() || m.regions.back() != l.f[1]) m.regions.push_back(l.f[1]);
    sectors_of[l.f[1]].push_back(l.f[3]);
    keep.push_back(i);
  }
  if (m.regions.empty()) fail(ErrorKind::input, fmt::format("{}: no country rows", lb->display("labels_T.txt")));
  m.sectors = sectors_of[m.regions[0]];
  m.sector_names = m.sectors;
  for (const auto& r : m.regions)
    if (sectors_of[r] != m.sectors)
      fail(ErrorKind::input, fmt::format("{}: {} has {} sectors where {} has {}: sectors differ by country (full Eora); "
                                         "worldsys reads Eora26 only so far",
                                         lb->display("labels_T.txt"), r, sectors_of[r].size(), m.regions[0], m.sectors.size()));
  const size_t n = m.n();
  if (keep.size() != n) fail(ErrorKind::input, fmt::format("{}: countries repeat out of order", lb->display("labels_T.txt")));
  std::vector<size_t> keep_fd;
  for (size_t i = 0; i < lfd.size(); ++i) {
    const auto& l = lfd[i];
    if (l.f.size() < 4) fail_at(l.at, fmt::format("expected 4 fields (country, code, block, category), found {}", l.f.size()));
    if (l.f[1] == "ROW") continue;
    if (l.f[1] == m.regions[0]) m.categories.push_back(l.f[3]);
    keep_fd.push_back(i);
  }
  const size_t K = m.categories.size();
  if (K == 0 && !keep_fd.empty())
    fail_at(lfd[keep_fd[0]].at, fmt::format("expected final demand of {} first (country-major, as labels_T), found {}",
                                            m.regions[0], lfd[keep_fd[0]].f[1]));
  for (size_t q = 0; q < keep_fd.size(); ++q) {
    const auto& l = lfd[keep_fd[q]];
    if (q / K >= m.regions.size() || l.f[1] != m.regions[q / K] || l.f[3] != m.categories[q % K])
      fail_at(l.at, fmt::format("expected final demand '{}' / '{}' (country-major, as labels_T), found '{}' / '{}'",
                                q / K < m.regions.size() ? m.regions[q / K] : "?", m.categories[q % K], l.f[1], l.f[3]));
  }

  TableSpec spec;
  spec.threads = options.threads;
  spec.rows = lt.size();
  spec.cols = lt.size();
  const TextTable T = read_table(*b, data("T"), spec);
  if (T.cols() != lt.size())
    fail_at(T.row_position(0), fmt::format("{} columns, expected {} as in labels_T.txt", T.cols(), lt.size()));
  spec.cols = lfd.size();
  const TextTable FD = read_table(*b, data("FD"), spec);
  if (FD.cols() != lfd.size())
    fail_at(FD.row_position(0), fmt::format("{} columns, expected {} as in labels_FD.txt", FD.cols(), lfd.size()));
  spec.rows = lva.size();
  spec.cols = lt.size();
  const TextTable VA = read_table(*b, data("VA"), spec);
  spec.rows = lq.size();
  const TextTable Q = read_table(*b, data("Q"), spec);
  spec.cols = lfd.size();
  const TextTable QY = read_table(*b, data("QY"), spec);
  for (const TextTable* x : {&VA, &Q}) {
    if (x->cols() != lt.size())
      fail_at(x->row_position(0), fmt::format("{} columns, expected {} as in labels_T.txt", x->cols(), lt.size()));
  }
  // One label per row: an empty or short label file would drop rows without a word (rows = 0 reads any number).
  for (const auto& [x, labels, file] : {std::tuple{&VA, lva.size(), "labels_VA.txt"}, std::tuple{&Q, lq.size(), "labels_Q.txt"},
                                        std::tuple{&QY, lq.size(), "labels_Q.txt"}})
    if (x->rows() != labels)
      fail(ErrorKind::input, fmt::format("{}: {} rows, but {} has {} labels; expected one label per row (a truncated or "
                                         "mismatched labels file?)",
                                         x->name, x->rows(), lb->display(file), labels));
  if (QY.cols() != lfd.size())
    fail_at(QY.row_position(0), fmt::format("{} columns, expected {} as in labels_FD.txt", QY.cols(), lfd.size()));

  m.Z = Matrix(n, n);
  for (size_t j = 0; j < n; ++j)
    for (size_t i = 0; i < n; ++i) m.Z(i, j) = T.values(keep[i], keep[j]);
  m.Y = Matrix(n, keep_fd.size());
  for (size_t j = 0; j < keep_fd.size(); ++j)
    for (size_t i = 0; i < n; ++i) m.Y(i, j) = FD.values(keep[i], keep_fd[j]);
  m.x = m.Z.row_sums();
  const auto y = m.Y.row_sums();
  for (size_t i = 0; i < n; ++i) m.x[i] += y[i];

  // Stressors: value added (money) then the satellite rows, "indicator (unit)" split into name and unit.
  std::map<std::string, int> used;
  auto unique = [&](std::string s) {
    const int k = ++used[s];
    return k == 1 ? s : fmt::format("{} #{}", s, k);
  };
  for (const auto& l : lva) m.stressors.push_back({unique(l.f.size() > 1 ? l.f[1] : l.f[0]), m.unit, "Eora26 value added"});
  static const std::regex unit_re(R"(^(.*)\(([^()]*)\)\s*$)");
  for (const auto& l : lq) {
    std::string name = l.f.empty() ? "" : l.f[0], unit;
    std::smatch mm;
    if (std::regex_match(name, mm, unit_re)) unit = mm[2], name = trim(mm[1]);
    if (l.f.size() > 1 && !l.f[1].empty()) name += " - " + l.f[1];
    m.stressors.push_back({unique(name), unit, ""});
  }
  const size_t s = m.stressors.size(), fd = m.Y.cols();
  m.F = Matrix(s, n);
  m.F_Y = Matrix(s, fd);
  for (size_t j = 0; j < n; ++j) {
    for (size_t k = 0; k < lva.size(); ++k) m.F(k, j) = VA.values(k, keep[j]);
    for (size_t k = 0; k < lq.size(); ++k) m.F(lva.size() + k, j) = Q.values(k, keep[j]);
  }
  for (size_t j = 0; j < fd; ++j)
    for (size_t k = 0; k < lq.size(); ++k) m.F_Y(lva.size() + k, j) = QY.values(k, keep_fd[j]);
  std::smatch mm;
  if (std::regex_search(t_file, mm, std::regex(R"((\d{4})_(bp|pp))", std::regex::icase)))
    m.provenance.year = std::stoi(mm[1]);
  m.provenance.source = fmt::format("Eora26 ({}), {}", t_file, zip.string());
  m.provenance.licence = "Eora licence (free for academic use, registration required); cite Lenzen et al. (2013)";
  validate(m, zip.string());
  return m;
}

}  // namespace worldsys::io
