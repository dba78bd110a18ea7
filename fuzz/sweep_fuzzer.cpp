// libFuzzer target (issue 25): a sweep file on arbitrary bytes, read as `gcmsim sweep FILE` reads
// it up to the design (experiment_checks.hpp says what is a defect).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "experiment_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!gcmsim::fuzz::sweep_file_sound({reinterpret_cast<const char*>(data), size}, GCMSIM_SOURCE_DIR)) std::abort();
  return 0;
}
