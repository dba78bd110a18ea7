#pragma once
// timeline.csv: one row per activity, in scenario order, planned next to simulated dates, so a
// planner sees what moved, by how much, and what it waited for.
//
// Columns: id,kind,phase,venue,planned_start,planned_end,simulated_start,simulated_end,slip_days,
// on_critical_path,started_after
//   planned_*        ISO dates from the Plan
//   simulated_*      "YYYY-MM-DD HH:MM" from the Calendar; empty if the activity never started/finished
//   slip_days        calendar days from the planned end date to the simulated end date (negative
//                    when early); empty if it never finished
//   on_critical_path true/false, from the Plan
//   started_after    "planned" when its planned date bound it, else the id of the prerequisite it
//                    waited for; empty if it never started (or the results do not say)
#include <string>

#include "engine/calendar.hpp"
#include "models/plan.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

// Throws std::invalid_argument when the plan or the results do not have one entry per activity
// (they belong to another scenario).
std::string timeline_csv(const model::Scenario& scenario, const model::Plan& plan,
                         const model::RunResults& results, const Calendar& calendar);

// The slip of a finished activity (defined with the results, models/run_results.hpp).
using model::slip_days;

}  // namespace gcmsim::output
