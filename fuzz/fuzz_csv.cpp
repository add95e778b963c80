// Any bytes through the CSV tokenizer and number parser: either rows come out or an input error; no crash.
#include <cstdint>
#include <string>

#include "worldsys/core/error.hpp"
#include "worldsys/io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    worldsys::io::CsvReader csv(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    while (csv.next())
      for (size_t i = 0; i < csv.size(); ++i) {
        try {
          (void)csv.number(i);
        } catch (const worldsys::Error&) {
        }
      }
  } catch (const worldsys::Error&) {
  }
  return 0;
}
