#pragma once
// Complete lines of a byte stream, read in chunks that grow to kChunk (room-private): the streaming part of
// read_table, also used by the readers of long (one cell per line) files.
#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "worldsys/io/bundle.hpp"

namespace worldsys::io::detail {

constexpr size_t kChunk = size_t(64) << 20;  // bytes of text parsed per round

inline std::string_view trim_cr(std::string_view s) {
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

// The chunked reader: hands out complete lines, keeps the partial last one for the next round.
class LineBuffer {
 public:
  // Starts small (small files, label tables) and doubles per round up to kChunk.
  explicit LineBuffer(ByteSource& src) : src_(src) { buf_.resize(size_t(1) << 16); }
  // Reads more text; the complete lines are [data(), data()+complete()). False when nothing is left.
  bool fill() {
    // Move the unconsumed tail to the front.
    const size_t tail = end_ - begin_;
    std::memmove(buf_.data(), buf_.data() + begin_, tail);
    if (buf_.size() < kChunk && !eof_ && !first_) buf_.resize(std::min(kChunk, buf_.size() * 2));
    begin_ = 0;
    end_ = tail;
    if (eof_) {
      complete_ = end_;
      return end_ > 0;
    }
    while (true) {
      if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);  // a single line longer than a chunk
      const size_t got = src_.read(buf_.data() + end_, buf_.size() - end_);
      if (got == 0) {
        eof_ = true;
        complete_ = end_;
        if (end_ > 0 && buf_[end_ - 1] != '\n') {
          buf_.resize(std::max(buf_.size(), end_ + 1));
          buf_[end_++] = '\n', complete_ = end_;  // a missing final newline
        }
        return end_ > 0;
      }
      const size_t scanned = end_;
      end_ += got;
      const char* last = static_cast<const char*>(memrchr(buf_.data() + scanned, '\n', end_ - scanned));
      if (last) {
        complete_ = size_t(last - buf_.data()) + 1;
        if (first_ && begin_ == 0 && complete_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) begin_ = 3;
        first_ = false;
        return true;
      }
    }
  }
  const char* data() const { return buf_.data() + begin_; }
  size_t complete() const { return complete_ - begin_; }
  void consume(size_t n) { begin_ += n; }
  // Takes one line (without its terminator); requires complete() > 0.
  std::string_view take_line() {
    const char* p = data();
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', complete()));
    std::string_view line(p, size_t(nl - p));
    consume(line.size() + 1);
    return trim_cr(line);
  }
  bool take_line(std::string_view& line) {
    if (complete() == 0 && !fill()) return false;
    if (complete() == 0) return false;
    line = take_line();
    return true;
  }

 private:
  ByteSource& src_;
  std::string buf_;
  size_t begin_ = 0, end_ = 0, complete_ = 0;
  bool eof_ = false, first_ = true;
};

}  // namespace worldsys::io::detail
