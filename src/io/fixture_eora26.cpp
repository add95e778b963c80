// Eora26 fixtures (../shared/formats/eora26.md sections 2-4, 7): header-less TAB matrices with upper-case exponents,
// label files with a trailing TAB, a ROW row/column (sector TOTAL) and ROW final demand, labels in the year zip
// (variant bp) or in indices.zip beside it (variant indices); variant full writes a full-Eora-like labels_T
// (a Commodities block) that the reader must refuse.
#include <fmt/format.h>

#include <algorithm>

#include <array>
#include <random>
#include <sstream>

#include "io/file_sink.hpp"
#include "io/fixture_writers.hpp"
#include "worldsys/core/error.hpp"

namespace worldsys::io::detail {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kCodes = {"AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "ABW", "AUS"};
const std::vector<std::string> kNames = {"Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua", "Argentina",
                                         "Armenia", "Aruba", "Australia"};
const std::vector<std::string> kSectors = {
    "Agriculture", "Fishing", "Mining and Quarrying", "Food & Beverages", "Textiles and Wearing Apparel",
    "Wood and Paper", "Petroleum, Chemical and Non-Metallic Mineral Products", "Metal Products",
    "Electrical and Machinery", "Transport Equipment", "Other Manufacturing", "Recycling",
    "Electricity, Gas and Water", "Construction", "Maintenance and Repair", "Wholesale Trade", "Retail Trade",
    "Hotels and Restraurants", "Transport", "Post and Telecommunications",
    "Finacial Intermediation and Business Activities", "Public Administration",
    "Education, Health and Other Services", "Private Households", "Others", "Re-export & Re-import"};
const std::vector<std::string> kFinalDemand = {
    "Household final consumption P.3h", "Non-profit institutions serving households P.3n",
    "Government final consumption P.3g", "Gross fixed capital formation P.51", "Changes in inventories P.52",
    "Acquisitions less disposals of valuables P.53"};
const std::vector<std::string> kValueAdded = {
    "Compensation of employees D.1", "Taxes on production D.29", "Subsidies on production D.39",
    "Net operating surplus B.2n", "Net mixed income B.3n", "Consumption of fixed capital K.1"};

// Eora writes exponents with an upper-case E.
void append_eora(std::string& line, double v, int precision) {
  const size_t at = line.size();
  append_number(line, v, precision);
  for (size_t k = at; k < line.size(); ++k)
    if (line[k] == 'e') line[k] = 'E';
}

}  // namespace

Fixture eora26_fixture(const fs::path& dir, const FixtureOptions& o) {
  const std::string v = o.variant.empty() ? "bp" : o.variant;
  if (v != "bp" && v != "indices" && v != "full")
    fail(ErrorKind::usage, fmt::format("Eora26 fixture variant '{}': expected bp, indices or full", v));
  const auto codes = take_labels(kCodes, o.regions, "X{:02}");
  const auto names = take_labels(kNames, o.regions, "Country {}");
  const auto sectors = take_labels(kSectors, o.sectors, "Sector {}");
  std::vector<Stressor> st;
  for (const auto& va : kValueAdded) st.push_back({va, "k USD", "Eora26 value added"});
  // Real labels_Q.txt rows (env impact (unit), compartment), one or more per canonical factor of
  // data/factors/eora26.csv; ../shared/formats/real-labels/eora26 has all 2720.
  const std::vector<std::array<std::string, 3>> q = {
      {"I-GHG-CO2 emissions", "Gg", "Public electricity and heat production"},
      {"Total cropland area", "1000 ha", "Total"},
      {"Energy Usage", "TJ", "Natural Gas"},
      {"Energy Usage", "TJ", "Coal"},
      {"I-GHG-CO2 emissions", "Gg", "Road transportation"},
      {"Total pasture area, per animal", "1000 ha", "Cows"},
      {"Raw material inputs, total biomass", "t", "Total"},
      {"Raw material inputs, total ores", "t", "Total"},
      {"Raw material inputs, total construction material", "t", "Total"},
      {"Raw material inputs, total fossil fuel", "t", "Total"}};
  for (const auto& e : q) st.push_back({e[0] + " - " + e[2], e[1], ""});
  Mrio m = random_mrio(codes, sectors, kFinalDemand, st, o.seed);
  m.unit = "k USD";
  for (size_t j = 0; j < m.Y.cols(); ++j)
    for (size_t k = 0; k < kValueAdded.size(); ++k) m.F_Y(k, j) = 0;  // VA has no final-demand part in Eora
  for (size_t j = 0; j < m.n(); ++j) m.F(1, j) = j % 3 == 0 ? 1.5e-6 : m.F(1, j);  // an exponent
  const size_t n = m.n(), S = sectors.size(), K = kFinalDemand.size(), fd = m.Y.cols();
  std::mt19937_64 rng(o.seed + 7);
  std::uniform_real_distribution<double> u(0, 10);
  auto noise = [&] { return std::round(u(rng) * 100) / 100; };  // ROW discrepancies, dropped on import

  auto matrix = [&](size_t rows, size_t cols, const std::function<double(size_t, size_t)>& at) {
    std::ostringstream out;
    std::string line;
    for (size_t i = 0; i < rows; ++i) {
      line.clear();
      for (size_t j = 0; j < cols; ++j) {
        if (j) line += '\t';
        append_eora(line, at(i, j), o.precision);
      }
      out << line << '\n';
    }
    return out.str();
  };
  // T and FD have one extra row and column (ROW) and K extra FD columns (ROW's final demand).
  std::vector<std::vector<double>> row_extra(n + 1, std::vector<double>(std::max(n + 1, fd + K)));
  for (auto& r : row_extra)
    for (auto& x : r) x = noise();
  const std::string T = matrix(n + 1, n + 1, [&](size_t i, size_t j) { return i < n && j < n ? m.Z(i, j) : row_extra[i][j]; });
  const std::string FD = matrix(n + 1, fd + K, [&](size_t i, size_t j) { return i < n && j < fd ? m.Y(i, j) : row_extra[i][j]; });
  const std::string VA = matrix(kValueAdded.size(), n + 1, [&](size_t k, size_t j) { return j < n ? m.F(k, j) : noise(); });
  const std::string Q = matrix(q.size(), n + 1, [&](size_t k, size_t j) { return j < n ? m.F(kValueAdded.size() + k, j) : noise(); });
  const std::string QY =
      matrix(q.size(), fd + K, [&](size_t k, size_t j) { return j < fd ? m.F_Y(kValueAdded.size() + k, j) : noise(); });

  std::string lt, lfd, lva, lq;
  for (size_t i = 0; i < n; ++i) {
    const bool commodities = v == "full" && i / S == 1;
    lt += fmt::format("{}\t{}\t{}\t{}\t\n", names[i / S], codes[i / S], commodities ? "Commodities" : "Industries", sectors[i % S]);
  }
  lt += "ROW\tROW\tIndustries\tTOTAL\t\n";
  for (size_t j = 0; j < fd; ++j)
    lfd += fmt::format("{}\t{}\tFinal Demand\t{}\t\n", names[j / K], codes[j / K], kFinalDemand[j % K]);
  for (size_t k = 0; k < K; ++k) lfd += fmt::format("ROW\tROW\tFinal Demand\t{}\t\n", kFinalDemand[k]);
  for (const auto& va : kValueAdded) lva += "Primary Inputs\t" + va + "\t\n";
  for (const auto& e : q) lq += e[0] + " (" + e[1] + ")\t" + e[2] + "\t\n";

  Fixture fx;
  const std::string stem = fmt::format("Eora26_{}_bp", o.year);
  fx.path = o.unpacked ? dir / stem : dir / (stem + ".zip");
  {
    auto sink = FileSink::create(fx.path);
    sink->write_text(stem + "_T.txt", T);
    sink->write_text(stem + "_FD.txt", FD);
    sink->write_text(stem + "_VA.txt", VA);
    sink->write_text(stem + "_Q.txt", Q);
    sink->write_text(stem + "_QY.txt", QY);
    auto labels = v == "indices" ? FileSink::create(dir / "indices.zip") : nullptr;
    FileSink& ls = labels ? *labels : *sink;
    ls.write_text("labels_T.txt", lt);
    ls.write_text("labels_FD.txt", lfd);
    ls.write_text("labels_VA.txt", lva);
    ls.write_text("labels_Q.txt", lq);
    if (labels) labels->finish();
    sink->finish();
  }
  m.provenance.year = o.year;
  fx.expected = std::move(m);
  return fx;
}

}  // namespace worldsys::io::detail
