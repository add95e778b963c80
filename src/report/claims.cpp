#include <fmt/format.h>

#include "worldsys/claims/claims.hpp"
#include "worldsys/report/page.hpp"
#include "worldsys/report/svg.hpp"

namespace worldsys::report {

std::vector<ClaimRow> claim_rows(const std::vector<claims::ClaimResult>& results) {
  std::vector<ClaimRow> rows;
  for (const auto& r : results) {
    ClaimRow row{r.claim.id, r.claim.text, claims::to_string(r.verdict), r.summary, {}};
    for (const auto& m : r.measurements) {
      std::string value = format_value(m.value);
      if (!m.unit.empty()) value += " " + m.unit;
      if (!m.detail.empty()) value += " (" + m.detail + ")";
      row.measurements.push_back({m.source, m.ppp, m.method, value, m.command});
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace worldsys::report
