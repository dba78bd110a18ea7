// Every pending-event set against the reference BinaryHeap: a million random operations (schedule
// with ties and priorities, cancel by live or stale handle, fire) must give the same firing order.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <vector>

#include "engine/ladder_queue.hpp"
#include "engine/simulator.hpp"

using namespace gcmsim;

namespace {

struct Trace {
  std::vector<std::uint32_t> fired;  // event ids in firing order
  std::vector<bool> cancelled;       // what each cancel call answered
};

template <class Sim>
Trace run_operations(std::uint64_t seed, int operations) {
  Sim sim;
  Trace trace;
  std::mt19937_64 gen(seed);
  std::vector<EventHandle> handles;
  std::uint32_t next_id = 0;
  for (int op = 0; op < operations; ++op) {
    const std::uint64_t r = gen();
    const unsigned kind = static_cast<unsigned>(r % 100);
    if (kind < 50) {
      // Bursts of near-equal times (ties), occasional far-future events (the ladder's top), and
      // times spread over several orders of magnitude.
      const std::uint64_t shape = (r >> 8) % 10;
      const SimTime delay = shape < 4   ? static_cast<SimTime>((r >> 16) % 4)
                            : shape < 8 ? static_cast<SimTime>((r >> 16) % 1000)
                            : shape < 9 ? static_cast<SimTime>((r >> 16) % 1'000'000)
                                        : static_cast<SimTime>((r >> 16) % 1'000'000'000'000);
      const auto priority = static_cast<std::int8_t>(static_cast<int>((r >> 56) % 5) - 2);
      const std::uint32_t id = next_id++;
      handles.push_back(sim.schedule_after(delay, [&trace, id] { trace.fired.push_back(id); }, {}, priority));
    } else if (kind < 62) {
      if (!handles.empty()) trace.cancelled.push_back(sim.cancel(handles[(r >> 8) % handles.size()]));
    } else {
      sim.step();
    }
  }
  sim.run();
  return trace;
}

}  // namespace

TEMPLATE_TEST_CASE("a million mixed operations give the reference heap's firing order", "[differential]",
                   BasicSimulator<DaryHeap<4>>, BasicSimulator<LadderQueue>) {
  constexpr int kOperations = 1'000'000;
  const Trace reference = run_operations<BasicSimulator<BinaryHeap>>(2026, kOperations);
  const Trace trace = run_operations<TestType>(2026, kOperations);
  REQUIRE(reference.fired.size() > 300'000);
  REQUIRE(trace.cancelled == reference.cancelled);
  REQUIRE(trace.fired.size() == reference.fired.size());
  REQUIRE(trace.fired == reference.fired);
}
