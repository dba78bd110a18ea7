#include "cli/seed_option.hpp"

#include <algorithm>
#include <charconv>
#include <limits>

#include <fmt/core.h>

namespace gcmsim::cli {

std::optional<std::uint64_t> parse_seed(std::string_view text) {
  // from_chars alone would take a leading '-' for an unsigned type as an error, but check digits
  // first so that '+', spaces and prefixes are refused the same way.
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::uint64_t value = 0;
  const auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (err != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

CLI::Validator seed_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (parse_seed(text)) return {};
        const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
        return fmt::format("'{}' is {}; expected an unsigned 64-bit integer, 0 to {}", text,
                           digits ? "too large for a seed" : "not a seed",
                           std::numeric_limits<std::uint64_t>::max());
      },
      "UINT64");
}

}  // namespace gcmsim::cli
