#pragma once
// The clocks every benchmark reads: the wall clock since a start, and the CPU time of this thread
// or of the whole process. On a shared machine the wall clock also counts the time other processes
// held the core; the benchmarks report their ratios both ways.

#include <chrono>

namespace gcmsim::bench {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start);
double thread_cpu_seconds();
double process_cpu_seconds();

}  // namespace gcmsim::bench
