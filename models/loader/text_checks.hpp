#pragma once
// Text from a scenario is untrusted: it must be UTF-8 before it reaches JSON (nlohmann refuses
// anything else with an exception), and it is shown to a person only with its control characters
// escaped, so that a scenario cannot move the cursor or recolour the terminal.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gcmsim::loader {

// The offset of the first byte that does not start or continue a valid UTF-8 sequence (overlong
// forms, surrogates and code points above U+10FFFF are invalid), or nullopt when all is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// `text` with C0 and C1 control characters (tab excepted), DEL and invalid UTF-8 bytes written as
// \xNN, and everything else as is.
std::string printable(std::string_view text);

// At most `max_chars` bytes of `text` (cut on a character boundary), with "..." when cut.
std::string shortened(std::string_view text, std::size_t max_chars = 60);

}  // namespace gcmsim::loader
