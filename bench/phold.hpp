#pragma once
// PHOLD, the standard synthetic benchmark of discrete-event kernels: N logical processes keep M
// events each in flight; an event at process p schedules one new event at now + Exp(mean) to a
// uniformly chosen process with probability `remote`, else to p itself. No lookahead.
//
// The same model runs twice in one process: on the gcmsim kernel (handlers, cancellable handles,
// deterministic tie order) and on a bare std::priority_queue loop, the yardstick. Each process draws
// from its own random stream, so both runs process exactly the same events: their counts must agree.
#include <cstdint>
#include <string>

namespace gcmsim::bench {

struct PholdParams {
  std::uint32_t lps = 1024;
  std::uint32_t population = 16;  // events in flight per process
  double end = 600.0;             // in time units
  double remote = 0.9;
  double mean_delay = 1.0;
  std::uint64_t seed = 1;
  int repeat = 3;  // timed runs of each loop; the fastest counts (noise only ever adds time)
};

// One time unit of the model is a million kernel ticks, so delays keep six decimals.
inline constexpr double kTicksPerUnit = 1e6;

struct PholdRun {
  std::uint64_t events = 0;
  double seconds = 0.0;
};

struct PholdResult {
  std::uint64_t events = 0;
  double kernel_events_per_s = 0.0;
  double bare_events_per_s = 0.0;
  double ratio = 0.0;  // kernel / bare
  std::size_t overhead_bytes_per_event = 0;   // queue entry + slot header
  std::size_t inline_handler_bytes = 0;       // capacity of the inline handler buffer
  std::size_t phold_handler_bytes = 0;        // what the PHOLD handler actually captures
};

PholdRun run_phold_kernel(const PholdParams& p);
PholdRun run_phold_bare(const PholdParams& p);

// Times both loops `repeat` times, interleaved, and checks that they processed the same events.
PholdResult compare_phold(const PholdParams& p);

// Checks the parameters; returns an empty string when they are valid, else what is wrong.
std::string validate(const PholdParams& p);

}  // namespace gcmsim::bench
