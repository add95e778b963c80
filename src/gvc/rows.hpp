#pragma once
// Sums terms at the level the user asked for (exporter, importer, sector; and origin for va-origin) and writes
// them as tidy rows: exporter, [importer], [sector], [origin, origin_sector], term, value, unit. Ratios are
// formed after summing, from the summed numerator and denominator.
#include <string>
#include <vector>

#include "gvc/model.hpp"
#include "worldsys/core/table.hpp"

namespace worldsys::gvc::detail {

struct Term {
  std::string name;
  bool shown = true;   // false: summed only to form a ratio
  bool money = false;  // in the table's money (gross trade), not in the factor's unit
};
struct Ratio {
  std::string name;
  size_t numerator, denominator;  // term indices
  std::string unit = "ratio";
};

class Rows {
 public:
  // `importer` and `sector` follow `by`; `origin` adds an origin-country column, `origin_sector` its sector.
  Rows(const Model& md, By by, std::vector<Term> terms, std::vector<Ratio> ratios = {}, bool origin = false,
       bool origin_sector = false, std::string first_column = "exporter", std::string second_column = "importer");
  // Adds `value` to term t of exporter s, importer r, the exporter's row i (its sector) and the origin o: a row
  // with origin_sector, a country with origin only.
  void add(size_t s, size_t r, size_t i, size_t t, double value, size_t o = 0) {
    values_[index(s, r, i, o) * terms_.size() + t] += value;
  }
  // The exporter-level sum of term t (for identity checks).
  double total(size_t s, size_t t) const;
  // The rows; with a sink, handed to it in chunks and none returned.
  Table table(const std::function<void(const Table&)>& sink = {}) const;

 private:
  size_t index(size_t s, size_t r, size_t i, size_t o) const {
    const size_t origin = origin_sector_ ? md_.country_of[o] * md_.m.sectors.size() + md_.sector_of(o) : origin_ ? o : 0;
    return ((s * nr_ + (importer_ ? r : 0)) * ns_ + (sector_ ? md_.sector_of(i) : 0)) * no_ + origin;
  }
  const Model& md_;
  bool importer_, sector_, origin_, origin_sector_;
  size_t nr_, ns_, no_;
  std::vector<Term> terms_;
  std::vector<Ratio> ratios_;
  std::string first_column_, second_column_;
  std::vector<double> values_;
};

// Throws a numeric error naming the exporter when |sum - expected| exceeds tolerance x scale plus the table's own
// imbalance (Model::imbalance).
void check_identity(const Model& md, size_t s, const char* identity, double sum, double expected, double scale,
                    double tolerance);

}  // namespace worldsys::gvc::detail
