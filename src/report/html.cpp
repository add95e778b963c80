// The report page: one HTML file with inline CSS, SVG and a few lines of JavaScript (tabs, and a record of any
// script error for the browser test). Nothing is fetched: the page works offline from a file URL.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "worldsys/report/page.hpp"

namespace worldsys::report {

namespace {

constexpr const char* kStyle = R"css(
:root{--ink:#1f2328;--muted:#59636e;--line:#d0d7de;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fafafa}
header,main,footer{max-width:980px;margin:0 auto;padding:0 16px}
header{padding-top:20px}
h1{font-size:1.8rem;margin:.2em 0}
h2{font-size:1.35rem;margin:1.6em 0 .4em;border-bottom:2px solid var(--line);padding-bottom:.2em}
.sub{color:var(--muted);margin:0 0 .6em}
nav a{margin-right:1em;color:var(--accent)}
.keyfigs{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 14px}
.keyfigs p{margin:.5em 0}
figure{margin:12px 0 20px;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px}
svg.chart{width:100%;height:auto;display:block}
.tabs{display:flex;flex-wrap:wrap;gap:4px;margin:8px 0 0}
.tabs button{font:inherit;font-size:.9rem;padding:4px 10px;border:1px solid var(--line);background:#fff;border-radius:4px;cursor:pointer}
.tabs button[aria-selected=true]{background:var(--accent);color:#fff;border-color:var(--accent)}
details{margin-top:6px;font-size:.9rem}
summary{cursor:pointer;color:var(--accent)}
dl.notes{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
dl.notes dt{font-weight:600;color:var(--muted)}
dl.notes dd{margin:0}
pre{white-space:pre-wrap;word-break:break-all;background:#f3f4f6;padding:6px;border-radius:4px;font-size:.85rem}
.scroll{overflow-x:auto;max-height:320px}
table{border-collapse:collapse;font-size:.85rem}
th,td{padding:2px 8px;border-bottom:1px solid #eee;text-align:right}
th:first-child,td:first-child{text-align:left}
.missing{color:var(--muted);font-style:italic}
.verdict{display:inline-block;padding:1px 8px;border-radius:10px;font-size:.85rem;font-weight:600}
.v-holds{background:#d8f0e4;color:#00563a}.v-not{background:#fbe3d4;color:#7a3300}.v-depends{background:#e6e0f3;color:#3d2a73}.v-none{background:#eee;color:#444}
footer{color:var(--muted);font-size:.85rem;padding-bottom:30px}
@media (max-width:600px){body{font-size:15px}figure{overflow-x:auto}svg.chart{min-width:540px}dl.notes{grid-template-columns:1fr}h1{font-size:1.4rem}}
)css";

// Any script error or console.error is counted on <html data-errors> (read by the browser test).
constexpr const char* kErrorProbe = R"js(
(function(){var d=document.documentElement;d.setAttribute('data-errors','0');
function note(m){d.setAttribute('data-errors',String(+d.getAttribute('data-errors')+1));
d.setAttribute('data-error-messages',(d.getAttribute('data-error-messages')||'')+String(m)+'\n');}
window.addEventListener('error',function(e){note(e.message||('resource failed: '+(e.target&&(e.target.src||e.target.href))))},true);
window.addEventListener('unhandledrejection',function(e){note(e.reason)});
var ce=console.error;console.error=function(){note(Array.prototype.join.call(arguments,' '));ce.apply(console,arguments)};})();
)js";

constexpr const char* kTabs = R"js(
document.querySelectorAll('.tabset').forEach(function(set){
  var buttons=set.querySelectorAll(':scope>.tabs>button'),panels=set.querySelectorAll(':scope>figure');
  function show(i){buttons.forEach(function(b,k){b.setAttribute('aria-selected',k===i?'true':'false');b.tabIndex=k===i?0:-1});
    panels.forEach(function(p,k){p.hidden=k!==i})}
  buttons.forEach(function(b,i){b.addEventListener('click',function(){show(i)});
    b.addEventListener('keydown',function(e){var n=e.key==='ArrowRight'?1:e.key==='ArrowLeft'?-1:0;
      if(n){var j=(i+n+buttons.length)%buttons.length;show(j);buttons[j].focus()}})});
  show(0);
});
document.documentElement.setAttribute('data-ready','1');
)js";

std::string esc(const std::string& s) { return xml_escape(s); }

std::string cell(const Column& c, size_t i) {
  if (!c.numeric) return esc(c.text[i]);
  const double v = c.num[i];
  if (!std::isfinite(v)) return "n/a";
  if (v == std::round(v) && std::abs(v) < 1e15) return fmt::format("{:.0f}", v);
  return fmt::format("{:.4g}", v);
}

std::string data_json(const Figure& f) {
  nlohmann::json j;
  j["figure"] = f.id;
  j["columns"] = nlohmann::json::array();
  for (const auto& c : f.data.columns()) j["columns"].push_back(c.name);
  j["rows"] = nlohmann::json::array();
  for (size_t i = 0; i < f.data.rows(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (const auto& c : f.data.columns()) {
      if (!c.numeric) row.push_back(c.text[i]);
      else if (std::isfinite(c.num[i])) row.push_back(c.num[i]);
      else row.push_back(nullptr);
    }
    j["rows"].push_back(std::move(row));
  }
  std::string s = j.dump();
  for (size_t p = 0; (p = s.find("</", p)) != std::string::npos; p += 3) s.replace(p, 2, "<\\/");
  return s;
}

std::string figure_html(const Figure& f) {
  std::string out = fmt::format("<figure id=\"figure-{}\"{}>\n{}", f.id, f.tabset.empty() ? "" : " role=\"tabpanel\"", f.svg);
  out += "<details><summary>Notes, command and data</summary>\n<dl class=\"notes\">";
  const std::pair<const char*, const std::string*> rows[] = {
      {"Source", &f.notes.source},     {"Release", &f.notes.release}, {"Licence", &f.notes.licence},
      {"Year", &f.notes.year},         {"PPP", &f.notes.ppp},         {"Grouping", &f.notes.grouping},
      {"Method", &f.notes.method},     {"Coverage", &f.notes.coverage}};
  for (const auto& [k, v] : rows)
    if (!v->empty()) out += fmt::format("<dt>{}</dt><dd>{}</dd>", k, esc(*v));
  out += "</dl>\n";
  if (!f.notes.command.empty()) out += fmt::format("<p>Reproduce:</p><pre>{}</pre>\n", esc(f.notes.command));
  out += "<div class=\"scroll\"><table><thead><tr>";
  for (const auto& c : f.data.columns()) out += "<th>" + esc(c.name) + "</th>";
  out += "</tr></thead><tbody>\n";
  for (size_t i = 0; i < f.data.rows(); ++i) {
    out += "<tr>";
    for (const auto& c : f.data.columns()) out += "<td>" + cell(c, i) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody></table></div></details>\n";
  out += fmt::format("<script type=\"application/json\" class=\"figure-data\" data-figure=\"{}\">{}</script>\n", f.id,
                     data_json(f));
  return out + "</figure>\n";
}

std::string verdict_class(const std::string& v) {
  if (v == "holds") return "v-holds";
  if (v == "does not hold") return "v-not";
  if (v == "undetermined") return "v-none";
  return "v-depends";
}

}  // namespace

std::string render_html(const Report& r) {
  std::string out = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n<script>{}</script>\n</head>\n<body>\n", esc(r.title),
                     kStyle, kErrorProbe);
  out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"sub\">{}</p>\n<nav>", esc(r.title), esc(r.subtitle));
  for (const auto& s : r.sections) out += fmt::format("<a href=\"#{}\">{}</a>", s.id, esc(s.title));
  out += "</nav>\n</header>\n<main>\n";
  out += "<section id=\"key\" class=\"keyfigs\"><h2>Key figures</h2>\n";
  out += fmt::format("<p>{}; {}.</p>\n", esc(r.summary.title), esc(r.summary.dimensions));
  if (!r.summary.net_statement.empty()) out += "<p>" + esc(r.summary.net_statement) + "</p>\n";
  for (const auto& p : r.key_figures) out += "<p>" + esc(p) + "</p>\n";
  out += "</section>\n";
  for (const auto& s : r.sections) {
    out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", s.id, esc(s.title));
    if (!s.intro.empty()) out += "<p>" + esc(s.intro) + "</p>\n";
    for (size_t i = 0; i < s.figures.size();) {
      const Figure& f = s.figures[i];
      if (f.tabset.empty()) {
        out += figure_html(f);
        ++i;
        continue;
      }
      size_t j = i;
      while (j < s.figures.size() && s.figures[j].tabset == f.tabset) ++j;
      out += fmt::format("<div class=\"tabset\" data-tabset=\"{}\">\n<div class=\"tabs\" role=\"tablist\">", f.tabset);
      for (size_t k = i; k < j; ++k)
        out += fmt::format("<button type=\"button\" role=\"tab\" aria-controls=\"figure-{}\">{}</button>",
                           s.figures[k].id, esc(s.figures[k].tab));
      out += "</div>\n";
      for (size_t k = i; k < j; ++k) out += figure_html(s.figures[k]);
      out += "</div>\n";
      i = j;
    }
    if (s.id == "claims" && r.claims) {
      for (const auto& c : *r.claims) {
        out += fmt::format("<article class=\"claim\" id=\"claim-{}\"><h3>{} <span class=\"verdict {}\">{}</span></h3>\n",
                           esc(c.id), esc(c.claim), verdict_class(c.verdict), esc(c.verdict));
        if (!c.summary.empty()) out += "<p>" + esc(c.summary) + "</p>\n";
        out += "<div class=\"scroll\"><table><thead><tr><th>source</th><th>PPP</th><th>method</th><th>value</th>"
               "<th>command</th></tr></thead><tbody>";
        for (const auto& m : c.measurements)
          out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>", esc(m.source),
                             esc(m.ppp), esc(m.method), esc(m.value), esc(m.command));
        out += "</tbody></table></div></article>\n";
      }
    }
    if (!s.missing.empty()) out += "<p class=\"missing\">" + esc(s.missing) + "</p>\n";
    out += "</section>\n";
  }
  out += "</main>\n<footer><p>Made by worldsys " WORLDSYS_VERSION
         ". Every figure lists the command that reproduces its numbers; the numbers drawn are in its data table. "
         "Maps: Natural Earth 1:110m country shapes via the npm package world-atlas (public domain), Equal Earth "
         "projection.</p></footer>\n";
  out += fmt::format("<script>{}</script>\n</body>\n</html>\n", kTabs);
  return out;
}

}  // namespace worldsys::report
