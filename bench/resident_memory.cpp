#include "bench/resident_memory.hpp"

#include <fstream>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gcmsim::bench {
namespace {

// A field of /proc/self/status in kB ("VmRSS:", "VmHWM:"), in bytes; 0 when unavailable.
std::size_t status_field(const std::string& name) {
  std::ifstream status("/proc/self/status");
  std::string key;
  std::size_t kb = 0;
  while (status >> key) {
    if (key == name) {
      status >> kb;
      return kb * 1024;
    }
    status.ignore(4096, '\n');
  }
  return 0;
}

}  // namespace

std::size_t start_peak_measurement() {
#if defined(__GLIBC__)
  malloc_trim(0);  // what the previous run freed must not count as this run's baseline
#endif
  std::ofstream("/proc/self/clear_refs") << "5";
  return status_field("VmRSS:");
}

std::size_t peak_resident_bytes() { return status_field("VmHWM:"); }

}  // namespace gcmsim::bench
