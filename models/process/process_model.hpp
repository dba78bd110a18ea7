#pragma once
// The process model: one replication of a scenario played out on the kernel.
//
// Activities start when planned and when what they need is done; documents take a random drafting
// time, so a late deliverable delays what needs it and the slip propagates through the dependency
// graph. Meetings follow their agenda within session hours; states decide whether to attend (mission,
// travel cost, theme salience, trust fund); delegations ask for the floor and the chair gives it
// under the scenario's policy; stakeholders register, are accredited or objected to, are seated and
// picked to speak. Contributions to the trust fund and withdrawals happen on their dates.
//
// Where things live (models/process/):
//   process_state.hpp       what is true now (ProcessState)
//   attendance*.hpp         who comes to a meeting;   floor*.hpp  who speaks, for how long
//   trust_fund.hpp          the fund's ledger and who it pays;  document_timing.hpp  drafting times
//   agenda.hpp              a meeting's sittings on the calendar; moderators.hpp, stakeholders.hpp
//   process_listener.hpp    the typed events a listener receives (output/narration words them)
//   process_simulation.hpp  (private) the event handlers: event_scheduling.cpp, negotiation_glue.cpp
#include <cstdint>

#include "engine/event_observer.hpp"
#include "models/negotiation/played_seats.hpp"
#include "models/process/process_listener.hpp"
#include "models/run_results.hpp"
#include "models/setup/scenario_setup.hpp"

namespace gcmsim::model {

// Runs one replication: a pure function of (setup, seed, replication). `observer`, when given, sees
// every kernel event (tracing, fingerprints); `listener`, when given, receives the process events.
// Clients call sim::simulate (models/run/simulate.hpp), which wraps this.
// `seats`, when given, are the delegations played by people (models/negotiation/played_seats.hpp).
RunResults run_process(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication,
                       EventObserver* observer = nullptr, ProcessListener* listener = nullptr,
                       const PlayedSeats* seats = nullptr);

}  // namespace gcmsim::model
