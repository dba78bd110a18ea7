#pragma once
// Private to models/process: the event handlers of one replication. They read the scenario, step
// the ProcessState and schedule what follows on the kernel; the decisions themselves are the
// policies' (attendance_policy, floor_discussion, trust_fund, document_timing).
//   event_scheduling.cpp  activities, meetings, contributions and scripted withdrawals
//   negotiation_glue.cpp  the zero draft, interventions, negotiation days and rounds, the conference
#include <cstdint>

#include "engine/random_streams.hpp"
#include "engine/simulator.hpp"
#include "models/process/floor_discussion.hpp"
#include "models/process/process_listener.hpp"
#include "models/process/process_state.hpp"
#include "models/setup/scenario_setup.hpp"

namespace gcmsim::model {

// Event kinds, as the fingerprint and the trace see them (the target is an activity or state
// index). The numbers are part of every fingerprint: never renumber.
enum class EventKind : std::uint32_t {
  activity_ready = 1, meeting_open = 2, document_start = 3, activity_done = 4, agenda_item = 5,
  contribution = 6, withdrawal = 7, intervention = 8, negotiation_day = 9, negotiation_round_end = 10,
  conference_vote = 11
};

constexpr EventTag tag(EventKind kind, std::size_t target) {
  return EventTag{static_cast<std::uint32_t>(kind), static_cast<std::uint32_t>(target)};
}

class ProcessSimulation {
 public:
  ProcessSimulation(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication, ProcessListener* listener,
                    const PlayedSeats* seats = nullptr);

  RunResults run(EventObserver* observer);

 private:
  // event_scheduling.cpp
  SimTime planned_start(std::size_t activity) const;
  void on_ready(std::size_t activity);
  std::optional<std::size_t> last_prerequisite(std::size_t activity) const;
  void start_document(std::size_t activity);
  void finish(std::size_t activity);
  void open_meeting(std::size_t activity);
  void schedule_contributions();
  void schedule_withdrawals();

  // negotiation_glue.cpp
  void circulate_zero_draft(std::size_t activity);
  void schedule_negotiation(std::size_t round, const MeetingRecord& meeting, const std::vector<TimedIntervention>& interventions,
                            const std::vector<SimTime>& day_ends, SimTime end);
  std::vector<double> day_voice(const MeetingRecord& meeting, const std::vector<TimedIntervention>& interventions, int day) const;
  void on_intervention(std::size_t round, std::size_t state, int day, int group);
  void on_day_end(std::size_t round, int day, const std::vector<double>& voice);
  std::vector<double> heard(std::vector<double> voice, int day) const;
  void on_round_end(std::size_t round, const std::vector<double>& voice);
  void vote_at_conference(std::size_t activity);
  std::optional<SimTime> conference_start() const;
  void schedule_dissociations();

  void tell(const ProcessEvent& event) {
    if (listener_ != nullptr) listener_->on_event(sim_.now(), event);
  }

  const ScenarioSetup& setup_;
  const Scenario& s_;
  const Calendar& cal_;
  RandomStreams streams_;
  Simulator sim_;
  ProcessState state_;
  ProcessListener* listener_ = nullptr;
  // Interventions a played seat yielded in the current round, by (state, sitting day): its voice
  // that day is as if it had sat silent.
  std::vector<std::pair<std::size_t, int>> yielded_;
  std::vector<std::pair<std::size_t, int>> spoke_;
};

}  // namespace gcmsim::model
