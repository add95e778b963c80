// gvc: the table, the countries its regions form, the measure.
#include <limits>
#include <optional>

#include "worldsys/api/verbs.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/gvc/gvc.hpp"
#include "worldsys/io/classification.hpp"
#include "worldsys/linalg/threads.hpp"

namespace worldsys::api {

Table gvc(const Mrio& m, const GvcArgs& a) {
  gvc::Options o;
  o.factor = a.factor;
  o.value_added = a.value_added;
  o.by = gvc::parse_by(a.by);
  o.origin_sector = a.origin_sector;
  std::optional<Concordance> countries;
  if (!a.groups.empty()) countries = io::load_groups(a.groups, m.regions, m.provenance.year);
  o.countries = countries ? &*countries : nullptr;
  return gvc::measure(a.measure, m, o);
}

Table gvc_panel(const std::vector<std::string>& stores, const GvcArgs& a, const ProgressFn& progress) {
  const SerialBlas one;  // each year as a cluster's task computes it
  std::optional<Table> all;
  for (size_t i = 0; i < stores.size(); ++i) {
    const Mrio m = open_store(stores[i]);
    const double year = m.provenance.year ? double(*m.provenance.year) : std::numeric_limits<double>::quiet_NaN();
    Table t = with_column(gvc(m, a), 0, "year", year);
    if (!all)
      all = std::move(t);
    else
      append(*all, t);
    if (progress) progress(i + 1, stores.size());
  }
  if (!all) fail(ErrorKind::usage, "no tables to measure");
  return std::move(*all);
}

}  // namespace worldsys::api
