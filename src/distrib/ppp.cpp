#include "worldsys/distrib/ppp.hpp"

#include <fmt/format.h>

#include "worldsys/core/error.hpp"

namespace worldsys::distrib {

std::string name(PppVintage v) {
  switch (v) {
    case PppVintage::ppp2005: return "2005";
    case PppVintage::ppp2011: return "2011";
    case PppVintage::ppp2017: return "2017";
    case PppVintage::ppp2021: return "2021";
  }
  return "?";
}

PppVintage parse_ppp_vintage(const std::string& s) {
  std::string y = s;
  for (const char* affix : {"ppp", "PPP"}) {
    if (y.starts_with(affix)) y = y.substr(3);
    if (y.ends_with(affix)) y = y.substr(0, y.size() - 3);
  }
  if (y == "2005") return PppVintage::ppp2005;
  if (y == "2011") return PppVintage::ppp2011;
  if (y == "2017") return PppVintage::ppp2017;
  if (y == "2021") return PppVintage::ppp2021;
  fail(ErrorKind::usage, fmt::format("unknown PPP vintage '{}'; expected 2005, 2011, 2017 or 2021", s));
}

std::vector<double> international_lines(PppVintage v) {
  // Extreme line first, then the World Bank's higher lines of the same vintage (per person per day).
  switch (v) {
    case PppVintage::ppp2005: return {1.25, 2.00};
    case PppVintage::ppp2011: return {1.90, 3.20, 5.50, 21.70};
    case PppVintage::ppp2017: return {2.15, 3.65, 6.85};
    case PppVintage::ppp2021: return {3.00, 4.20, 8.30};
  }
  return {};
}

void require_vintage(const PovertyLine& line, PppVintage data) {
  if (line.vintage == data) return;
  fail(ErrorKind::usage,
       fmt::format("the line ${:.2f} is in {} PPP dollars but the data are in {} PPP dollars; lines do not carry "
                   "across PPP vintages by a price index (the international extreme line is ${:.2f} in {} PPP). "
                   "Give a line of the data's vintage with --ppp {}, or add --convert-line to scale it by the ratio of the "
                   "international extreme lines",
                   line.value, name(line.vintage), name(data), international_lines(data)[0], name(data), name(data)));
}

PovertyLine convert_line(const PovertyLine& line, PppVintage to) {
  return {line.value / international_lines(line.vintage)[0] * international_lines(to)[0], to};  // exact at the extreme line
}

}  // namespace worldsys::distrib
