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
  std::vector<std::string> keys{first_column_};
  if (importer_) keys.push_back(second_column_);
  if (sector_) keys.push_back("sector");
  if (origin_) keys.push_back("origin");
  if (origin_sector_) keys.push_back("origin_sector");
  // Built column by column (millions of rows for a bilateral-sector table): key texts, term, value, unit.
  const size_t K = keys.size();
  constexpr size_t chunk = 1 << 16;
  const size_t shown = size_t(std::count_if(terms_.begin(), terms_.end(), [](const Term& t) { return t.shown; }));
  const size_t capacity = sink ? chunk : md_.G * nr_ * ns_ * no_ * (shown + ratios_.size());
  auto fresh = [&] {
    std::vector<Column> cols;
    for (const auto& k : keys) cols.push_back({k, false, {}, {}});
    cols.push_back({"term", false, {}, {}});
    cols.push_back({"value", true, {}, {}});
    cols.push_back({"unit", false, {}, {}});
    for (auto& c : cols) c.numeric ? c.num.reserve(capacity) : c.text.reserve(capacity);
    return cols;
  };
  std::vector<Column> cols = fresh();
  bool sent = false;
  auto flush = [&] {
    if (sink && (!cols[K].text.empty() || !sent)) sink(Table(std::exchange(cols, fresh()))), sent = true;
  };

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
            for (size_t j = 0; j < K; ++j) cols[j].text.push_back(*key[j]);
            cols[K].text.push_back(term);
            cols[K + 1].num.push_back(value);
            cols[K + 2].text.push_back(unit);
            if (cols[K].text.size() == chunk) flush();
          };
          for (size_t i = 0; i < terms_.size(); ++i)
            if (terms_[i].shown) row(terms_[i].name, val[i], terms_[i].money ? md_.m.unit : md_.unit);
          for (const auto& q : ratios_)  // a ratio of nothing is left out rather than printed as nan
            if (val[q.denominator] != 0) row(q.name, val[q.numerator] / val[q.denominator], q.unit);
        }
    }
  flush();
  return Table(std::move(cols));
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
