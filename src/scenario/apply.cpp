// Applying a scenario's changes to a copy of the table, one after the other, each keeping the Leontief model
// (see scenario.hpp for the equations).
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "worldsys/accounts/leontief.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/scenario/scenario.hpp"

namespace worldsys::scenario {

std::vector<bool> resolve(const Selector& sel, const std::vector<std::string>& labels, const Concordance* groups,
                          const std::string& kind) {
  std::vector<bool> on(labels.size(), sel.all());
  for (size_t k = 0; k < sel.items.size(); ++k) {
    const std::string& item = sel.items[k];
    const auto it = std::find(labels.begin(), labels.end(), item);
    if (it != labels.end()) {
      on[size_t(it - labels.begin())] = true;
      continue;
    }
    const auto g = groups ? std::find(groups->groups.begin(), groups->groups.end(), item) : std::vector<std::string>::const_iterator{};
    if (groups && g != groups->groups.end()) {
      const size_t gi = size_t(g - groups->groups.begin());
      for (size_t i = 0; i < labels.size(); ++i)
        if (groups->group_of[i] == gi) on[i] = true;
      continue;
    }
    std::string known;
    for (size_t i = 0; i < labels.size() && i < 12; ++i) known += (i ? ", " : "") + labels[i];
    if (labels.size() > 12) known += ", ...";
    std::string group_list;
    if (groups)
      for (const auto& name : groups->groups) group_list += (group_list.empty() ? "" : ", ") + name;
    fail_at(sel.where[k], fmt::format("unknown {} '{}'; expected \"*\", a {} of the table ({}){}", kind, item, kind,
                                      known,
                                      groups ? fmt::format(" or a group of {} ({})", groups->name, group_list)
                                             : std::string()));
  }
  return on;
}

namespace {

// Group concordances, loaded only when a selector names something that is not a label.
struct Context {
  const Scenario& s;
  const Mrio& m;
  std::optional<Concordance> region_groups, sector_groups;
  bool tried_default = false;

