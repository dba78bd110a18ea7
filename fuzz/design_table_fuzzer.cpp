// libFuzzer target (issue 25): a design table (CSV) on arbitrary bytes, for a sweep of parameters
// a, b and c (experiment_checks.hpp says what is a defect).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "experiment_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!gcmsim::fuzz::design_table_sound(std::string(reinterpret_cast<const char*>(data), size))) std::abort();
  return 0;
}
