#include "io/xlsx.hpp"

#include <expat.h>
#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <functional>
#include <map>
#include <memory>

#include "io/file_sink.hpp"
#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"

namespace worldsys::io::detail {

namespace fs = std::filesystem;

namespace {

// Runs expat over `xml` with start/end/text callbacks; local names only (namespace prefixes stripped).
struct Sax {
  std::function<void(const std::string&, const char**)> start;
  std::function<void(const std::string&)> end;
  std::function<void(const char*, int)> text;
  std::exception_ptr failure;  // an exception must not unwind through expat's C frames: kept, parser stopped
  XML_Parser parser = nullptr;
};

std::string local(const char* name) {
  const char* c = std::strrchr(name, ':');
  return c ? c + 1 : name;
}

// Calls a callback; an exception stops the parser and is rethrown by parse_xml once expat has returned.
template <class F>
void guarded(void* u, F&& f) {
  auto* s = static_cast<Sax*>(u);
  if (s->failure) return;
  try {
    f(*s);
  } catch (...) {
    s->failure = std::current_exception();
    XML_StopParser(s->parser, XML_FALSE);
  }
}

void parse_xml(const std::string& xml, const std::string& what, Sax& sax) {
  const std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> owner(XML_ParserCreate(nullptr), XML_ParserFree);
  XML_Parser p = sax.parser = owner.get();
  if (!p) throw std::bad_alloc();
  XML_SetUserData(p, &sax);
  XML_SetElementHandler(
      p,
      [](void* u, const char* n, const char** a) {
        guarded(u, [&](Sax& s) { if (s.start) s.start(local(n), a); });
      },
      [](void* u, const char* n) {
        guarded(u, [&](Sax& s) { if (s.end) s.end(local(n)); });
      });
  XML_SetCharacterDataHandler(p, [](void* u, const char* t, int len) {
    guarded(u, [&](Sax& s) { if (s.text) s.text(t, len); });
  });
  const bool ok = XML_Parse(p, xml.data(), int(xml.size()), 1) != XML_STATUS_ERROR;
  if (sax.failure) std::rethrow_exception(sax.failure);
  if (!ok)
    fail(ErrorKind::input, fmt::format("{}:{}:{}: not valid XML ({})", what, XML_GetCurrentLineNumber(p),
                                       XML_GetCurrentColumnNumber(p) + 1, XML_ErrorString(XML_GetErrorCode(p))));
}

const char* attr(const char** a, const char* name) {
  for (size_t i = 0; a[i]; i += 2)
    if (local(a[i]) == name) return a[i + 1];
  return nullptr;
}

// "BC12" -> column 54 (0-based), row 11.
// A cell reference such as "B7" as 0-based (column, row), within Excel's limits (XFD, 1048576); else an input
// error naming `where` (a reference "A0" once gave row -1).
std::pair<size_t, size_t> cell_ref(const char* r, const std::string& where) {
  const char* at = r;
  size_t col = 0, row = 0, letters = 0, digits = 0;
  for (; *r >= 'A' && *r <= 'Z' && letters < 4; ++r, ++letters) col = col * 26 + size_t(*r - 'A' + 1);
  for (; *r >= '0' && *r <= '9' && digits < 8; ++r, ++digits) row = row * 10 + size_t(*r - '0');
  if (*r || col == 0 || col > 16384 || row == 0 || row > 1048576)
    fail(ErrorKind::input, fmt::format("{}: cell reference '{}', expected a column A..XFD and a row 1..1048576 "
                                       "(e.g. B7)",
                                       where, std::string(at).substr(0, 20)));
  return {col - 1, row - 1};
}

std::string xml_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '&') o += "&amp;";
    else if (c == '<') o += "&lt;";
    else if (c == '>') o += "&gt;";
    else if (c == '"') o += "&quot;";
    else o += c;
  }
  return o;
}

std::string col_name(size_t c) {
  std::string s;
  for (++c; c; c = (c - 1) / 26) s.insert(s.begin(), char('A' + (c - 1) % 26));
  return s;
}

}  // namespace

