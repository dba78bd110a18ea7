#pragma once
// Resident memory of this process, for bytes-per-event figures measured rather than computed.
//
// Linux keeps a high-water mark of the resident set (VmHWM) that writing "5" to
// /proc/self/clear_refs resets to the current size, so the peak of one run can be taken in a process
// that has already run others. Elsewhere the functions return 0 and the figures are left out.
#include <cstddef>

namespace gcmsim::bench {

// Returns freed memory to the system and resets the high-water mark; returns the resident size.
std::size_t start_peak_measurement();

// The high-water mark of the resident set since start_peak_measurement().
std::size_t peak_resident_bytes();

}  // namespace gcmsim::bench
