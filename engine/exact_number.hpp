#pragma once
// Whole numbers read from text at their exact width: decimal digits only, no sign, no spaces, no
// exponent, no wrap-around. std::stoul takes "-1" for 2^64-1 and a YAML or JSON reader takes
// "1e300" or "18446744073709551616" as a double that no integer type holds; a seed, a count or a
// shard index that is not what it looks like is an error instead (every command reads them so).
#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>

namespace gcmsim {

template <class Unsigned>
std::optional<Unsigned> parse_whole_number(std::string_view text) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  Unsigned value = 0;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace gcmsim
