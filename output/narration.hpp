#pragma once
// The narrated run: the process model's typed events (models/process/process_listener.hpp) worded
// as one English line each, for `gcmsim run --narrate` and the classroom. The model never writes a
// sentence; this is where its numbers become words.
#include <functional>
#include <string>

#include "engine/calendar.hpp"
#include "models/process/process_listener.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

// Why a member state left, in words: "acceptance 0.312 below its reservation 0.350", or the
// scenario's note for a scripted withdrawal ("scripted in the scenario" when it has none).
std::string withdrawal_reason(const model::Withdrawal& withdrawal);

// The line that tells one event. `calendar` gives the time of day of interventions.
std::string narrate(const model::Scenario& scenario, const Calendar& calendar, SimTime when,
                    const model::ProcessEvent& event);

// A listener that words each event and hands the line to `say` (with the event's time).
class Narration final : public model::ProcessListener {
 public:
  using Sink = std::function<void(SimTime when, const std::string& line)>;
  Narration(const model::Scenario& scenario, const Calendar& calendar, Sink say)
      : scenario_(scenario), calendar_(calendar), say_(std::move(say)) {}

  void on_event(SimTime when, const model::ProcessEvent& event) override {
    say_(when, narrate(scenario_, calendar_, when, event));
  }

 private:
  const model::Scenario& scenario_;
  const Calendar& calendar_;
  Sink say_;
};

}  // namespace gcmsim::output
