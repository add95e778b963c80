#pragma once
// One error type crosses the library boundary. The CLI turns it into a one-line message and an exit code,
// the Python module into an exception: exactly once, at the edge.
#include <stdexcept>
#include <string>

namespace worldsys {

enum class ErrorKind {
  input,     // a file or argument is not what it should be (exit 2)
  io,        // the file system failed us (exit 3)
  numeric,   // the system is singular, non-productive or produced non-finite numbers (exit 4)
  usage,     // the user asked for something that does not exist, e.g. an unknown stressor (exit 2)
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

// Where in a text file something went wrong, for "path:line:col: ..." messages.
struct Position {
  std::string path;
  size_t line = 0;    // 1-based
  size_t column = 0;  // 1-based
  std::string str() const;
};

[[noreturn]] void fail(ErrorKind kind, const std::string& message);
[[noreturn]] void fail_at(const Position& where, const std::string& message);

}  // namespace worldsys
