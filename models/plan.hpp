#pragma once
// The plan of a scenario: planned dates for every activity (documents included, placed by their
// lead times and inputs) and the critical path method over working days.
//
// Planned dates: an activity with a start date keeps it; a document due before another activity
// ends that many working days before it starts; anything else starts on the first working day
// after all it needs is done, not before its window opens.
//
// Critical path: the critical path method over the dependency graph, durations and lead times in
// working days, ignoring planned dates: the longest chain of work into the last activity. An
// activity's slack is how many working days it could take longer without lengthening that chain.
// Because meetings have fixed dates, each activity also has a margin: how many working days it can
// slip from its planned dates before the last activity's planned date has to move.
#include <cstdint>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/dependency_graph.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

struct PlannedActivity {
  Date start;
  Date end;
  std::int64_t slack_days = 0;   // total slack in the dependency graph, working days
  std::int64_t margin_days = 0;  // total slack against the planned dates, working days
  bool on_critical_path = false;
};

struct Plan {
  std::vector<PlannedActivity> activities;  // by index in Scenario::activities
  std::vector<std::size_t> critical_path;   // first to last
  std::int64_t critical_path_days = 0;      // length of the chain of work, working days
};

// The dependency graph of the scenario's needs and lead times, durations in working days.
DependencyGraph dependency_graph(const Scenario& scenario);

// Prerequisites of an activity: what it needs and the documents due before it.
std::vector<std::size_t> prerequisites(const Scenario& scenario, std::size_t activity);

// Throws CycleError if the needs form a cycle (the loader reports that first).
Plan make_plan(const Scenario& scenario, const Calendar& calendar);

// Activity indices in order of planned start; equal starts keep the scenario's order.
std::vector<std::size_t> by_planned_start(const Plan& plan);

}  // namespace gcmsim::model
