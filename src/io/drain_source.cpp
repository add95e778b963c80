#include "worldsys/io/drain_source.hpp"

#include "worldsys/io/classification.hpp"
#include "worldsys/io/groups.hpp"
#include "worldsys/io/region_codes.hpp"
#include "worldsys/io/store.hpp"

namespace worldsys::io {

exchange::DrainSource drain_source(std::vector<std::string> stores, std::shared_ptr<const Pwt> pwt,
                                   const std::string& variable) {
  exchange::DrainSource s;
  s.tables = std::move(stores);
  s.open = [](const std::string& store) { return read_store(store.empty() ? default_store_path() : std::filesystem::path(store)); };
  s.groups = [](const std::string& groups, const Mrio& m) {
    return load_groups(groups.empty() ? default_north_south(m.regions, m.provenance.year) : groups, m.regions, m.provenance.year);
  };
  s.rest_of_world = [](const Mrio& m) {
    std::vector<size_t> rows;
    for (size_t r = 0; r < m.regions.size(); ++r)
      if (is_rest_of_world(m.regions[r])) rows.push_back(r);
    return rows;
  };
  if (!pwt) return s;
  s.price_levels = [pwt, variable](const Mrio& m) {
    const auto rp = region_price_levels(*pwt, m.regions, *m.provenance.year, variable, weight_for(variable));
    return exchange::PriceLevels{variable, pwt->source, rp.level, rp.weight, rp.note};
  };
  s.us_deflator = [pwt](int year) { return us_gdp_deflator(*pwt, year); };
  s.usd_per_unit = [pwt](const std::string& unit, int year, std::string& usd_unit) {
    return usd_per_unit(*pwt, unit, year, usd_unit);
  };
  s.real_growth = [pwt](const Mrio& m, const std::vector<bool>& in_group) {
    return real_growth(*pwt, m.regions, in_group, *m.provenance.year);
  };
  return s;
}

}  // namespace worldsys::io
