#pragma once
// Warnings on stderr, the one way every command prints them: after what the command has printed to
// stdout (flushed first, so that a terminal shows them in order), one per line, as
// "gcmsim: warning: ...", the way main() prints errors as "gcmsim: error: ...".
#include <string_view>
#include <vector>
#include <string>

namespace gcmsim::cli {

void print_warning(std::string_view message);
void print_warnings(const std::vector<std::string>& messages);

}  // namespace gcmsim::cli
