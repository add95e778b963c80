#pragma once
// JSON integers read without undefined behaviour (room-private): nlohmann's get<int>() on a float such as 5e52, or
// on an integer out of the target's range, converts with a plain cast, which is undefined for floats (found by
// fuzz_readers under UBSan).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

namespace worldsys::io::detail {

// `v` as a T when it is a JSON integer that fits; nullopt for floats, other types and out-of-range values.
template <class T, class Json>
std::optional<T> json_integer(const Json& v) {
  if (!v.is_number_integer()) return std::nullopt;  // true for signed and unsigned JSON integers, false for floats
  if (v.is_number_unsigned()) {
    const auto u = v.template get<std::uint64_t>();
    return std::in_range<T>(u) ? std::optional<T>(T(u)) : std::nullopt;
  }
  const auto s = v.template get<std::int64_t>();
  return std::in_range<T>(s) ? std::optional<T>(T(s)) : std::nullopt;
}

}  // namespace worldsys::io::detail
