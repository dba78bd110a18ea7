#include "models/process/process_model.hpp"

#include "models/process/fixed_dates.hpp"
#include "models/process/process_simulation.hpp"

namespace gcmsim::model {

ProcessState initial_state(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication,
                           const PlayedSeats* seats) {
  const Scenario& scenario = setup.scenario();
  ProcessState state;
  if (scenario.negotiation) {
    const Negotiation::Setup views{*setup.negotiation(), setup.co_facilitators(), setup.round_numbers()};
    state.negotiation.emplace(views, RandomStreams(seed, replication).stream("negotiation"), seats);
  }
  state.results.seed = seed;
  state.results.replication = replication;
  state.results.activities.resize(scenario.activities.size());
  state.waiting.reserve(scenario.activities.size());
  // A meeting that keeps its date waits only for its hard needs (fixed_dates.hpp: the conference's
  // modalities, OP13): otherwise it is ready on its planned day.
  for (const Activity& a : scenario.activities) {
    int hard = 0;
    for (std::size_t need : a.needs) hard += waits_for(a.kind, scenario.activities[need].kind) ? 1 : 0;
    state.waiting.push_back(hard);
  }
  state.withdrawn.assign(scenario.member_states.size(), false);
  for (const Contribution& c : scenario.trust_fund.contributions) state.fund.pledges_pending += c.usd > 0.0 ? 1 : 0;
  state.consultation_minutes.assign(scenario.member_states.size(), 0.0);
  return state;
}

RunResults run_process(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication,
                       EventObserver* observer, ProcessListener* listener, const PlayedSeats* seats) {
  ProcessSimulation simulation(setup, seed, replication, listener, seats);
  return simulation.run(observer);
}

}  // namespace gcmsim::model