std::vector<std::vector<std::string>> read_xlsx_sheet(const fs::path& path, const std::string& sheet) {
  auto b = Bundle::open(path);
  // Sheet name -> relationship id -> part name.
  std::string rid;
  std::vector<std::string> names;
  Sax wb;
  wb.start = [&](const std::string& n, const char** a) {
    if (n != "sheet") return;
    const char* nm = attr(a, "name");
    names.push_back(nm ? nm : "");
    if (nm && sheet == nm)
      if (const char* id = attr(a, "id")) rid = id;
  };
  parse_xml(b->read_all(b->require("xl/workbook.xml", "an xlsx workbook part")), b->display("xl/workbook.xml"), wb);
  if (rid.empty())
    fail(ErrorKind::input, fmt::format("{}: no sheet '{}' (sheets: {})", path.string(), sheet, fmt::join(names, ", ")));
  std::string target;
  Sax rels;
  rels.start = [&](const std::string& n, const char** a) {
    if (n == "Relationship" && attr(a, "Id") && rid == attr(a, "Id")) target = attr(a, "Target") ? attr(a, "Target") : "";
  };
  parse_xml(b->read_all(b->require("xl/_rels/workbook.xml.rels", "xlsx relationships")), path.string(), rels);
  if (target.starts_with("/")) target = target.substr(1);
  else target = "xl/" + target;
  std::vector<std::string> shared;
  if (auto ss = b->find("xl/sharedStrings.xml")) {
    bool in_si = false, in_t = false;
    Sax s;
    s.start = [&](const std::string& n, const char**) {
      if (n == "si") in_si = true, shared.emplace_back();
      if (n == "t" && in_si) in_t = true;
    };
    s.end = [&](const std::string& n) {
      if (n == "si") in_si = false;
      if (n == "t") in_t = false;
    };
    s.text = [&](const char* t, int len) {
      if (in_t) shared.back().append(t, size_t(len));
    };
    parse_xml(b->read_all(*ss), b->display(*ss), s);
  }
  std::vector<std::vector<std::string>> grid;
  std::string type, value;
  size_t row = 0, col = 0;
  bool in_v = false, in_t = false;
  Sax sh;
  sh.start = [&](const std::string& n, const char** a) {
    if (n == "c") {
      const char* r = attr(a, "r");
      if (r) std::tie(col, row) = cell_ref(r, b->display(target));
      const char* t = attr(a, "t");
      type = t ? t : "n";
      value.clear();
    } else if (n == "v") {
      in_v = true;
    } else if (n == "t") {
      in_t = true;
    }
  };
  sh.end = [&](const std::string& n) {
    if (n == "v") in_v = false;
    if (n == "t") in_t = false;
    if (n != "c") return;
    std::string text = value;
    if (type == "s") {
      size_t k = shared.size();
      const char* end = value.data() + value.size();
      if (std::from_chars(value.data(), end, k).ptr != end) k = shared.size();
      if (k >= shared.size())
        fail(ErrorKind::input, fmt::format("{}: shared string '{}' is not an index below {}", b->display(target),
                                           value.substr(0, 20), shared.size()));
      text = shared[k];
    }
    if (grid.size() <= row) grid.resize(row + 1);
    if (grid[row].size() <= col) grid[row].resize(col + 1);
    grid[row][col] = text;
    ++col;
  };
  sh.text = [&](const char* t, int len) {
    if (in_v || in_t) value.append(t, size_t(len));
  };
  parse_xml(b->read_all(b->require(target, "the sheet's part")), b->display(target), sh);
  return grid;
}

void write_xlsx(const fs::path& path, const std::vector<XlsxSheet>& sheets) {
  auto sink = FileSink::create_zip(path);
  std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  std::string wb =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (size_t k = 0; k < sheets.size(); ++k) {
    types += fmt::format("<Override PartName=\"/xl/worksheets/sheet{}.xml\" "
                         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
                         k + 1);
    wb += fmt::format("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", xml_escape(sheets[k].name), k + 1, k + 1);
    rels += fmt::format("<Relationship Id=\"rId{}\" "
                        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                        "Target=\"worksheets/sheet{}.xml\"/>",
                        k + 1, k + 1);
    std::string sh =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    for (size_t r = 0; r < sheets[k].cells.size(); ++r) {
      sh += fmt::format("<row r=\"{}\">", r + 1);
      for (size_t c = 0; c < sheets[k].cells[r].size(); ++c) {
        const auto& v = sheets[k].cells[r][c];
        if (v.empty()) continue;
        sh += fmt::format("<c r=\"{}{}\" t=\"inlineStr\"><is><t>{}</t></is></c>", col_name(c), r + 1, xml_escape(v));
      }
      sh += "</row>";
    }
    sh += "</sheetData></worksheet>";
    sink->write_text(fmt::format("xl/worksheets/sheet{}.xml", k + 1), sh);
  }
  sink->write_text("[Content_Types].xml", types + "</Types>");
  sink->write_text("_rels/.rels",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                   "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                   "<Relationship Id=\"rId1\" "
                   "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                   "Target=\"xl/workbook.xml\"/></Relationships>");
  sink->write_text("xl/workbook.xml", wb + "</sheets></workbook>");
  sink->write_text("xl/_rels/workbook.xml.rels", rels + "</Relationships>");
  sink->finish();
}

}  // namespace worldsys::io::detail
