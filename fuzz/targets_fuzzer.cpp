// libFuzzer target (issue 25): a calibration (targets) file on arbitrary bytes, read as
// `gcmsim calibrate FILE` reads it (experiment_checks.hpp says what is a defect).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "experiment_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!gcmsim::fuzz::targets_file_sound(std::string(reinterpret_cast<const char*>(data), size))) std::abort();
  return 0;
}
