#include "gvc/rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "worldsys/core/error.hpp"

namespace worldsys::gvc::detail {

Rows::Rows(const Model& md, By by, std::vector<Term> terms, std::vector<Ratio> ratios, bool origin, bool origin_sector,
           std::string first_column, std::string second_column)
    : md_(md),
      importer_(by == By::exporter_importer || by == By::exporter_importer_sector),
      sector_(by == By::exporter_sector || by == By::exporter_importer_sector),
      origin_(origin || origin_sector),
      origin_sector_(origin_sector),
      nr_(importer_ ? md.G : 1),
      ns_(sector_ ? md.m.sectors.size() : 1),
      no_(origin_sector ? md.G * md.m.sectors.size() : origin_ ? md.G : 1),
      terms_(std::move(terms)),
      ratios_(std::move(ratios)),
      first_column_(std::move(first_column)),
      second_column_(std::move(second_column)),
      values_(md.G * nr_ * ns_ * no_ * terms_.size(), 0.0) {}

double Rows::total(size_t s, size_t t) const {
  double sum = 0;
  const size_t block = nr_ * ns_ * no_;
  for (size_t k = 0; k < block; ++k) sum += values_[(s * block + k) * terms_.size() + t];
  return sum;
}

Table Rows::table(const std::function<void(const Table&)>& sink) const {
  std::vector<std::string> names{first_column_};
  if (importer_) names.push_back(second_column_);
  if (sector_) names.push_back("sector");
  if (origin_) names.push_back("origin");
  if (origin_sector_) names.push_back("origin_sector");
  // Key texts, term, value, unit: millions of rows for a bilateral-sector table, built column by column.
  const size_t K = names.size();
  names.insert(names.end(), {"term", "value", "unit"});
  std::vector<bool> numeric(names.size(), false);
  numeric[K + 1] = true;
  TableBuilder t(std::move(names), std::move(numeric), sink);

  const size_t N = md_.m.sectors.size();
  std::vector<const std::string*> key(K);
  for (size_t s = 0; s < md_.G; ++s)
    for (size_t r = 0; r < nr_; ++r) {
      if (importer_ && r == s) continue;  // not exports
      for (size_t k = 0; k < ns_; ++k)
        for (size_t o = 0; o < no_; ++o) {
          size_t c = 0;
          key[c++] = &md_.countries[s];
          if (importer_) key[c++] = &md_.countries[r];
          if (sector_) key[c++] = &md_.m.sectors[k];
          if (origin_) key[c++] = &md_.countries[origin_sector_ ? o / N : o];
          if (origin_sector_) key[c++] = &md_.m.sectors[o % N];
          const double* val = &values_[(((s * nr_ + r) * ns_ + k) * no_ + o) * terms_.size()];
          auto row = [&](const std::string& term, double value, const std::string& unit) {
            for (size_t j = 0; j < K; ++j) t.text(j, *key[j]);
            t.text(K, term), t.num(K + 1, value), t.text(K + 2, unit);
            t.end_row();
          };
          for (size_t i = 0; i < terms_.size(); ++i)
            if (terms_[i].shown) row(terms_[i].name, val[i], terms_[i].money ? md_.m.unit : md_.unit);
          for (const auto& q : ratios_)  // a ratio of nothing is left out rather than printed as nan
            if (val[q.denominator] != 0) row(q.name, val[q.numerator] / val[q.denominator], q.unit);
        }
    }
  return t.finish();
}

void check_identity(const Model& md, size_t s, const char* identity, double sum, double expected, double scale,
                    double tolerance) {
  const double slack = tolerance * std::max(std::fabs(scale), 1e-300) + md.imbalance;
  if (std::fabs(sum - expected) <= slack) return;
  fail(ErrorKind::numeric,
       fmt::format("{}: {} does not hold: {:.10g} against {:.10g}, beyond the table's own imbalance "
                   "({:.6g}) and {:.0e} of its scale {:.6g}; the solve is inaccurate (`worldsys info` gives the "
                   "table's condition)",
                   md.countries[s], identity, sum, expected, md.imbalance, tolerance, scale));
}

}  // namespace worldsys::gvc::detail
