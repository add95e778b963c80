#pragma once
// SVG charts written by worldsys, the same text in the HTML report and in `report --figures DIR`: axes with
// nicely rounded ticks, line and stacked-area charts (linear or log x), grouped bar charts, a Sankey diagram and
// a choropleth map. Each chart is one <svg> with a viewBox (it scales to any width), an id, <title> and <desc>
// for screen readers, and a <title> on every mark giving its value and unit. Colours: Okabe-Ito for categories,
// viridis for sequential scales, a purple-orange diverging scale; all readable with colour-vision deficiencies.
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace worldsys::report {

// Ticks at 1, 2 or 5 x 10^k covering [lo, hi] with about `target` intervals; `step` is their spacing.
struct Ticks {
  std::vector<double> values;
  double step = 0;
};
Ticks nice_ticks(double lo, double hi, int target = 5);
// Ticks for a log axis: powers of ten, with 2 and 5 between them when the range is under three decades.
std::vector<double> log_ticks(double lo, double hi);

// A tick label: as many decimals as `step` needs, thousands separated, e.g. 1,500 or 0.25.
std::string format_tick(double v, double step);
// A value with about three significant figures and a word for large magnitudes: 1.23 million, 45.6 billion,
// 0.0123, 1,234. NaN prints as "n/a".
std::string format_value(double v);
// A whole number with thousands separated, e.g. 28,541,423: for sentences whose numbers are checked to the unit.
std::string format_whole(double v);
std::string xml_escape(std::string_view s);
// How to plot magnitudes of `unit` up to `max_abs` readably: values / divisor in `unit`, e.g. 28,541,423 M USD
// (WIOD's million USD) as 28.5 trillion USD. Data tables keep the source's unit.
struct Scale {
  double divisor = 1;
  std::string unit;
};
Scale readable_scale(double max_abs, std::string unit);

inline constexpr std::array<const char*, 8> kOkabeIto = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                         "#56B4E9", "#D55E00", "#F0E442", "#000000"};
const char* category_colour(size_t i);
std::string viridis(double t);    // t in [0, 1]
std::string diverging(double t);  // t in [-1, 1]: purple (negative), light grey (0), orange (positive)

struct Frame {
  std::string id;           // the <svg> element's id (the browser test looks for it)
  std::string title, desc;  // <title> and <desc>
  std::string x_label, y_label;
  double width = 720, height = 400;
};

struct Series {
  std::string name;
  std::vector<double> x, y;  // NaN in y breaks the line
};

struct LineChart {
  Frame frame;
  std::vector<Series> series;
  std::string unit;          // for the marks' titles
  bool y_percent = false;    // values are shares; axis in %
  bool x_log = false;
  bool x_years = false;      // x ticks are years: no thousands separator
  bool stacked_area = false; // series stacked as filled areas (on a common x)
};
std::string line_chart(const LineChart& c);

struct BarChart {
  Frame frame;
  std::vector<std::string> categories;  // along the axis
  std::vector<Series> series;           // one bar per series in each category; y[i] for categories[i]
  std::string unit;
  bool horizontal = false;
};
std::string bar_chart(const BarChart& c);

// Flows from `left` nodes to `right` nodes, value[i][j] >= 0; ribbons are coloured by their origin.
struct Sankey {
  Frame frame;
  std::vector<std::string> left, right;
  std::vector<std::vector<double>> value;
  std::string unit, left_label = "produced in", right_label = "embodied in final demand of";
};
std::string sankey(const Sankey& s);

// Country shapes projected once (SVG path data in the map's own coordinates, 0..width x 0..height).
struct MapShape {
  std::string key;   // what values are looked up by (ISO alpha-3)
  std::string name;  // for titles
  std::string path;
};
struct Choropleth {
  Frame frame;
  const std::vector<MapShape>* shapes = nullptr;
  std::vector<std::pair<std::string, double>> values;  // key -> value; shapes without one are hatched grey
  std::string unit, legend;
  bool diverging = false;  // symmetric scale around 0
  bool percent = false;
};
std::string choropleth(const Choropleth& c);

}  // namespace worldsys::report
