#include "bench/hold.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <queue>
#include <stdexcept>
#include <utility>

#include "bench/clocks.hpp"
#include "bench/phold.hpp"
#include "engine/event_queue.hpp"
#include "engine/ladder_queue.hpp"
#include "engine/random_streams.hpp"
#include "engine/statistics.hpp"

namespace gcmsim::bench {
namespace {


// Increments are drawn once, before any timing, and cycled: every queue pays the same (nothing) for
// the random numbers and sees the same sequence.
constexpr std::size_t kTableSize = std::size_t{1} << 20;

std::vector<SimTime> draw_increments(Increment kind, std::uint64_t seed) {
  RandomStream rng = RandomStreams(seed, 0).stream("hold");
  std::vector<SimTime> table(kTableSize);
  for (SimTime& t : table) {
    double x = 0.0;
    switch (kind) {
      case Increment::exponential: x = rng.exponential(1.0); break;
      case Increment::uniform: x = rng.uniform(0.0, 2.0); break;
      case Increment::bimodal: x = rng.uniform01() < 0.9 ? rng.uniform(0.0, 0.2) : rng.uniform(0.0, 18.2); break;
      case Increment::triangular: x = rng.uniform01() + rng.uniform01(); break;
    }
    t = static_cast<SimTime>(std::llround(x * kTicksPerUnit));
  }
  return table;
}

struct Timed {
  double seconds;
  std::uint64_t hash;  // of the popped times, in order: every queue must agree
};

template <PendingSet Q>
Timed hold_on(const HoldParams& p, const std::vector<SimTime>& inc) {
  Q q;
  std::uint64_t seq = 0;
  std::size_t k = 0;
  for (std::uint32_t i = 0; i < p.size; ++i) q.push({inc[k++ % kTableSize], event_key::make(0, seq++, 0)});
  std::uint64_t hash = 0;
  const auto start = Clock::now();
  for (std::uint64_t h = 0; h < p.holds; ++h) {
    const QueueEntry e = q.top();
    q.pop();
    hash = hash * 1099511628211u + static_cast<std::uint64_t>(e.time);
    q.push({e.time + inc[k++ % kTableSize], event_key::make(0, seq++, 0)});
  }
  return {seconds_since(start), hash};
}

Timed hold_bare(const HoldParams& p, const std::vector<SimTime>& inc) {
  using Event = std::pair<SimTime, std::uint64_t>;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> q;
  std::uint64_t seq = 0;
  std::size_t k = 0;
  for (std::uint32_t i = 0; i < p.size; ++i) q.push({inc[k++ % kTableSize], seq++});
  std::uint64_t hash = 0;
  const auto start = Clock::now();
  for (std::uint64_t h = 0; h < p.holds; ++h) {
    const Event e = q.top();
    q.pop();
    hash = hash * 1099511628211u + static_cast<std::uint64_t>(e.first);
    q.push({e.first + inc[k++ % kTableSize], seq++});
  }
  return {seconds_since(start), hash};
}


}  // namespace

const std::vector<std::string>& increment_names() {
  static const std::vector<std::string> names{"exponential", "uniform", "bimodal", "triangular"};
  return names;
}

std::string validate(const HoldParams& p) {
  if (p.size == 0 || p.size > (1u << 24)) return "--size must be in [1, 16777216]";
  if (p.holds == 0 || p.holds + p.size >= event_key::kSequenceLimit) return "--holds must be in [1, 4e9]";
  if (p.repeat < 1) return "--repeat must be at least 1";
  return {};
}

std::vector<HoldResult> run_hold(const HoldParams& p) {
  if (const std::string error = validate(p); !error.empty()) throw std::invalid_argument(error);
  using Runner = Timed (*)(const HoldParams&, const std::vector<SimTime>&);
  const std::vector<std::pair<std::string, Runner>> queues{
      {"bare", &hold_bare},
      {"heap4", &hold_on<DaryHeap<4>>},
      {"ladder", &hold_on<LadderQueue>},
      {"binary", &hold_on<BinaryHeap>},
  };
  std::vector<HoldResult> results;
  for (std::size_t d = 0; d < increment_names().size(); ++d) {
    const std::vector<SimTime> inc = draw_increments(static_cast<Increment>(d), p.seed);
    std::vector<std::vector<double>> ns(queues.size());
    for (int r = 0; r < p.repeat; ++r) {
      std::uint64_t reference = 0;
      for (std::size_t i = 0; i < queues.size(); ++i) {
        // Rotate the order each repeat, so that no queue always runs first.
        const std::size_t which = (i + static_cast<std::size_t>(r)) % queues.size();
        const Timed t = queues[which].second(p, inc);
        if (i == 0) reference = t.hash;
        if (t.hash != reference) throw std::logic_error("hold: " + queues[which].first + " popped a different sequence");
        ns[which].push_back(1e9 * t.seconds / static_cast<double>(p.holds));
      }
    }
    const double bare = sample_quantile(ns[0], 0.5);
    for (std::size_t i = 0; i < queues.size(); ++i) {
      const double m = sample_quantile(ns[i], 0.5);
      results.push_back({queues[i].first, increment_names()[d], m, bare / m});
    }
  }
  return results;
}

}  // namespace gcmsim::bench
