#include "cli/scenario_data.hpp"

#include <cstdlib>
#include <system_error>

namespace gcmsim::cli {

namespace fs = std::filesystem;

namespace {

void add_if_dir(std::vector<fs::path>& dirs, const fs::path& dir) {
  std::error_code ec;
  if (!dir.empty() && fs::is_directory(dir, ec)) dirs.push_back(dir);
}

}  // namespace

std::vector<fs::path> data_dirs() {
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("GCMSIM_DATA"); env != nullptr) add_if_dir(dirs, env);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // bin/ -> share/gcmsim, as installed; relative so a moved install tree still finds its data.
    const fs::path beside = fs::path(GCMSIM_DATA_SUBDIR).lexically_relative(GCMSIM_INSTALL_BINDIR);
    add_if_dir(dirs, (exe.parent_path() / beside).lexically_normal());
  }
  add_if_dir(dirs, GCMSIM_INSTALL_DATADIR);
  return dirs;
}

std::string resolve_scenario_file(const std::string& file) {
  std::error_code ec;
  const fs::path given(file);
  if (given.is_absolute() || fs::exists(given, ec)) return file;
  for (const fs::path& dir : data_dirs()) {
    if (fs::exists(dir / given, ec)) return (dir / given).string();
  }
  return file;
}

}  // namespace gcmsim::cli
