// footprint and flows: the table, the stressors asked for, one factorization, the tidy table.
#include <fmt/format.h>

#include <limits>
#include <optional>

#include "worldsys/accounts/tables.hpp"
#include "worldsys/api/verbs.hpp"
#include "worldsys/linalg/gpu.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/io/store.hpp"
#include "worldsys/linalg/threads.hpp"

namespace worldsys::api {

namespace {
AccountsOptions selection(const Mrio& m, const std::vector<std::string>& names, bool multipliers,
                          const std::string& precision, const std::string& device) {
  AccountsOptions opt;
  opt.precision = parse_precision(precision);
  opt.device = parse_device(device);
  for (const auto& n : names) opt.stressors.push_back(m.stressor_index(n));
  opt.multipliers = multipliers;
  return opt;
}
}  // namespace

Mrio open_store(const std::string& store) {
  return io::read_store(store.empty() ? io::default_store_path() : std::filesystem::path(store));
}

namespace {
// The arguments checked and the groups read before the accounts (a bad name fails first), then the accounts.
struct Computed {
  std::optional<Concordance> groups;
  Accounts acc;
  const Concordance* g() const { return groups ? &*groups : nullptr; }
};
Computed compute(const Mrio& m, const std::vector<std::string>& stressors, const std::string& groups,
                 bool multipliers, const std::string& precision, const std::string& device) {
  std::optional<Concordance> g;
  if (!groups.empty()) g = io::load_groups(groups, m.regions, m.provenance.year);
  return {std::move(g), compute_accounts(m, selection(m, stressors, multipliers, precision, device))};
}
Computed compute(const Mrio& m, const FootprintArgs& a) {
  if (a.by != "region" && a.by != "sector")
    fail(ErrorKind::usage, fmt::format("by = '{}': use region or sector", a.by));
  parse_pba(a.pba);
  return compute(m, a.stressors, a.groups, a.multipliers, a.precision, a.device);
}
Computed compute(const Mrio& m, const FlowsArgs& a) {
  return compute(m, a.stressors, a.groups, false, a.precision, a.device);
}

// The table, or with a sink none (its rows went there in chunks).
Table footprint_rows(const Mrio& m, const FootprintArgs& a, const TableSink& sink) {
  const Computed c = compute(m, a);
  if (a.multipliers) return multipliers_table(m, c.acc, sink);
  return footprint_table(m, c.acc, a.by == "sector", c.g(), parse_pba(a.pba), sink);
}
}  // namespace

Table footprint(const Mrio& m, const FootprintArgs& a) { return footprint_rows(m, a, {}); }
void footprint(const Mrio& m, const FootprintArgs& a, const TableSink& sink) { footprint_rows(m, a, sink); }
Table flows(const Mrio& m, const FlowsArgs& a) {
  const Computed c = compute(m, a);
  return flows_table(m, c.acc, c.g());
}
void flows(const Mrio& m, const FlowsArgs& a, const TableSink& sink) {
  const Computed c = compute(m, a);
  flows_table(m, c.acc, c.g(), sink);
}

LabelledArrays footprint_arrays(const Mrio& m, const FootprintArgs& a) {
  const Computed c = compute(m, a);
  if (a.multipliers) return multipliers_arrays(m, c.acc);
  return footprint_arrays(m, c.acc, a.by == "sector", c.g(), parse_pba(a.pba));
}
LabelledArrays flows_arrays(const Mrio& m, const FlowsArgs& a) {
  const Computed c = compute(m, a);
  return flows_arrays(m, c.acc, c.g());
}

std::vector<std::string> panel_stores(const std::string& panel, int from, int to) {
  std::vector<std::string> stores;
  for (const auto& [y, p] : io::panel_years(panel))
    if (y >= from && y <= to) stores.push_back(p.string());
  if (stores.empty())
    fail(ErrorKind::usage,
         fmt::format("{}: no stores for years {}-{} (is it a panel from `worldsys import --years`?)", panel, from, to));
  return stores;
}

Table footprint_panel(const std::vector<std::string>& stores, const FootprintArgs& a, const ProgressFn& progress) {
  const SerialBlas one;  // each year as a cluster's task computes it (linalg/threads.hpp)
  std::optional<Table> all;
  for (size_t i = 0; i < stores.size(); ++i) {
    const Mrio m = open_store(stores[i]);
    const double year = m.provenance.year ? double(*m.provenance.year) : std::numeric_limits<double>::quiet_NaN();
    Table t = with_column(footprint(m, a), 0, "year", year);
    if (!all)
      all = std::move(t);
    else
      append(*all, t);
    if (progress) progress(i + 1, stores.size());
  }
  if (!all) fail(ErrorKind::usage, "no tables to compute footprints on");
  return std::move(*all);
}

}  // namespace worldsys::api
