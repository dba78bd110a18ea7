#pragma once
// An M/M/1 queue built on the kernel, shared by the analytic check and the threading test.
#include <cstdint>
#include <deque>
#include <string>

#include "engine/fingerprint.hpp"
#include "engine/random_streams.hpp"
#include "engine/simulator.hpp"
#include "engine/statistics.hpp"

namespace gcmsim::testing {

struct Mm1Result {
  RunningStats time_in_system;  // in time units, customers after the warm-up only
  std::string fingerprint;
  std::uint64_t events = 0;
};

// Arrivals at rate lambda, one server at rate mu, first come first served.
inline Mm1Result run_mm1(double lambda, double mu, std::uint64_t seed, std::uint64_t replication,
                         int customers, int warmup) {
  constexpr double kTicksPerUnit = 1e4;
  const auto ticks = [](double units) { return static_cast<SimTime>(units * kTicksPerUnit + 0.5); };
  const RandomStreams streams(seed, replication);
  RandomStream arrivals = streams.stream("arrivals");
  RandomStream service = streams.stream("service");

  Simulator sim;
  Fingerprint fp;
  sim.add_observer(fp);
  Mm1Result result;
  std::deque<SimTime> waiting;  // arrival times of customers in the system, head in service
  int arrived = 0;
  int departed = 0;

  std::function<void()> depart;
  const auto start_service = [&] { sim.schedule_after(ticks(service.exponential(1.0 / mu)), depart, {1, 0}); };
  depart = [&] {
    const SimTime arrived_at = waiting.front();
    waiting.pop_front();
    if (departed++ >= warmup) result.time_in_system.add(static_cast<double>(sim.now() - arrived_at) / kTicksPerUnit);
    if (!waiting.empty()) start_service();
  };
  std::function<void()> arrive = [&] {
    waiting.push_back(sim.now());
    if (waiting.size() == 1) start_service();
    if (++arrived < customers) sim.schedule_after(ticks(arrivals.exponential(1.0 / lambda)), arrive, {0, 0});
  };
  sim.schedule_at(ticks(arrivals.exponential(1.0 / lambda)), arrive, {0, 0});
  sim.run();
  result.fingerprint = fp.hex();
  result.events = sim.events_processed();
  return result;
}

}  // namespace gcmsim::testing
