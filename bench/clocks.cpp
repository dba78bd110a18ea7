#include "bench/clocks.hpp"

#include <ctime>

namespace gcmsim::bench {
namespace {

double read(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }
double thread_cpu_seconds() { return read(CLOCK_THREAD_CPUTIME_ID); }
double process_cpu_seconds() { return read(CLOCK_PROCESS_CPUTIME_ID); }

}  // namespace gcmsim::bench