  bool needs(const Selector& sel, const std::vector<std::string>& labels) const {
    for (const auto& item : sel.items)
      if (std::find(labels.begin(), labels.end(), item) == labels.end()) return true;
    return false;
  }
  std::vector<bool> regions(const Selector& sel) {
    if (needs(sel, m.regions) && !region_groups && !tried_default) {
      if (!s.groups.empty()) {
        region_groups = io::load_groups(s.groups, m.regions, m.provenance.year);
      } else {
        // The default North/South split, where it fits the table; otherwise names must be regions.
        tried_default = true;
        try {
          region_groups = io::load_groups(io::default_north_south(m.regions, m.provenance.year), m.regions, m.provenance.year);
        } catch (const Error&) {
        }
      }
    }
    return resolve(sel, m.regions, region_groups ? &*region_groups : nullptr, "region");
  }
  std::vector<bool> sectors(const Selector& sel) {
    if (needs(sel, m.sectors) && !sector_groups && !s.sector_groups.empty())
      sector_groups = io::load_concordance(s.sector_groups, m.sectors, "sector");
    return resolve(sel, m.sectors, sector_groups ? &*sector_groups : nullptr, "sector");
  }
  // One flag per row/column of Z: region and sector both chosen.
  std::vector<bool> cells(const Selector& r, const Selector& j) {
    const auto rr = regions(r), jj = sectors(j);
    std::vector<bool> on(m.n());
    for (size_t i = 0; i < m.n(); ++i) on[i] = rr[m.region_of(i)] && jj[m.sector_of(i)];
    return on;
  }
  size_t stressor(const Change& c, const std::string& name) const {
    for (size_t k = 0; k < m.stressors.size(); ++k)
      if (m.stressors[k].name == name) return k;
    std::string names;
    for (const auto& st : m.stressors) names += (names.empty() ? "" : ", ") + st.name;
    fail_at(c.where, fmt::format("{} change: unknown stressor '{}'; this table has: {}", to_string(c.kind), name, names));
  }
};

// After x changed to x_new with A and S kept: Z' = Z diag(x'/x), F' = F diag(x'/x). Columns with x = 0 stay.
void rescale_columns(Mrio& m, const std::vector<double>& x_new) {
  for (size_t j = 0; j < m.n(); ++j) {
    if (m.x[j] == 0 || x_new[j] == m.x[j]) continue;
    const double f = x_new[j] / m.x[j];
    double* z = m.Z.col(j);
    for (size_t i = 0; i < m.n(); ++i) z[i] *= f;
    for (size_t k = 0; k < m.F.rows(); ++k) m.F(k, j) *= f;
  }
  m.x = x_new;
}

// x' = x + L' d, where (I - A') x' = (I - A) x + dy; d is dy (final demand) or (A' - A) x (technology). L' belongs
// to the table as it is now (m.Z at the old x holds A').
std::vector<double> resolve_output(const Mrio& m, const std::vector<double>& d) {
  const Leontief leo(m);
  Matrix D(m.n(), 1);
  std::copy(d.begin(), d.end(), D.col(0));
  const Matrix dx = leo.solve(D);
  std::vector<double> x = m.x;
  for (size_t i = 0; i < m.n(); ++i) x[i] += dx(i, 0);
  return x;
}

void final_demand(Context& ctx, Mrio& m, const Change& c) {
  const auto demand = ctx.regions(c.regions);
  const auto origin = ctx.cells(c.origin_regions, c.origin_sectors);
  const auto cats = resolve(c.categories, m.categories, nullptr, "final-demand category");
  std::vector<double> dy(m.n(), 0.0);
  for (size_t col = 0; col < m.Y.cols(); ++col) {
    if (!demand[m.region_of_fd_column(col)] || !cats[col % m.categories.size()]) continue;
    for (size_t i = 0; i < m.n(); ++i) {
      if (!origin[i]) continue;
      const double before = m.Y(i, col);
      const double after = c.add != 0 ? before + c.add : before * c.scale;
      m.Y(i, col) = after;
      dy[i] += after - before;
    }
  }
  rescale_columns(m, resolve_output(m, dy));
}

void technology(Context& ctx, Mrio& m, const Change& c) {
  const auto rows = ctx.cells(c.origin_regions, c.origin_sectors);
  const auto cols = ctx.cells(c.regions, c.sectors);
  // Z at the old x now holds A' x; d = (A' - A) x = Z' 1 - Z 1.
  std::vector<double> d(m.n(), 0.0);
  for (size_t j = 0; j < m.n(); ++j) {
    if (!cols[j]) continue;
    for (size_t i = 0; i < m.n(); ++i)
      if (rows[i]) {
        const double before = m.Z(i, j);
        m.Z(i, j) = before * c.scale;
        d[i] += m.Z(i, j) - before;
      }
  }
  rescale_columns(m, resolve_output(m, d));
}

void intensity(Context& ctx, Mrio& m, const Change& c) {
  const auto cols = ctx.cells(c.regions, c.sectors);
  for (const auto& name : c.stressors) {
    const size_t k = ctx.stressor(c, name);
    for (size_t j = 0; j < m.n(); ++j)
      if (cols[j]) m.F(k, j) *= c.scale;
  }
}

void wage(Context& ctx, Mrio& m, const Change& c) {
  const auto cols = ctx.cells(c.regions, c.sectors);
  const size_t w = ctx.stressor(c, c.stressors.at(0));
  if (c.to_level_of.all()) {
    for (size_t j = 0; j < m.n(); ++j)
      if (cols[j]) m.F(w, j) *= c.scale;
    return;
  }
  const size_t h = ctx.stressor(c, c.per);
  const auto ref = ctx.regions(c.to_level_of);
  const size_t NS = m.sectors.size();
  // Reference wage per unit of work: by sector (equal work = the same sector), or economy-wide.
  std::vector<double> W(NS, 0.0), H(NS, 0.0);
  for (size_t j = 0; j < m.n(); ++j)
    if (ref[m.region_of(j)]) {
      const size_t s = c.by_sector ? m.sector_of(j) : 0;
      W[s] += m.F(w, j);
      H[s] += m.F(h, j);
    }
  for (size_t j = 0; j < m.n(); ++j) {
    if (!cols[j] || m.F(h, j) == 0) continue;  // no work recorded: nothing to pay at a rate
    const size_t s = c.by_sector ? m.sector_of(j) : 0;
    if (!(H[s] > 0))
      fail_at(c.where, fmt::format("wage change: the reference regions record no {} in {}; use by: economy",
                                   c.per, c.by_sector ? m.sectors[s] : std::string("any sector")));
    const double level = W[s] / H[s] * m.F(h, j);
    if (c.no_cut && level < m.F(w, j)) continue;
    m.F(w, j) = level;
  }
}

}  // namespace

Mrio apply_scenario(const Mrio& base, const Scenario& s) {
  Mrio m = base;
  Context ctx{s, base, {}, {}, false};
  // Named group files are read now, used or not: `sector_groups: nope` is an error, not a scenario that runs.
  if (!s.groups.empty()) ctx.region_groups = io::load_groups(s.groups, base.regions, base.provenance.year);
  if (!s.sector_groups.empty()) ctx.sector_groups = io::load_concordance(s.sector_groups, base.sectors, "sector");
  size_t applied = 0;
  for (const auto& c : s.changes) {
    if (c.is_noop()) continue;  // exactly the baseline: not even a re-solve
    switch (c.kind) {
      case ChangeKind::final_demand: final_demand(ctx, m, c); break;
      case ChangeKind::technology: technology(ctx, m, c); break;
      case ChangeKind::intensity: intensity(ctx, m, c); break;
      case ChangeKind::wage: wage(ctx, m, c); break;
    }
    ++applied;
  }
  if (applied)
    m.provenance.history.push_back(fmt::format("scenario '{}' ({}, {} change{})", s.name, s.origin, applied,
                                               applied == 1 ? "" : "s"));
  return m;
}

}  // namespace worldsys::scenario
