#include "cli/warnings.hpp"

#include <cstdio>

#include <fmt/core.h>

namespace gcmsim::cli {

void print_warning(std::string_view message) {
  std::fflush(stdout);
  fmt::print(stderr, "gcmsim: warning: {}\n", message);
}

void print_warnings(const std::vector<std::string>& messages) {
  for (const std::string& m : messages) print_warning(m);
}

}  // namespace gcmsim::cli
