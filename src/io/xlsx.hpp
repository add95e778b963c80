#pragma once
// Just enough of .xlsx (Office Open XML) to read label sheets such as GLORIA's ReadMe workbook: cell text by
// row and column, shared and inline strings, numbers as written (room-private; expat for the XML).
#include <filesystem>
#include <string>
#include <vector>

namespace worldsys::io::detail {

// Cells of the sheet named `sheet` as text, [row][column] 0-based, missing cells empty.
std::vector<std::vector<std::string>> read_xlsx_sheet(const std::filesystem::path& path, const std::string& sheet);

// A workbook of text cells, written with inline strings (fixtures).
struct XlsxSheet {
  std::string name;
  std::vector<std::vector<std::string>> cells;
};
void write_xlsx(const std::filesystem::path& path, const std::vector<XlsxSheet>& sheets);

}  // namespace worldsys::io::detail
