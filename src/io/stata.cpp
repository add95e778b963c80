#include "worldsys/io/stata.hpp"

#include <fmt/format.h>
#include <readstat.h>

#include <charconv>
#include <vector>

#include "worldsys/core/error.hpp"

namespace worldsys::io {

namespace {

struct Sink {
  std::vector<std::string> names;
  std::vector<std::string> row;
  std::string out;
  int current = -1;
  std::string error;  // set by a handler that aborts the parse (exceptions must not cross libreadstat's C frames)

  void flush() {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
    out += '\n';
    for (auto& f : row) f.clear();
  }
};

std::string quoted(const char* s) {
  std::string v = s ? s : "";
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string q = "\"";
  for (char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

template <class T>
std::string shortest(T v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

int on_variable(int index, readstat_variable_t* variable, const char*, void* ctx) {
  auto* s = static_cast<Sink*>(ctx);
  const char* name = readstat_variable_get_name(variable);  // NULL for an empty name
  if (index < 0 || !name) {
    s->error = fmt::format("variable {} has no name", index + 1);
    return READSTAT_HANDLER_ABORT;
  }
  if (size_t(index) >= s->names.size()) s->names.resize(index + 1);
  s->names[index] = name;
  return READSTAT_HANDLER_OK;
}

int on_value(int obs, readstat_variable_t* variable, readstat_value_t value, void* ctx) {
  auto* s = static_cast<Sink*>(ctx);
  if (s->current < 0) {  // header, once all variables are known
    s->row.assign(s->names.size(), "");
    for (size_t i = 0; i < s->names.size(); ++i) s->out += (i ? "," : "") + quoted(s->names[i].c_str());
    s->out += '\n';
    s->current = obs;
  }
  if (obs != s->current) {
    s->flush();
    s->current = obs;
  }
  const int i = readstat_variable_get_index(variable);
  if (i < 0 || size_t(i) >= s->row.size()) {
    s->error = fmt::format("a value of variable {}, which the header does not declare", i + 1);
    return READSTAT_HANDLER_ABORT;
  }
  if (readstat_value_is_missing(value, variable)) return READSTAT_HANDLER_OK;
  std::string& f = s->row[i];
  switch (readstat_value_type(value)) {
    case READSTAT_TYPE_STRING:
    case READSTAT_TYPE_STRING_REF: f = quoted(readstat_string_value(value)); break;
    case READSTAT_TYPE_INT8: f = shortest(int(readstat_int8_value(value))); break;
    case READSTAT_TYPE_INT16: f = shortest(int(readstat_int16_value(value))); break;
    case READSTAT_TYPE_INT32: f = shortest(readstat_int32_value(value)); break;
    case READSTAT_TYPE_FLOAT: f = shortest(double(readstat_float_value(value))); break;
    case READSTAT_TYPE_DOUBLE: f = shortest(readstat_double_value(value)); break;
  }
  return READSTAT_HANDLER_OK;
}

}  // namespace

std::string dta_as_csv(const std::filesystem::path& path) {
  Sink sink;
  readstat_parser_t* parser = readstat_parser_init();
  readstat_set_variable_handler(parser, on_variable);
  readstat_set_value_handler(parser, on_value);
  const readstat_error_t err = readstat_parse_dta(parser, path.c_str(), &sink);
  readstat_parser_free(parser);
  if (!sink.error.empty())
    fail(ErrorKind::input, fmt::format("{}: not a readable Stata .dta file: {}", path.string(), sink.error));
  if (err != READSTAT_OK)
    fail(ErrorKind::input, fmt::format("{}: cannot read as a Stata .dta file: {}", path.string(), readstat_error_message(err)));
  if (sink.current >= 0) sink.flush();
  return sink.out;
}

}  // namespace worldsys::io
