#include "models/process/process_model.hpp"

#include "models/process/process_simulation.hpp"

namespace gcmsim::model {

ProcessState initial_state(const Scenario& scenario, std::uint64_t seed, std::uint64_t replication) {
  ProcessState state;
  if (scenario.negotiation) state.negotiation.emplace(scenario);
  state.results.seed = seed;
  state.results.replication = replication;
  state.results.activities.resize(scenario.activities.size());
  state.waiting.reserve(scenario.activities.size());
  for (const Activity& a : scenario.activities) state.waiting.push_back(static_cast<int>(a.needs.size()));
  state.withdrawn.assign(scenario.member_states.size(), false);
  state.consultation_minutes.assign(scenario.member_states.size(), 0.0);
  return state;
}

RunResults run_process(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication,
                       EventObserver* observer, ProcessListener* listener) {
  ProcessSimulation simulation(setup, seed, replication, listener);
  return simulation.run(observer);
}

}  // namespace gcmsim::model
