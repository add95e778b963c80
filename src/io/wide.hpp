#pragma once
// Wide tables labelled REGION_CODE (OECD ICIO, FIGARO): what tells the blocks apart, per format (room-private).
#include <functional>
#include <set>
#include <string>

#include "worldsys/core/mrio.hpp"
#include "worldsys/io/text_table.hpp"

namespace worldsys::io::detail {

struct WideRules {
  std::function<bool(const std::string&)> is_total;          // total rows/columns (dropped as data)
  std::function<bool(const std::string&)> is_output_column;  // a total column that holds gross output
  std::function<bool(const std::string&)> is_factor;         // factor-input rows (become stressors)
  std::set<std::string> final_demand;                        // final-demand codes (REG_FD or FD_REG)
  std::function<std::string(const std::string&)> parent_region;  // split regions (CN1 -> CHN); may be empty
  std::function<bool(const std::string&)> may_lack_final_demand;  // regions kept without columns of their own
  std::string unit, factor_note;
};

// Regions in order of appearance, sectors from the first region, values of split regions added into their
// parents; x from the total row (an is_total row), else the output column, else Z 1 + Y 1.
Mrio wide_to_mrio(const TextTable& t, const WideRules& rules);

}  // namespace worldsys::io::detail
