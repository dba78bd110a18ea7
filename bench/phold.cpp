#include "bench/phold.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <queue>
#include <stdexcept>
#include <vector>

#include "engine/random_streams.hpp"
#include "engine/simulator.hpp"

namespace gcmsim::bench {
namespace {

using Clock = std::chrono::steady_clock;

SimTime to_ticks(double units) { return static_cast<SimTime>(std::llround(units * kTicksPerUnit)); }

std::vector<RandomStream> make_streams(const PholdParams& p) {
  const StreamFamily family = RandomStreams(p.seed, 0).family("phold");
  std::vector<RandomStream> streams;
  streams.reserve(p.lps);
  for (std::uint32_t lp = 0; lp < p.lps; ++lp) streams.push_back(family.at(lp));
  return streams;
}

// The draw both loops make when process `lp` handles an event: the delay and the destination.
struct Hop {
  SimTime delay;
  std::uint32_t destination;
};

Hop next_hop(RandomStream& rng, std::uint32_t lp, const PholdParams& p) {
  const SimTime delay = to_ticks(rng.exponential(p.mean_delay));
  const bool remote = rng.uniform01() < p.remote;
  const auto destination = remote ? static_cast<std::uint32_t>(rng.uniform_index(p.lps)) : lp;
  return {delay, destination};
}

class KernelPhold {
 public:
  explicit KernelPhold(const PholdParams& p) : p_(p), streams_(make_streams(p)) {}

  std::uint64_t run() {
    for (std::uint32_t lp = 0; lp < p_.lps; ++lp) {
      for (std::uint32_t m = 0; m < p_.population; ++m) {
        const SimTime t = to_ticks(streams_[lp].exponential(p_.mean_delay));
        sim_.schedule_at(t, Handler{this, lp}, EventTag{0, lp});
      }
    }
    sim_.run_until(to_ticks(p_.end));
    return sim_.events_processed();
  }

  // What each pending event captures: 16 bytes, inside the slot's inline buffer.
  struct Handler {
    KernelPhold* model;
    std::uint32_t lp;
    void operator()() const { model->handle(lp); }
  };

 private:
  void handle(std::uint32_t lp) {
    const Hop hop = next_hop(streams_[lp], lp, p_);
    sim_.schedule_after(hop.delay, Handler{this, hop.destination}, EventTag{0, hop.destination});
  }

  PholdParams p_;
  std::vector<RandomStream> streams_;
  Simulator sim_;
};

}  // namespace

std::string validate(const PholdParams& p) {
  if (p.lps == 0 || p.lps > EventTag::kMaxTarget + 1) return "--lps must be in [1, 16777216]";
  if (p.population == 0) return "--population must be at least 1";
  if (std::uint64_t{p.lps} * p.population > event_key::kMaxSlots) {
    return "--lps x --population must not exceed 16777216 events in flight";
  }
  if (!(p.end > 0.0) || p.end * kTicksPerUnit > 9e18) return "--end must be positive and below 9e12";
  if (!(p.remote >= 0.0 && p.remote <= 1.0)) return "--remote must be a probability in [0, 1]";
  if (!(p.mean_delay > 0.0)) return "the mean delay must be positive";
  if (p.repeat < 1) return "--repeat must be at least 1";
  return {};
}

PholdRun run_phold_kernel(const PholdParams& p) {
  const auto start = Clock::now();
  KernelPhold model(p);
  const std::uint64_t events = model.run();
  return {events, std::chrono::duration<double>(Clock::now() - start).count()};
}

PholdRun run_phold_bare(const PholdParams& p) {
  struct Event {
    SimTime time;
    std::uint32_t lp;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const { return a.time > b.time; }
  };
  const auto start = Clock::now();
  std::vector<RandomStream> streams = make_streams(p);
  std::priority_queue<Event, std::vector<Event>, Later> queue;
  for (std::uint32_t lp = 0; lp < p.lps; ++lp) {
    for (std::uint32_t m = 0; m < p.population; ++m) {
      queue.push({to_ticks(streams[lp].exponential(p.mean_delay)), lp});
    }
  }
  const SimTime end = to_ticks(p.end);
  std::uint64_t events = 0;
  while (!queue.empty() && queue.top().time <= end) {
    const Event e = queue.top();
    queue.pop();
    ++events;
    const Hop hop = next_hop(streams[e.lp], e.lp, p);
    queue.push({e.time + hop.delay, hop.destination});
  }
  return {events, std::chrono::duration<double>(Clock::now() - start).count()};
}

PholdResult compare_phold(const PholdParams& p) {
  if (const std::string error = validate(p); !error.empty()) throw std::invalid_argument(error);
  double kernel_best = INFINITY;
  double bare_best = INFINITY;
  std::uint64_t events = 0;
  for (int r = 0; r < p.repeat; ++r) {
    const PholdRun kernel = run_phold_kernel(p);
    const PholdRun bare = run_phold_bare(p);
    if (kernel.events != bare.events) {
      throw std::logic_error("PHOLD: the kernel processed " + std::to_string(kernel.events) +
                             " events but the bare loop " + std::to_string(bare.events));
    }
    events = kernel.events;
    kernel_best = std::min(kernel_best, kernel.seconds);
    bare_best = std::min(bare_best, bare.seconds);
  }
  PholdResult result;
  result.events = events;
  result.kernel_events_per_s = static_cast<double>(events) / kernel_best;
  result.bare_events_per_s = static_cast<double>(events) / bare_best;
  result.ratio = result.kernel_events_per_s / result.bare_events_per_s;
  result.overhead_bytes_per_event = Simulator::overhead_bytes_per_event();
  result.inline_handler_bytes = HandlerSlots::kInlineBytes;
  result.phold_handler_bytes = sizeof(KernelPhold::Handler);
  return result;
}

}  // namespace gcmsim::bench
