#include "worldsys/report/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace worldsys::report {

namespace {

constexpr double kLeft = 70, kRight = 16, kBottom = 46, kTitle = 22;

std::string thousands(std::string digits) {  // "1234567" -> "1,234,567" (sign and decimals kept)
  const size_t start = digits[0] == '-' ? 1 : 0;
  size_t end = digits.find('.');
  if (end == std::string::npos) end = digits.size();
  for (long i = long(end) - 3; i > long(start); i -= 3) digits.insert(size_t(i), ",");
  return digits;
}

std::string num(double v) { return fmt::format("{:.1f}", v); }  // coordinates: a tenth of a unit is enough

// An approximate text width for layout (no font metrics in C++): 0.58 em per character.
double text_width(const std::string& s, double size = 12) { return 0.58 * size * double(s.size()); }

struct Box {
  double x0, y0, x1, y1;
  double w() const { return x1 - x0; }
  double h() const { return y1 - y0; }
};

std::string open_svg(const Frame& f, double height) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{}\" class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-labelledby=\"{}-title {}-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, "
      "'DejaVu Sans', sans-serif\" font-size=\"12\">\n<title id=\"{}-title\">{}</title>\n<desc id=\"{}-desc\">{}</desc>\n"
      "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
      "<text x=\"8\" y=\"16\" font-size=\"14\" font-weight=\"600\" fill=\"#222\">{}</text>\n",
      f.id, num(f.width), num(height), f.id, f.id, f.id, xml_escape(f.title), f.id, xml_escape(f.desc),
      xml_escape(f.title));
}

// Legend swatches in rows under the title; returns the y below it.
double legend(std::string& out, const std::vector<std::string>& names, double width, double y, bool lines) {
  double x = 8;
  if (names.size() < 2) return y;
  y += 14;
  for (size_t i = 0; i < names.size(); ++i) {
    const double w = 22 + text_width(names[i]) + 12;
    if (x + w > width - 8 && x > 8) x = 8, y += 18;
    if (lines)
      out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"3\"/>", num(x),
                         num(y - 4), num(x + 16), num(y - 4), category_colour(i));
    else
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{}\"/>", num(x), num(y - 9),
                         category_colour(i));
    out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#333\">{}</text>\n", num(x + 20), num(y), xml_escape(names[i]));
    x += w;
  }
  return y + 6;
}

std::string axis_label(double v, double step, bool percent, bool years) {
  if (percent) return format_tick(100 * v, 100 * step) + "%";
  if (years) return fmt::format("{:.0f}", v);
  return format_tick(v, step);
}

// Horizontal grid and y tick labels for a linear y scale.
std::string y_axis(const Box& b, const Ticks& t, double lo, double hi, bool percent, const std::string& label) {
  std::string out;
  for (double v : t.values) {
    const double y = b.y1 - (v - lo) / (hi - lo) * b.h();
    out += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"{}\"/>", num(b.x0), num(b.x1), num(y),
                       num(y), std::abs(v) < 1e-12 * (hi - lo) ? "#888" : "#e3e3e3");
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#444\">{}</text>\n", num(b.x0 - 6),
                       num(y + 4), axis_label(v, t.step, percent, false));
  }
  if (!label.empty())
    out += fmt::format("<text transform=\"translate(14 {}) rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">{}</text>\n",
                       num((b.y0 + b.y1) / 2), xml_escape(label));
  return out;
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int target) {
  Ticks t;
  if (!std::isfinite(lo) || !std::isfinite(hi)) return t;
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) {
    const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
    lo -= pad, hi += pad;
  }
  const double raw = (hi - lo) / std::max(1, target);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  const double f = raw / mag;
  t.step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  const double first = std::floor(lo / t.step + 1e-9) * t.step, last = std::ceil(hi / t.step - 1e-9) * t.step;
  for (double v = first; v <= last + t.step * 1e-6; v += t.step) t.values.push_back(std::abs(v) < t.step * 1e-9 ? 0 : v);
  return t;
}

std::vector<double> log_ticks(double lo, double hi) {
  std::vector<double> out;
  if (!(lo > 0) || !(hi > lo)) return out;
  const int a = int(std::floor(std::log10(lo) + 1e-9)), b = int(std::ceil(std::log10(hi) - 1e-9));
  const bool fine = b - a < 3;
  for (int e = a; e <= b; ++e)
    for (double m : fine ? std::vector<double>{1, 2, 5} : std::vector<double>{1}) {
      const double v = m * std::pow(10.0, e);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push_back(v);
    }
  return out;
}

