#pragma once
// One run as a library call: simulate(prepared scenario, run spec) -> results, a pure function of
// (scenario, seed, replication). The CLI, the benchmarks, sweeps, comparisons and the Python module
// all run the model through here.
#include <cstdint>

#include "engine/event_observer.hpp"
#include "models/process/process_model.hpp"
#include "models/run/prepared_scenario.hpp"
#include "models/run_results.hpp"

namespace gcmsim::sim {

// Run control: which streams to draw from, and who watches. The seed is not part of the scenario.
// Replication k of two runs with the same seed draws the same random numbers wherever the two
// scenarios ask for the same streams (common random numbers: compare and sweeps rely on it).
struct RunSpec {
  std::uint64_t seed = 1;
  std::uint64_t replication = 0;
  EventObserver* observer = nullptr;    // sees every kernel event (traces, fingerprints); not owned
  model::ProcessListener* listener = nullptr;  // receives the process events as they happen (narration); not owned
  const model::PlayedSeats* seats = nullptr;   // delegations played by people (models/negotiation/played_seats.hpp); not owned
};

// A spec with the scenario's default seed.
RunSpec default_spec(const PreparedScenario& prepared, std::uint64_t replication = 0);

model::RunResults simulate(const PreparedScenario& prepared, const RunSpec& spec);

// The run's values of every metric in prepared.metric_catalog(), in its order.
RunMetrics metrics(const PreparedScenario& prepared, const model::RunResults& results);

// gcmsim's version, as manifests record it.
const char* version();

}  // namespace gcmsim::sim
