#include "cli/out_dir.hpp"

#include <unistd.h>

#include <cerrno>
#include <system_error>

#include <fmt/core.h>

#include "cli/exit_codes.hpp"

namespace gcmsim::cli {

namespace fs = std::filesystem;

fs::path checked_out_dir(const std::string& out) {
  if (out.empty()) throw InvalidInput("--out: the output folder is empty; give a folder, e.g. --out results");
  const fs::path dir(out);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    throw InvalidInput(fmt::format("--out {}: is a file, not a folder", out));
  }
  fs::create_directories(dir, ec);
  if (ec) throw InvalidInput(fmt::format("--out {}: cannot create the folder: {}", out, ec.message()));
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    throw InvalidInput(fmt::format("--out {}: cannot write into the folder: {}", out,
                                   std::generic_category().message(errno)));
  }
  return dir;
}

}  // namespace gcmsim::cli
