#include "worldsys/core/error.hpp"

#include <fmt/format.h>

namespace worldsys {

std::string Position::str() const {
  if (line == 0) return path;
  return fmt::format("{}:{}:{}", path, line, column);
}

void fail(ErrorKind kind, const std::string& message) { throw Error(kind, message); }

void fail_at(const Position& where, const std::string& message) {
  throw Error(ErrorKind::input, where.str() + ": " + message);
}

}  // namespace worldsys
