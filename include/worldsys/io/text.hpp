#pragma once
// Whole-file reads: plain or gzip-compressed (detected by its magic bytes, not its name).
#include <filesystem>
#include <string>
#include <string_view>

#include "worldsys/core/mrio.hpp"

namespace worldsys::io {

// Returns the file's bytes, decompressed if gzip. Throws an input error for a missing, unreadable or
// truncated file, naming the path.
std::string read_text(const std::filesystem::path& path);

// Inflates gzip data (detected by its magic bytes; concatenated members too); other bytes are returned as they are.
// `name` is for messages: truncated or corrupt data is an input error naming it.
std::string gunzip_if_gzip(std::string bytes, const std::string& name);

// Compresses bytes as one gzip member (best compression, no name or time in the header: deterministic). Inputs
// up to 4 GiB.
std::string gzip(const std::string& in);

// Offset of the first byte of `s` that is not part of valid UTF-8 (overlong forms, surrogates and code points past
// U+10FFFF included), or npos. Labels are UTF-8 everywhere: JSON, the report and Python need them so.
size_t first_invalid_utf8(std::string_view s);
// The message for such a byte: what it is, the likely encoding and how to convert the file.
std::string not_utf8_message(std::string_view s, size_t offset);

// Size and CRC-32 of a file's bytes, for a store's record of its inputs.
SourceFile fingerprint(const std::filesystem::path& path);

// The first existing path among `stem` + each suffix (e.g. ".csv", ".csv.gz"); an input error naming all
// candidates when none exists.
std::filesystem::path find_variant(const std::filesystem::path& dir, const std::string& stem,
                                   std::initializer_list<const char*> suffixes);

}  // namespace worldsys::io
