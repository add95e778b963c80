#pragma once
// What the exchange room's drain runs read, loaded by the io room: stores by name (empty: the embedded sample
// world), region groups (built-in or files, year-aware classifications following each table's year) and, for
// erdi and constant prices, Penn World Table figures. Shared by `worldsys drain`, `sensitivity` and the claim checks.
#include <memory>
#include <string>
#include <vector>

#include "worldsys/exchange/panel.hpp"
#include "worldsys/io/pwt.hpp"

namespace worldsys::io {

// `pwt` may be null (then erdi and constant prices are unavailable); `variable` is its price level for erdi
// (pl_da, pl_gdpo, ...).
exchange::DrainSource drain_source(std::vector<std::string> stores, std::shared_ptr<const Pwt> pwt,
                                   const std::string& variable = "pl_da");

}  // namespace worldsys::io
