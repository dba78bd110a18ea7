#include "cli/seed_option.hpp"

#include "engine/exact_number.hpp"

#include <algorithm>
#include <limits>

#include <fmt/core.h>

namespace gcmsim::cli {

std::optional<std::uint64_t> parse_seed(std::string_view text) { return parse_whole_number<std::uint64_t>(text); }

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
