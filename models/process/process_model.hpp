#pragma once
// The process model: one replication of a scenario played out on the kernel.
//
// Activities start when planned and when what they need is done; documents take a random drafting
// time, so a late deliverable delays what needs it and the slip propagates through the dependency
// graph. Meetings follow their agenda within session hours; states decide whether to attend (mission,
// travel cost, theme salience, trust fund); delegations ask for the floor and the chair gives it
// under the scenario's policy; stakeholders register, are accredited or objected to, are seated and
// picked to speak. Contributions to the trust fund and withdrawals happen on their dates.
#include <cstdint>
#include <string>

#include "engine/calendar.hpp"
#include "engine/event_observer.hpp"
#include "models/run_results.hpp"
#include "models/scenario_setup.hpp"

namespace gcmsim::model {

// Event kinds, as the fingerprint and the trace see them (the target is an activity or state index).
enum class ProcessEvent : std::uint32_t {
  activity_ready = 1, meeting_open = 2, document_start = 3, activity_done = 4, agenda_item = 5,
  contribution = 6, withdrawal = 7, intervention = 8, negotiation_day = 9, negotiation_round_end = 10,
  conference_vote = 11
};

// Receives one readable line per meaningful event, as it happens (the narrated run).
class Narrator {
 public:
  virtual ~Narrator() = default;
  virtual void say(SimTime when, const std::string& line) = 0;
};

// Runs one replication: a pure function of (setup, seed, replication). `observer`, when given, sees
// every event (tracing, fingerprints); `narrator`, when given, is told the story. Clients call
// sim::simulate (models/run/simulate.hpp), which wraps this.
RunResults run_process(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication,
                       EventObserver* observer = nullptr, Narrator* narrator = nullptr);

}  // namespace gcmsim::model