std::string format_tick(double v, double step) {
  int decimals = 0;
  if (step > 0 && step < 1) decimals = int(std::ceil(-std::log10(step) - 1e-9));
  // 0.25 steps need two decimals even though log10(0.25) > -1.
  if (step > 0 && std::abs(std::round(step * std::pow(10, decimals)) - step * std::pow(10, decimals)) > 1e-6)
    ++decimals;
  if (std::abs(v) < step * 1e-9) v = 0;
  return thousands(fmt::format("{:.{}f}", v, decimals));
}

std::string format_whole(double v) {
  return std::isfinite(v) ? thousands(fmt::format("{:.0f}", v)) : "n/a";
}

std::string format_value(double v) {
  if (!std::isfinite(v)) return "n/a";
  const double a = std::abs(v);
  const char* words[] = {"trillion", "billion", "million"};
  const double scales[] = {1e12, 1e9, 1e6};
  for (int i = 0; i < 3; ++i)
    if (a >= scales[i]) return fmt::format("{:.3g} {}", v / scales[i], words[i]);
  if (a >= 1000) return thousands(fmt::format("{:.0f}", v));
  if (a == 0) return "0";
  return fmt::format("{:.3g}", v);
}

Scale readable_scale(double max_abs, std::string unit) {
  double mult = 1;  // a leading "M " is the source's million (WIOD: M USD, M h)
  if (unit.rfind("M ", 0) == 0) mult = 1e6, unit = unit.substr(2);
  const double v = max_abs * mult;
  const char* words[] = {"trillion", "billion", "million"};
  const double scales[] = {1e12, 1e9, 1e6};
  for (int i = 0; i < 3; ++i)
    if (v >= scales[i]) return {scales[i] / mult, std::string(words[i]) + (unit.empty() ? "" : " " + unit)};
  return {1 / mult, unit};
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

const char* category_colour(size_t i) { return kOkabeIto[i % kOkabeIto.size()]; }

namespace {
std::string lerp_colour(const std::vector<std::array<int, 3>>& stops, double t) {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  const double pos = t * double(stops.size() - 1);
  const size_t i = std::min(stops.size() - 2, size_t(pos));
  const double f = pos - double(i);
  int c[3];
  for (int k = 0; k < 3; ++k) c[k] = int(std::lround(stops[i][k] + f * (stops[i + 1][k] - stops[i][k])));
  return fmt::format("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
}
}  // namespace

std::string viridis(double t) {
  // viridis at 0, 0.25, 0.5, 0.75, 1 (van der Walt & Smith, matplotlib), reversed so that more is darker
  static const std::vector<std::array<int, 3>> stops = {
      {253, 231, 37}, {94, 201, 98}, {33, 145, 140}, {59, 82, 139}, {68, 1, 84}};
  return lerp_colour(stops, t);
}

std::string diverging(double t) {
  // ColorBrewer PuOr: purple for negative, orange for positive, near-white at 0
  static const std::vector<std::array<int, 3>> stops = {
      {84, 39, 136}, {153, 142, 195}, {247, 247, 247}, {241, 163, 64}, {179, 88, 6}};
  return lerp_colour(stops, (std::clamp(std::isfinite(t) ? t : 0.0, -1.0, 1.0) + 1) / 2);
}

std::string line_chart(const LineChart& c) {
  const Frame& f = c.frame;
  std::string body;
  std::vector<std::string> names;
  for (const auto& s : c.series) names.push_back(s.name);
  const double top = legend(body, names, f.width, kTitle, !c.stacked_area) + 8;
  const Box b{kLeft, top, f.width - kRight, f.height - kBottom};

  double x_lo = INFINITY, x_hi = -INFINITY, y_lo = 0, y_hi = -INFINITY;
  std::vector<std::vector<double>> base;  // stacked: the cumulative sums below each series
  std::vector<double> acc;
  for (const auto& s : c.series) {
    for (size_t i = 0; i < s.x.size(); ++i) {
      x_lo = std::min(x_lo, s.x[i]), x_hi = std::max(x_hi, s.x[i]);
      if (!c.stacked_area && std::isfinite(s.y[i])) y_lo = std::min(y_lo, s.y[i]), y_hi = std::max(y_hi, s.y[i]);
    }
    if (c.stacked_area) {
      if (acc.empty()) acc.assign(s.y.size(), 0.0);
      base.push_back(acc);
      for (size_t i = 0; i < s.y.size() && i < acc.size(); ++i) acc[i] += std::isfinite(s.y[i]) ? s.y[i] : 0;
    }
  }
  for (double v : acc) y_hi = std::max(y_hi, v);
  if (!std::isfinite(x_lo)) x_lo = 0, x_hi = 1;
  if (!std::isfinite(y_hi) || y_hi <= y_lo) y_hi = y_lo + 1;
  const Ticks yt = nice_ticks(y_lo, y_hi, 5);
  const double ylo = yt.values.front(), yhi = yt.values.back();
  auto tx = [&](double x) {
    if (c.x_log) return b.x0 + (std::log10(x) - std::log10(x_lo)) / (std::log10(x_hi) - std::log10(x_lo)) * b.w();
    return b.x0 + (x - x_lo) / (x_hi - x_lo == 0 ? 1 : x_hi - x_lo) * b.w();
  };
  auto ty = [&](double y) { return b.y1 - (y - ylo) / (yhi - ylo) * b.h(); };

  std::string out = open_svg(f, f.height) + body;
  out += y_axis(b, yt, ylo, yhi, c.y_percent, f.y_label);
  std::vector<double> xticks;
  double xstep = 0;
  if (c.x_log) {
    xticks = log_ticks(x_lo, x_hi);
  } else {
    const Ticks t = nice_ticks(x_lo, x_hi, std::max(2, int(b.w() / 90)));
    xstep = t.step;
    for (double v : t.values)  // years: whole ones only (a 4-year panel would label 2008.5 as 2008 again)
      if (v >= x_lo - 1e-9 && v <= x_hi + 1e-9 && (!c.x_years || v == std::round(v))) xticks.push_back(v);
  }
  for (double v : xticks) {
    const double x = tx(v);
    out += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#888\"/>", num(x), num(b.y1),
                       num(b.y1 + 4));
    const std::string label = c.x_years ? fmt::format("{:.0f}", v) : c.x_log ? format_value(v) : format_tick(v, xstep);
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{}</text>\n", num(x),
                       num(b.y1 + 17), label);
  }
  if (!f.x_label.empty())
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>\n",
                       num((b.x0 + b.x1) / 2), num(f.height - 8), xml_escape(f.x_label));

  auto value_text = [&](double v) { return c.y_percent ? fmt::format("{:.1f}%", 100 * v) : format_value(v); };
  for (size_t k = 0; k < c.series.size(); ++k) {
    const Series& s = c.series[k];
    const char* col = category_colour(k);
    if (c.stacked_area) {
      std::string d;
      for (size_t i = 0; i < s.x.size(); ++i)
        d += fmt::format("{}{},{}", i ? "L" : "M", num(tx(s.x[i])),
                         num(ty(base[k][i] + (std::isfinite(s.y[i]) ? s.y[i] : 0))));
      for (size_t i = s.x.size(); i-- > 0;) d += fmt::format("L{},{}", num(tx(s.x[i])), num(ty(base[k][i])));
      out += fmt::format("<path class=\"mark\" d=\"{}Z\" fill=\"{}\" fill-opacity=\"0.85\" stroke=\"#fff\" "
                         "stroke-width=\"0.5\"><title>{}</title></path>\n",
                         d, col, xml_escape(s.name));
      continue;
    }
    std::string d;
    bool pen = false;
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!std::isfinite(s.y[i])) {
        pen = false;
        continue;
      }
      d += fmt::format("{}{},{}", pen ? "L" : "M", num(tx(s.x[i])), num(ty(s.y[i])));
      pen = true;
    }
    out += fmt::format("<path class=\"mark-line\" d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.2\" "
                       "stroke-linejoin=\"round\"/>\n",
                       d, col);
    for (size_t i = 0; i < s.x.size(); ++i)
      if (std::isfinite(s.y[i]))
        out += fmt::format("<circle class=\"mark\" cx=\"{}\" cy=\"{}\" r=\"2.4\" fill=\"{}\"><title>{}, {}: {}{}</title>"
                           "</circle>",
                           num(tx(s.x[i])), num(ty(s.y[i])), col, xml_escape(s.name),
                           c.x_years ? fmt::format("{:.0f}", s.x[i]) : format_value(s.x[i]), value_text(s.y[i]),
                           c.unit.empty() || c.y_percent ? "" : " " + xml_escape(c.unit));
    out += "\n";
  }
  return out + "</svg>\n";
}

