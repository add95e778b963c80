#pragma once
// Output that never leaves a half-written file or directory behind: write to a temporary sibling, then rename.
#include <filesystem>
#include <functional>
#include <string>

namespace worldsys::io {

// Calls `write(tmp)` with a fresh temporary path beside `target`, then renames it onto `target`. If `write`
// throws, the temporary is removed and `target` is untouched. For directories, an existing `target` is
// replaced only when `overwrite` is true.
void atomic_write_file(const std::filesystem::path& target, const std::function<void(const std::filesystem::path&)>& write);
void atomic_write_dir(const std::filesystem::path& target, bool overwrite,
                      const std::function<void(const std::filesystem::path&)>& write);

}  // namespace worldsys::io
