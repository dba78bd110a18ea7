#pragma once
// PHOLD, the standard synthetic benchmark of discrete-event kernels: N logical processes keep M
// events each in flight; an event at process p schedules one new event at now + Exp(mean) to a
// uniformly chosen process with probability `remote`, else to p itself. No lookahead.
//
// The same model runs twice in one process: on the gcmsim kernel (handlers, cancellable handles,
// deterministic tie order) and on a bare std::priority_queue loop, the yardstick. Each process draws
// from its own random stream, so both runs process exactly the same events: their counts must agree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gcmsim::bench {

struct PholdParams {
  std::uint32_t lps = 1024;
  std::uint32_t population = 16;  // events in flight per process
  double end = 600.0;             // in time units
  double remote = 0.9;
  double mean_delay = 1.0;
  std::uint64_t seed = 1;
  int repeat = 5;               // timed pairs (kernel, bare), alternating which runs first
  std::string queue = "ladder";  // the kernel's pending-event set: see queue_names()
  bool prefetch = true;         // the simulator's prefetch of the next event's slot
  // Take each run's peak resident memory. It resets the process's high-water mark (what getrusage
  // reports as ru_maxrss), so only compare_phold turns it on, never a caller with its own figure.
  bool measure_memory = false;
};

// One time unit of the model is a million kernel ticks, so delays keep six decimals.
inline constexpr double kTicksPerUnit = 1e6;

// The pending-event sets the kernel can run on: "ladder" (the default, as in Simulator), "heap4",
// "binary".
const std::vector<std::string>& queue_names();

struct PholdRun {
  std::uint64_t events = 0;
  double seconds = 0.0;      // wall clock
  double cpu_seconds = 0.0;  // CPU time of the thread
  std::size_t peak_bytes = 0;   // peak resident memory during the run, above what it started with
  std::size_t model_bytes = 0;  // of which the model's own state (the random streams)
};

struct PholdResult {
  std::uint64_t events = 0;
  std::uint64_t pending = 0;  // events in flight: lps x population
  double kernel_events_per_s = 0.0;  // median over the pairs
  double bare_events_per_s = 0.0;    // median over the pairs
  double ratio = 0.0;                // median of the pairs' kernel / bare, wall clock
  double cpu_ratio = 0.0;            // the same in CPU time: robust when other work shares the cores
  double load_average = 0.0;         // 1-minute load when the cell ended: above 2, wall figures are contended
  double kernel_bytes_per_event = 0.0;  // peak RSS of the run / pending events, all included
  double bare_bytes_per_event = 0.0;
  double kernel_bookkeeping_bytes = 0.0;  // the kernel's part: minus the model and handler state
  std::size_t overhead_bytes_per_event = 0;  // by construction: queue entry + slot header
  std::size_t inline_handler_bytes = 0;      // capacity of the inline handler buffer
  std::size_t phold_handler_bytes = 0;       // what the PHOLD handler actually captures
};

PholdRun run_phold_kernel(const PholdParams& p);
PholdRun run_phold_bare(const PholdParams& p);

// Times `repeat` pairs of runs, alternating which loop goes first, checks that both processed the
// same events, and reports medians.
PholdResult compare_phold(const PholdParams& p);

// The grid of `bench phold --sweep`: N in {1,024; 65,536; 1,048,576} x M in {1, 16}, the last cell
// holding 2^24 = 16.7 million events pending. T is chosen per cell so that a run processes at least
// about 4 million events and twice its pending set.
struct SweepCell {
  std::uint32_t lps;
  std::uint32_t population;
  double end;
};
std::vector<SweepCell> sweep_cells(bool include_top);

// Checks the parameters; returns an empty string when they are valid, else what is wrong.
std::string validate(const PholdParams& p);

}  // namespace gcmsim::bench
