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
      if (hits == 0 && r->required &&  // rows of that name in another unit are said below
          std::none_of(m.stressors.begin(), m.stressors.begin() + long(original),
                       [&](const Stressor& s) { return matches_pattern(r->rows, s.name); }))
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
  // Each factor's rows of F and F_Y, from the stressors as read; then F and F_Y widened once for the new ones.
  struct Made {
    Stressor stressor;
    std::vector<double> F, F_Y;
  };
  std::vector<Made> made;
  for (const auto& name : order) {
    const Factor& f = factors.at(name);
    if (f.problem) m.provenance.history.push_back(fmt::format("factor {} not made: {}", name, *f.problem));
    if (f.problem || f.rows.empty()) continue;  // no rows: the release does not publish it
    Made out{{name, f.rules.front()->unit, ""}, std::vector<double>(m.F.cols()), std::vector<double>(m.F_Y.cols())};
    std::string parts;
    for (const auto& [k, w] : f.rows) {
      parts += fmt::format("{}{}{}", parts.empty() ? "" : " + ", w == 1 ? "" : fmt::format("{:g} x ", w),
                           m.stressors[k].name);
      for (size_t j = 0; j < out.F.size(); ++j) out.F[j] += w * m.F(k, j);
      for (size_t j = 0; j < out.F_Y.size(); ++j) out.F_Y[j] += w * m.F_Y(k, j);
    }
    out.stressor.note = fmt::format("canonical factor ({}): {}", f.rules.front()->where.path, parts);
    made.push_back(std::move(out));
  }
  std::vector<size_t> row_of;  // where each goes: a user's factor replaces a stressor of its name, others append
  size_t appended = 0;
  for (const auto& mk : made) {
    size_t row = m.stressors.size() + appended;
    for (size_t k = 0; k < m.stressors.size(); ++k)
      if (m.stressors[k].name == mk.stressor.name) row = k;
    appended += row >= m.stressors.size();
    row_of.push_back(row);
  }
  if (appended) {
    Matrix F(m.F.rows() + appended, m.F.cols()), F_Y(m.F_Y.rows() + appended, m.F_Y.cols());
    for (size_t j = 0; j < m.F.cols(); ++j) std::copy(m.F.col(j), m.F.col(j) + m.F.rows(), F.col(j));
    for (size_t j = 0; j < m.F_Y.cols(); ++j) std::copy(m.F_Y.col(j), m.F_Y.col(j) + m.F_Y.rows(), F_Y.col(j));
    m.F = std::move(F), m.F_Y = std::move(F_Y);
  }
  std::vector<std::string> added;
  for (size_t i = 0; i < made.size(); ++i) {
    const size_t row = row_of[i];
    for (size_t j = 0; j < m.F.cols(); ++j) m.F(row, j) = made[i].F[j];
    for (size_t j = 0; j < m.F_Y.cols(); ++j) m.F_Y(row, j) = made[i].F_Y[j];
    if (row < m.stressors.size()) m.stressors[row] = std::move(made[i].stressor);
    else m.stressors.push_back(std::move(made[i].stressor));
    added.push_back(m.stressors[row].name);
  }
  return added;
}

}  // namespace worldsys
