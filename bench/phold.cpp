#include "bench/phold.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <cmath>
#include <queue>
#include <stdexcept>
#include <vector>

#include "bench/clocks.hpp"
#include "bench/resident_memory.hpp"
#include "engine/statistics.hpp"
#include "engine/ladder_queue.hpp"
#include "engine/random_streams.hpp"
#include "engine/simulator.hpp"

namespace gcmsim::bench {
namespace {


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

template <class Sim>
class KernelPhold {
 public:
  explicit KernelPhold(const PholdParams& p)
      : p_(p), streams_(make_streams(p)), sim_(SimulatorOptions{.prefetch = p.prefetch}) {}

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

  std::size_t model_bytes() const { return streams_.capacity() * sizeof(RandomStream); }

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
  Sim sim_;
};

// The handler's size does not depend on the queue.
using PholdHandler = KernelPhold<Simulator>::Handler;

template <class Sim>
PholdRun run_kernel_on(const PholdParams& p) {
  const std::size_t baseline = p.measure_memory ? start_peak_measurement() : 0;
  const auto start = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  KernelPhold<Sim> model(p);
  const std::uint64_t events = model.run();
  const double cpu = thread_cpu_seconds() - cpu_start;
  const double seconds = seconds_since(start);
  const std::size_t peak = p.measure_memory ? peak_resident_bytes() : 0;
  return {events, seconds, cpu, peak > baseline ? peak - baseline : 0, model.model_bytes()};
}


}  // namespace

const std::vector<std::string>& queue_names() {
  static const std::vector<std::string> names{"ladder", "heap4", "binary"};
  return names;
}

std::vector<SweepCell> sweep_cells(bool include_top) {
  std::vector<SweepCell> cells{
      {1024, 1, 4000}, {1024, 16, 250}, {65536, 1, 64}, {65536, 16, 4}, {1048576, 1, 4},
  };
  if (include_top) cells.push_back({1048576, 16, 2});
  return cells;
}

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
  if (std::find(queue_names().begin(), queue_names().end(), p.queue) == queue_names().end()) {
    return "--queue must be one of ladder, heap4, binary";
  }
  return {};
}

PholdRun run_phold_kernel(const PholdParams& p) {
  if (p.queue == "heap4") return run_kernel_on<BasicSimulator<DaryHeap<4>>>(p);
  if (p.queue == "binary") return run_kernel_on<BasicSimulator<BinaryHeap>>(p);
  return run_kernel_on<BasicSimulator<LadderQueue>>(p);
}

PholdRun run_phold_bare(const PholdParams& p) {
  struct Event {
    SimTime time;
    std::uint32_t lp;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const { return a.time > b.time; }
  };
  const std::size_t baseline = p.measure_memory ? start_peak_measurement() : 0;
  const auto start = Clock::now();
  const double cpu_start = thread_cpu_seconds();
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
  const double cpu = thread_cpu_seconds() - cpu_start;
  const double seconds = seconds_since(start);
  const std::size_t peak = p.measure_memory ? peak_resident_bytes() : 0;
  return {events, seconds, cpu, peak > baseline ? peak - baseline : 0, streams.capacity() * sizeof(RandomStream)};
}

PholdResult compare_phold(const PholdParams& params) {
  if (const std::string error = validate(params); !error.empty()) throw std::invalid_argument(error);
  PholdParams p = params;
  p.measure_memory = true;
  std::vector<double> kernel_rates, bare_rates, ratios, cpu_ratios;
  std::size_t kernel_peak = 0, bare_peak = 0, model_bytes = 0;
  std::uint64_t events = 0;
  for (int r = 0; r < p.repeat; ++r) {
    // Alternate which loop runs first, so that a drift in the machine's load favours neither.
    PholdRun kernel, bare;
    if (r % 2 == 0) {
      kernel = run_phold_kernel(p);
      bare = run_phold_bare(p);
    } else {
      bare = run_phold_bare(p);
      kernel = run_phold_kernel(p);
    }
    if (kernel.events != bare.events) {
      throw std::logic_error("PHOLD: the kernel processed " + std::to_string(kernel.events) +
                             " events but the bare loop " + std::to_string(bare.events));
    }
    events = kernel.events;
    kernel_rates.push_back(static_cast<double>(events) / kernel.seconds);
    bare_rates.push_back(static_cast<double>(events) / bare.seconds);
    ratios.push_back(bare.seconds / kernel.seconds);
    cpu_ratios.push_back(bare.cpu_seconds / kernel.cpu_seconds);
    kernel_peak = std::max(kernel_peak, kernel.peak_bytes);
    bare_peak = std::max(bare_peak, bare.peak_bytes);
    model_bytes = kernel.model_bytes;
  }
  PholdResult result;
  result.events = events;
  result.pending = std::uint64_t{p.lps} * p.population;
  result.kernel_events_per_s = sample_quantile(kernel_rates, 0.5);
  result.bare_events_per_s = sample_quantile(bare_rates, 0.5);
  result.ratio = sample_quantile(ratios, 0.5);
  result.cpu_ratio = sample_quantile(cpu_ratios, 0.5);
  double load[1] = {0};
  if (getloadavg(load, 1) == 1) result.load_average = load[0];
  const auto pending = static_cast<double>(result.pending);
  result.kernel_bytes_per_event = static_cast<double>(kernel_peak) / pending;
  result.bare_bytes_per_event = static_cast<double>(bare_peak) / pending;
  result.phold_handler_bytes = sizeof(PholdHandler);
  result.kernel_bookkeeping_bytes = std::max(
      0.0, static_cast<double>(kernel_peak) / pending - static_cast<double>(model_bytes) / pending -
               static_cast<double>(result.phold_handler_bytes));
  result.overhead_bytes_per_event = Simulator::overhead_bytes_per_event();
  result.inline_handler_bytes = HandlerSlots::kInlineBytes;
  return result;
}

}  // namespace gcmsim::bench
