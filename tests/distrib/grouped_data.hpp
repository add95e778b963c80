#pragma once
// Reads the classic grouped-data test cases from ../shared/data/poverty/grouped.
#include <string>

#include "support.hpp"
#include "worldsys/distrib/distribution.hpp"
#include "worldsys/io/csv.hpp"
#include "worldsys/io/text.hpp"

namespace worldsys::test {

// Columns `pcol` (cumulative population share) and `lcol` (cumulative welfare share) of a CSV with a header.
inline distrib::Grouped read_grouped(const std::string& rel, size_t pcol, size_t lcol, double mean) {
  const auto path = shared_data() / rel;
  io::CsvReader r(io::read_text(path), path.string());
  r.next();  // header
  distrib::Grouped g;
  g.mean = mean;
  while (r.next()) {
    g.p.push_back(r.number(pcol));
    g.L.push_back(r.number(lcol));
  }
  return g;
}

}  // namespace worldsys::test
