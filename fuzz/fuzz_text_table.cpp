// libFuzzer target for the parser behind every text reader (read_table): arbitrary bytes under the layouts the
// readers use (EXIOBASE/pymrio TAB with 2 header lines and 2 label columns, OECD/FIGARO comma with 1 and 1,
// Eora/GLORIA header-less with a known shape). Input errors (worldsys::Error) are expected; crashes, sanitizer
// reports and other exceptions are bugs. Build and run: bash scripts/fuzz.sh
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <string>

#include "worldsys/core/error.hpp"
#include "worldsys/io/bundle.hpp"
#include "worldsys/io/text_table.hpp"

namespace {

class MemorySource final : public worldsys::io::ByteSource {
 public:
  MemorySource(const uint8_t* d, size_t n) : data_(reinterpret_cast<const char*>(d), n) {}
  size_t read(char* buf, size_t n) override {
    // Small, uneven reads exercise lines split across chunks.
    n = std::min({n, data_.size() - pos_, size_t(7 + pos_ % 13)});
    std::memcpy(buf, data_.data() + pos_, n);
    pos_ += n;
    return n;
  }
  const std::string& name() const override { return name_; }

 private:
  std::string data_, name_ = "fuzz";
  size_t pos_ = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace worldsys::io;
  if (size == 0) return 0;
  const uint8_t mode = data[0] % 4;
  TableSpec s;
  s.threads = 1 + (data[0] >> 7);
  if (mode == 0) s.header_lines = 2, s.index_cols = 2, s.square = true;
  if (mode == 1) s.sep = ',', s.header_lines = 1, s.index_cols = 1, s.index_name_line = false;
  if (mode == 2) s.rows = 3, s.cols = 4;
  if (mode == 3) s.header_lines = 2, s.index_cols = 1;
  MemorySource src(data + 1, size - 1);
  try {
    auto t = read_table(src, s);
    (void)t;
  } catch (const worldsys::Error&) {
  }
  return 0;
}
