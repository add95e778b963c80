#pragma once
// R data parsed by librdata from bytes in memory (room-private): the WIOD 2016 frames and PWT 9.1's data base
// entries. librdata is C: a C++ exception must not unwind through its frames (it would skip rdata_parser_free),
// so callbacks run inside guarded(), which keeps the exception and tells librdata to stop; parse_memory rethrows
// it once librdata has returned and freed its parser.
#include <rdata/rdata.h>

#include <exception>
#include <string>

namespace worldsys::io::detail {

// The base of a callback context: the exception a callback kept; the name and size of the bytes parsed.
struct RdataSink {
  std::exception_ptr failure;
  std::string name;
  size_t bytes = 0;
  // A vector length from the file, refused when it cannot fit in the file (every element takes at least a byte):
  // a damaged length would otherwise allocate gigabytes (fuzz_formats found 46 GB for a WIOD 2016 column).
  size_t checked_count(long count, const char* what) const;
};

// Runs `body(sink)` for a callback with context `ctx` (a Sink*); 0 to go on, 1 to stop after an exception.
template <class Sink, class Body>
int guarded(void* ctx, Body&& body) {
  auto* sink = static_cast<Sink*>(ctx);
  try {
    body(*sink);
    return 0;
  } catch (...) {
    sink->failure = std::current_exception();
    return 1;
  }
}

// Parses `bytes` with the callbacks `setup` registers, `sink` as their context; rethrows a callback's exception,
// else returns librdata's code (the caller words the error).
rdata_error_t parse_rdata_memory(const std::string& bytes, const std::string& name, RdataSink& sink, void* ctx,
                                 void (*setup)(rdata_parser_t*));

}  // namespace worldsys::io::detail
