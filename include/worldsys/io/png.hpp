#pragma once
// SVG → PNG through rsvg-convert (Debian's librsvg2-bin), started without a shell: paths are argv entries,
// never parsed by one, so no file name can run a command.
#include <filesystem>
#include <optional>

namespace worldsys::io {

// rsvg-convert's path when it is on PATH.
std::optional<std::filesystem::path> find_rsvg_convert();

// Renders `svg` at twice its size into `png`, written atomically (a full disk or a failing converter leaves no
// truncated PNG). Throws an io error saying what the converter reported.
void render_png(const std::filesystem::path& rsvg_convert, const std::filesystem::path& svg,
                const std::filesystem::path& png);

}  // namespace worldsys::io
