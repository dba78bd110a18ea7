// libFuzzer target: the scenario loader on arbitrary bytes. The bytes are written as a scenario
// file into a private folder that also holds a copy of the shipped member-state data, so an input can
// include `data/member_states.yaml` as the baseline does. A crash, a sanitizer report, an uncaught
// exception, or a diagnostic from the loader's safety net (an exception it had to catch) is a
// defect.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "fuzz_checks.hpp"
#include "models/loader/loader.hpp"

namespace {

namespace fs = std::filesystem;

std::string make_folder() {
  const fs::path folder = fs::temp_directory_path() / ("gcmsim-fuzz-loader-" + std::to_string(::getpid()));
  fs::create_directories(folder / "data");
  fs::copy_file(fs::path(GCMSIM_SOURCE_DIR) / "scenarios/data/member_states.yaml", folder / "data/member_states.yaml",
                fs::copy_options::overwrite_existing);
  return folder.string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string folder = make_folder();
  const std::string path = folder + "/scenario.yaml";
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                 static_cast<std::streamsize>(size));
  gcmsim::loader::LoadRequest request;
  request.path = path;
  gcmsim::fuzz::require_sound(gcmsim::loader::load_scenario(request));
  return 0;
}