std::string bar_chart(const BarChart& c) {
  const Frame& f = c.frame;
  std::string body;
  std::vector<std::string> names;
  for (const auto& s : c.series) names.push_back(s.name);
  const double top = legend(body, names, f.width, kTitle, false) + 8;
  double lo = 0, hi = 0;
  for (const auto& s : c.series)
    for (double v : s.y)
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (hi == lo) hi = lo + 1;
  const Ticks t = nice_ticks(lo, hi, c.horizontal ? 4 : 5);
  const double vlo = t.values.front(), vhi = t.values.back();
  const size_t n = c.categories.size(), m = std::max<size_t>(1, c.series.size());
  std::string out = open_svg(f, f.height) + body;

  if (!c.horizontal) {
    double longest = 0;
    for (const auto& s : c.categories) longest = std::max(longest, text_width(s));
    const double band_guess = (f.width - kLeft - kRight) / double(std::max<size_t>(1, n));
    const bool rotate = longest > band_guess - 4;
    const double bottom = rotate ? std::min(130.0, longest * 0.75 + 24) : kBottom;
    const Box b{kLeft, top, f.width - kRight, f.height - bottom};
    out += y_axis(b, t, vlo, vhi, false, f.y_label);
    auto ty = [&](double v) { return b.y1 - (v - vlo) / (vhi - vlo) * b.h(); };
    const double band = b.w() / double(std::max<size_t>(1, n)), bar = band * 0.8 / double(m);
    for (size_t i = 0; i < n; ++i) {
      const double x0 = b.x0 + band * double(i) + band * 0.1;
      for (size_t k = 0; k < c.series.size(); ++k) {
        const double v = c.series[k].y[i];
        if (!std::isfinite(v)) continue;
        const double y0 = ty(std::max(0.0, v)), y1 = ty(std::min(0.0, v));
        out += fmt::format("<rect class=\"mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}{}: "
                           "{} {}</title></rect>",
                           num(x0 + bar * double(k)), num(y0), num(std::max(0.5, bar - 1)), num(std::max(0.5, y1 - y0)),
                           category_colour(k), xml_escape(c.categories[i]),
                           c.series.size() > 1 ? ", " + xml_escape(c.series[k].name) : "", format_value(v),
                           xml_escape(c.unit));
      }
      const double cx = b.x0 + band * (double(i) + 0.5);
      if (rotate)
        out += fmt::format("<text transform=\"translate({} {}) rotate(-40)\" text-anchor=\"end\" fill=\"#444\">{}</text>\n",
                           num(cx + 4), num(b.y1 + 12), xml_escape(c.categories[i]));
      else
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{}</text>\n", num(cx),
                           num(b.y1 + 16), xml_escape(c.categories[i]));
    }
    if (!f.x_label.empty())
      out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>\n",
                         num((b.x0 + b.x1) / 2), num(f.height - 6), xml_escape(f.x_label));
    return out + "</svg>\n";
  }

  double longest = 0;
  for (const auto& s : c.categories) longest = std::max(longest, text_width(s));
  const double left = std::min(f.width * 0.4, longest + 14);
  const Box b{left, top, f.width - kRight - 8, f.height - kBottom};
  auto tx = [&](double v) { return b.x0 + (v - vlo) / (vhi - vlo) * b.w(); };
  for (double v : t.values) {
    const double x = tx(v);
    out += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\"/>", num(x), num(b.y0),
                       num(b.y1), std::abs(v) < 1e-12 * (vhi - vlo) ? "#888" : "#e3e3e3");
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">{}</text>\n", num(x),
                       num(b.y1 + 16), format_tick(v, t.step));
  }
  const double band = b.h() / double(std::max<size_t>(1, n)), bar = band * 0.8 / double(m);
  for (size_t i = 0; i < n; ++i) {
    const double y0 = b.y0 + band * double(i) + band * 0.1;
    for (size_t k = 0; k < c.series.size(); ++k) {
      const double v = c.series[k].y[i];
      if (!std::isfinite(v)) continue;
      const double x0 = tx(std::min(0.0, v)), x1 = tx(std::max(0.0, v));
      out += fmt::format("<rect class=\"mark\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}{}: {} "
                         "{}</title></rect>",
                         num(x0), num(y0 + bar * double(k)), num(std::max(0.5, x1 - x0)), num(std::max(0.5, bar - 1)),
                         category_colour(k), xml_escape(c.categories[i]),
                         c.series.size() > 1 ? ", " + xml_escape(c.series[k].name) : "", format_value(v),
                         xml_escape(c.unit));
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#444\">{}</text>\n", num(b.x0 - 6),
                       num(b.y0 + band * (double(i) + 0.5) + 4), xml_escape(c.categories[i]));
  }
  if (!f.x_label.empty())
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>\n",
                       num((b.x0 + b.x1) / 2), num(f.height - 8), xml_escape(f.x_label));
  return out + "</svg>\n";
}

