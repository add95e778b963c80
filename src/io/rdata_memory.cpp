#include "io/rdata_memory.hpp"

#include <fmt/format.h>

#include <cstring>

#include "worldsys/core/error.hpp"

namespace worldsys::io::detail {

namespace {

struct Memory {
  const std::string* bytes;
  size_t pos = 0;
};

int m_open(const char*, void*) { return 0; }
int m_close(void*) { return 0; }
rdata_off_t m_seek(rdata_off_t off, rdata_io_flags_t whence, void* ctx) {
  auto* m = static_cast<Memory*>(ctx);
  const rdata_off_t base = whence == RDATA_SEEK_SET   ? 0
                           : whence == RDATA_SEEK_CUR ? rdata_off_t(m->pos)
                                                      : rdata_off_t(m->bytes->size());
  if (base + off < 0 || size_t(base + off) > m->bytes->size()) return -1;
  m->pos = size_t(base + off);
  return rdata_off_t(m->pos);
}
ssize_t m_read(void* buf, size_t n, void* ctx) {
  auto* m = static_cast<Memory*>(ctx);
  n = std::min(n, m->bytes->size() - m->pos);
  std::memcpy(buf, m->bytes->data() + m->pos, n);
  m->pos += n;
  return ssize_t(n);
}
rdata_error_t m_update(long, rdata_progress_handler, void*, void*) { return RDATA_OK; }

}  // namespace

size_t RdataSink::checked_count(long count, const char* what) const {
  if (count < 0 || size_t(count) > bytes)
    fail(ErrorKind::input,
         fmt::format("{}: {} of {} elements in {} bytes of R data: a damaged length", name, what, count, bytes));
  return size_t(count);
}

rdata_error_t parse_rdata_memory(const std::string& bytes, const std::string& name, RdataSink& sink, void* ctx,
                                 void (*setup)(rdata_parser_t*)) {
  sink.name = name;
  sink.bytes = bytes.size();
  Memory mem{&bytes};
  rdata_parser_t* p = rdata_parser_init();
  if (!p) fail(ErrorKind::io, "librdata: out of memory");
  rdata_set_open_handler(p, m_open);
  rdata_set_close_handler(p, m_close);
  rdata_set_seek_handler(p, m_seek);
  rdata_set_read_handler(p, m_read);
  rdata_set_update_handler(p, m_update);
  rdata_set_io_ctx(p, &mem);
  setup(p);
  const rdata_error_t rc = rdata_parse(p, name.c_str(), ctx);
  rdata_parser_free(p);
  if (sink.failure) std::rethrow_exception(sink.failure);
  return rc;
}

}  // namespace worldsys::io::detail
