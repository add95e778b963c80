#include "worldsys/core/factors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace worldsys {

bool matches_pattern(std::string_view p, std::string_view s) {
  // Iterative glob with one backtrack point: linear in practice, no recursion on hostile patterns.
  size_t i = 0, j = 0, star = std::string_view::npos, mark = 0;
  while (j < s.size()) {
    if (i < p.size() && p[i] == '*') {
      star = i++, mark = j;
    } else if (i < p.size() && p[i] == s[j]) {
      ++i, ++j;
    } else if (star != std::string_view::npos) {
      i = star + 1, j = ++mark;
    } else {
      return false;
    }
  }
  while (i < p.size() && p[i] == '*') ++i;
  return i == p.size();
}

namespace {

struct Factor {
  std::vector<const FactorRule*> rules;
  std::vector<std::pair<size_t, double>> rows;  // stressor index, weight
  std::optional<std::string> problem;           // why it cannot be made
};

}  // namespace

std::vector<std::string> add_factors(Mrio& m, const std::vector<FactorRule>& rules) {
  std::map<std::string, Factor> factors;
  std::vector<std::string> order;
  for (const auto& r : rules) {
    auto [it, fresh] = factors.try_emplace(r.factor);
    if (fresh) order.push_back(r.factor);
    Factor& f = it->second;
    if (!f.rules.empty() && f.rules.front()->unit != r.unit)
      fail_at(r.where, fmt::format("factor '{}' is in '{}' here but in '{}' at line {}; one factor, one unit", r.factor,
                                   r.unit, f.rules.front()->unit, f.rules.front()->where.line));
    f.rules.push_back(&r);
  }
  const size_t original = m.stressors.size();
  for (auto& [name, f] : factors) {
    std::set<size_t> counted;
    for (const FactorRule* r : f.rules) {
      size_t hits = 0;
      for (size_t k = 0; k < original; ++k) {
        const Stressor& s = m.stressors[k];
        if (s.name == name || !matches_pattern(r->rows, s.name) || s.unit != r->row_unit) continue;
        if (!counted.insert(k).second)
          fail_at(r->where, fmt::format("factor '{}': row '{}' is counted by two lines", name, s.name));
        f.rows.emplace_back(k, r->weight);
        ++hits;
      }
      const bool named = std::any_of(m.stressors.begin(), m.stressors.begin() + long(original),
                                     [&](const Stressor& s) { return matches_pattern(r->rows, s.name); });
      if (hits == 0 && r->required && !named)  // rows of that name in another unit: said below
        fail_at(r->where, fmt::format("factor '{}': no row matches '{}'", name, r->rows));
    }
    // A row named as the factor's but in a unit no line of it converts: never dropped silently.
    for (const FactorRule* r : f.rules)
      for (size_t k = 0; k < original && !f.problem; ++k)
        if (m.stressors[k].name != name && matches_pattern(r->rows, m.stressors[k].name) && !counted.count(k)) {
          const std::string why = fmt::format("factor '{}': row '{}' is in '{}', and this factor's lines convert '{}'",
                                              name, m.stressors[k].name, m.stressors[k].unit, r->row_unit);
          if (r->required) fail_at(r->where, why);
          f.problem = fmt::format("{} ({})", why, r->where.str());
        }
  }
  std::vector<std::string> added;
  for (const auto& name : order) {
    const Factor& f = factors.at(name);
    if (f.problem) m.provenance.history.push_back(fmt::format("factor {} not made: {}", name, *f.problem));
    if (f.problem || f.rows.empty()) continue;  // no rows: the release does not publish it
    std::string parts;
    for (const auto& [k, w] : f.rows)
      parts += fmt::format("{}{}{}", parts.empty() ? "" : " + ", w == 1 ? "" : fmt::format("{:g} x ", w), m.stressors[k].name);
    Matrix F(m.F.rows() + 1, m.F.cols()), F_Y(m.F_Y.rows() + 1, m.F_Y.cols());
    size_t row = m.F.rows();
    for (size_t k = 0; k < m.stressors.size(); ++k)
      if (m.stressors[k].name == name) row = k;  // a user's factor replaces a stressor of that name
    const bool replace = row < m.F.rows();
    if (replace) F = std::move(m.F), F_Y = std::move(m.F_Y);
    else {
      for (size_t j = 0; j < m.F.cols(); ++j)
        for (size_t k = 0; k < m.F.rows(); ++k) F(k, j) = m.F(k, j);
      for (size_t j = 0; j < m.F_Y.cols(); ++j)
        for (size_t k = 0; k < m.F_Y.rows(); ++k) F_Y(k, j) = m.F_Y(k, j);
    }
    for (size_t j = 0; j < F.cols(); ++j) {
      double v = 0;
      for (const auto& [k, w] : f.rows) v += w * F(k, j);
      F(row, j) = v;
    }
    for (size_t j = 0; j < F_Y.cols(); ++j) {
      double v = 0;
      for (const auto& [k, w] : f.rows) v += w * F_Y(k, j);
      F_Y(row, j) = v;
    }
    m.F = std::move(F), m.F_Y = std::move(F_Y);
    Stressor s{name, f.rules.front()->unit,
               fmt::format("canonical factor ({}): {}", f.rules.front()->where.path, parts)};
    if (replace) m.stressors[row] = std::move(s);
    else m.stressors.push_back(std::move(s));
    added.push_back(name);
  }
  return added;
}

}  // namespace worldsys