std::string sankey(const Sankey& s) {
  const Frame& f = s.frame;
  const size_t L = s.left.size(), R = s.right.size();
  std::vector<double> out_tot(L, 0), in_tot(R, 0);
  double total = 0;
  for (size_t i = 0; i < L; ++i)
    for (size_t j = 0; j < R; ++j) {
      const double v = std::max(0.0, s.value[i][j]);
      out_tot[i] += v, in_tot[j] += v, total += v;
    }
  std::string out = open_svg(f, f.height);
  double label_w = 0;
  for (const auto& n : s.left) label_w = std::max(label_w, text_width(n) + text_width(" 100 billion"));
  for (const auto& n : s.right) label_w = std::max(label_w, text_width(n) + text_width(" 100 billion"));
  label_w = std::min(label_w, f.width * 0.3);
  const double top = kTitle + 26, bottom = f.height - 10, node_w = 14, gap = 6;
  const double xl = label_w + 8, xr = f.width - label_w - 8 - node_w;
  out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#333\" font-style=\"italic\">{}</text>", num(xl), num(top - 8),
                     xml_escape(s.left_label + (s.unit.empty() ? "" : " (" + s.unit + ")")));
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#333\" font-style=\"italic\">{}</text>\n",
                     num(xr + node_w), num(top - 8), xml_escape(s.right_label));
  if (!(total > 0)) return out + "</svg>\n";
  const double k_l = (bottom - top - gap * double(L - 1)) / total, k_r = (bottom - top - gap * double(R - 1)) / total;
  const double k = std::min(k_l, k_r);
  std::vector<double> yl(L), yr(R);
  double y = top;
  for (size_t i = 0; i < L; ++i) yl[i] = y, y += out_tot[i] * k + gap;
  y = top;
  for (size_t j = 0; j < R; ++j) yr[j] = y, y += in_tot[j] * k + gap;
  std::vector<double> cl = yl, cr = yr;  // where the next ribbon starts on each node
  for (size_t i = 0; i < L; ++i)
    for (size_t j = 0; j < R; ++j) {
      const double v = std::max(0.0, s.value[i][j]);
      if (v <= 0) continue;
      const double h = v * k, x0 = xl + node_w, x1 = xr, xm = (x0 + x1) / 2;
      out += fmt::format(
          "<path class=\"mark\" d=\"M{0},{1}C{2},{1} {2},{3} {4},{3}L{4},{5}C{2},{5} {2},{6} {0},{6}Z\" fill=\"{7}\" "
          "fill-opacity=\"0.45\"><title>{8} → {9}: {10} {11} ({12:.1f}% of the flows shown)</title></path>\n",
          num(x0), num(cl[i]), num(xm), num(cr[j]), num(x1), num(cr[j] + h), num(cl[i] + h), category_colour(i),
          xml_escape(s.left[i]), xml_escape(s.right[j]), format_value(v), xml_escape(s.unit), 100 * v / total);
      cl[i] += h, cr[j] += h;
    }
  for (size_t i = 0; i < L; ++i) {
    out += fmt::format("<rect class=\"node\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {} {}"
                       "</title></rect>",
                       num(xl), num(yl[i]), num(node_w), num(std::max(1.0, out_tot[i] * k)), category_colour(i),
                       xml_escape(s.left[i]), format_value(out_tot[i]), xml_escape(s.unit));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#222\">{} <tspan fill=\"#666\">{}</tspan>"
                       "</text>\n",
                       num(xl - 5), num(yl[i] + out_tot[i] * k / 2 + 4), xml_escape(s.left[i]),
                       format_value(out_tot[i]));
  }
  for (size_t j = 0; j < R; ++j) {
    out += fmt::format("<rect class=\"node\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#555\"><title>{}: {} {}"
                       "</title></rect>",
                       num(xr), num(yr[j]), num(node_w), num(std::max(1.0, in_tot[j] * k)), xml_escape(s.right[j]),
                       format_value(in_tot[j]), xml_escape(s.unit));
    out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#222\">{} <tspan fill=\"#666\">{}</tspan></text>\n",
                       num(xr + node_w + 5), num(yr[j] + in_tot[j] * k / 2 + 4), xml_escape(s.right[j]),
                       format_value(in_tot[j]));
  }
  return out + "</svg>\n";
}

