#pragma once
// The process model's typed events (models/process/process_listener.hpp) as Python dicts, for
// Scenario.run(on_event=...).
#include <pybind11/pybind11.h>

#include "engine/calendar.hpp"
#include "models/process/process_listener.hpp"
#include "models/scenario.hpp"

namespace gcmsim::python {

// {"time", "kind", "text", "state", "dimension", "amount", "data"}: kind is the event's type in
// snake_case (meeting_opened, zero_draft_circulated, floor_taken, negotiation_day_closed,
// state_left, round_ended, conference_held); text the line output/narration words it with; state
// (iso3), dimension (id) and amount (the event's main number) when it carries them, else None;
// data every other field, with activities, states and dimensions by id.
pybind11::dict event_dict(const model::Scenario& scenario, const Calendar& calendar, SimTime when,
                          const model::ProcessEvent& event);

// Hands each event of a run to a Python callable, re-taking the GIL for each (the simulation runs
// without it). A Python exception raised by the callable propagates and ends the run.
class PythonListener final : public model::ProcessListener {
 public:
  PythonListener(const model::Scenario& scenario, const Calendar& calendar, const pybind11::object& callback)
      : scenario_(scenario), calendar_(calendar), callback_(callback) {}

  void on_event(SimTime when, const model::ProcessEvent& event) override {
    const pybind11::gil_scoped_acquire gil;
    callback_(event_dict(scenario_, calendar_, when, event));
  }

 private:
  const model::Scenario& scenario_;
  const Calendar& calendar_;
  const pybind11::object& callback_;
};

}  // namespace gcmsim::python
