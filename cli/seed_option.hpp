#pragma once
// The seed on the command line: an unsigned 64-bit integer (0 to 18446744073709551615) written in
// plain decimal. CLI11 alone would read "-1" and "99999999999999999999999" as 2^64-1 and accept
// "0x10"; a seed that is not what it looks like breaks reproducibility, so anything else is an error.
#include <cstdint>
#include <optional>
#include <string_view>

#include <CLI/CLI.hpp>

namespace gcmsim::cli {

// The value of `text` when it is decimal digits only and fits in 64 bits unsigned.
std::optional<std::uint64_t> parse_seed(std::string_view text);

// Checks an option's text with parse_seed before CLI11 converts it (it then converts exactly).
CLI::Validator seed_validator();

}  // namespace gcmsim::cli
