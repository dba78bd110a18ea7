#pragma once
// The hold model (Jones, CACM 29(4), 1986), the classic measure of a pending-event set by itself:
// fill the set with n events, then repeat "hold": pop the earliest event and push it back at its
// time plus a random increment. The set's size stays n, and the increment distribution decides how
// the times spread, which is where queues differ (calendar queues famously suffer from skewed ones).
// As in ns-3's bench-scheduler, several distributions are run; every queue sees the same draws and
// must pop the same sequence (checked by a running hash), and a bare std::priority_queue of
// (time, id) is timed alongside, as in bench phold.
#include <cstdint>
#include <string>
#include <vector>

namespace gcmsim::bench {

// Increments, all with mean 1 time unit: exponential(1); uniform [0, 2); bimodal (uniform [0, 0.2)
// with probability 0.9, else uniform [0, 18.2)); triangular on [0, 2] with mode 1.
enum class Increment { exponential, uniform, bimodal, triangular };
const std::vector<std::string>& increment_names();

struct HoldParams {
  std::uint32_t size = 65536;       // events in the set
  std::uint64_t holds = 4'000'000;  // timed hold operations
  std::uint64_t seed = 1;
  int repeat = 5;                   // timed runs of each queue; medians count
};

struct HoldResult {
  std::string queue;         // "heap4", "ladder", "binary" or "bare" (std::priority_queue)
  std::string increment;
  double ns_per_hold = 0.0;  // median
  double ratio = 0.0;        // bare ns / this queue's ns (> 1: faster than the bare heap)
};

// Every queue on every increment distribution, in a fixed order.
std::vector<HoldResult> run_hold(const HoldParams& p);

std::string validate(const HoldParams& p);

}  // namespace gcmsim::bench