std::string choropleth(const Choropleth& c) {
  const Frame& f = c.frame;
  std::string out = open_svg(f, f.height);
  double lo = INFINITY, hi = -INFINITY;
  for (const auto& [k, v] : c.values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!std::isfinite(lo)) lo = 0, hi = 1;
  if (c.diverging) hi = std::max(std::abs(lo), std::abs(hi)), lo = -hi;
  if (c.percent || (!c.diverging && lo > 0)) lo = 0;
  const Ticks t = nice_ticks(lo, hi, 4);
  const double slo = t.values.front(), shi = t.values.back();
  auto colour = [&](double v) {
    if (c.diverging) return diverging(v / (shi == 0 ? 1 : shi));
    return viridis((v - slo) / (shi - slo));
  };
  std::map<std::string, double> value(c.values.begin(), c.values.end());
  out += fmt::format("<g transform=\"translate(0 {})\">\n", num(kTitle + 6));
  if (c.shapes)
    for (const auto& s : *c.shapes) {
      const auto it = value.find(s.key);
      const bool has = it != value.end() && std::isfinite(it->second);
      const std::string text =
          has ? (c.percent ? fmt::format("{:.1f}%", 100 * it->second) : format_value(it->second) + " " + c.unit)
              : std::string("no data");
      out += fmt::format("<path class=\"country\" data-key=\"{}\" d=\"{}\" fill=\"{}\" stroke=\"#fff\" "
                         "stroke-width=\"0.4\" fill-rule=\"evenodd\"><title>{}: {}</title></path>\n",
                         xml_escape(s.key), s.path, has ? colour(it->second) : "#d4d4d4", xml_escape(s.name),
                         xml_escape(text));
    }
  out += "</g>\n";
  // Legend: a gradient bar with ticks, and the no-data swatch.
  const double lw = std::min(320.0, f.width * 0.5), lx = (f.width - lw) / 2, ly = f.height - 34;
  const std::string grad = f.id + "-scale";
  out += fmt::format("<defs><linearGradient id=\"{}\">", grad);
  for (int i = 0; i <= 10; ++i) {
    const double v = slo + (shi - slo) * i / 10.0;
    out += fmt::format("<stop offset=\"{}%\" stop-color=\"{}\"/>", i * 10, colour(v));
  }
  out += "</linearGradient></defs>\n";
  out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>", num(f.width / 2),
                     num(ly - 6), xml_escape(c.legend));
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"url(#{})\"/>", num(lx), num(ly), num(lw),
                     grad);
  for (double v : t.values) {
    const double x = lx + (v - slo) / (shi - slo) * lw;
    out += fmt::format("<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#333\"/>", num(x), num(ly + 10),
                       num(ly + 14));
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\" font-size=\"11\">{}</text>",
                       num(x), num(ly + 25), c.percent ? format_tick(100 * v, 100 * t.step) + "%" : format_tick(v, t.step));
  }
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"#d4d4d4\"/><text x=\"{}\" y=\"{}\" "
                     "fill=\"#444\" font-size=\"11\">no data</text>\n",
                     num(lx + lw + 16), num(ly), num(lx + lw + 34), num(ly + 9));
  return out + "</svg>\n";
}

}  // namespace worldsys::report
