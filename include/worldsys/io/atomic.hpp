#pragma once
// Output that never leaves a half-written file or directory behind and never destroys what worldsys did not
// write: write to a temporary sibling, fsync it, then rename it into place.
#include <filesystem>
#include <functional>
#include <string>

namespace worldsys::io {

// Calls `write(tmp)` with a fresh temporary path beside `target`, fsyncs it, then renames it onto `target`. If
// `write` throws, the temporary is removed and `target` is untouched. `target` must be absent or a regular file
// (a symbolic link is followed to the file it names): a directory, device, FIFO or socket is refused.
void atomic_write_file(const std::filesystem::path& target, const std::function<void(const std::filesystem::path&)>& write);

// The same for a directory. An existing `target` is replaced only when `overwrite` is true and it is a worldsys
// output (is_worldsys_output_dir), and never while it holds an input of this
// run (see track_inputs). The swap is atomic (renameat2 RENAME_EXCHANGE): at every instant `target` is either
// the complete old or the complete new directory. Where the file system cannot exchange, the old directory is
// first renamed aside and, should the process die before the new one is in place, restored by the next write.
void atomic_write_dir(const std::filesystem::path& target, bool overwrite,
                      const std::function<void(const std::filesystem::path&)>& write);

// Every reader calls accept_input on a path before it opens it: a FIFO or pipe (/dev/stdin, <(...)), a device
// (/dev/zero), a socket or a symbolic-link loop is refused with a usage error saying so (they block forever, never
// end, or cannot be read twice); a missing path is left to the reader's own message. While tracking is on (the CLI
// turns it on for its one run) the path is also noted, and the atomic writers refuse a target that is, or contains,
// one of them.
void track_inputs(bool on);
void accept_input(const std::filesystem::path& path);

// Whether `dir` is something worldsys wrote and may replace: a store (meta.json), a panel of them, or the arrays
// of --format npy (arrays.json).
bool is_worldsys_output_dir(const std::filesystem::path& dir);

}  // namespace worldsys::io
