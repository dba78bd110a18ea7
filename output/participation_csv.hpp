#pragma once
// Who could attend and who spoke, long and tidy, one block of rows per meeting in the order of
// RunResults::meetings. participation.csv and stakeholders.csv start with meeting,kind,venue,date
// (date = its simulated start date, empty when it never started).
//
// participation.csv: member-state delegations by group, one row per (meeting, grouping, group):
//   meeting,kind,venue,date,grouping,group,members,delegations_present,from_mission,capital_experts,
//   funded,funded_experts,funding_refused,floor_requests,interventions,unserved_requests,
//   speaking_minutes
// (attendance.csv's came_from, capital_experts, funded_for and funding_refused, counted per group).
// grouping regional_group: the five groups; grouping development: developed, developing (not
// LDC), least_developed. Every state is in one group of each grouping, so summing across
// groupings counts each delegation twice: filter on grouping first. Every group gets its row even
// without members, so every meeting has the same rows and a pivot needs no fill values.
//
// stakeholders.csv: one row per (meeting, stakeholder population), in scenario order:
//   meeting,kind,venue,date,stakeholder_kind,organisations,registered,accredited,admitted,speaking
//
// attendance.csv: one row per (meeting, member state), in scenario order, keyed by meeting and iso3
// (the meeting's kind, venue and date are in timeline.csv, the state's name in states.csv):
//   meeting,iso3,present,came_from,capital_experts,funded,funded_for,funding_refused,
//   floor_requests,interventions,unserved_requests,speaking_minutes
// came_from: mission (its permanent mission in the venue's city) or capital; funded_for: travel
// (the delegation's trip) or capital_expert (an expert flown in to join the mission).
#include <string>

#include "engine/calendar.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

// A meeting record's `states` and `stakeholders` must each be empty (nobody of that kind took
// part) or have one entry per member state / population; otherwise, or when it names an activity
// the scenario lacks, throws std::invalid_argument.
std::string participation_csv(const model::Scenario& scenario, const model::RunResults& results,
                              const Calendar& calendar);
std::string stakeholders_csv(const model::Scenario& scenario, const model::RunResults& results, const Calendar& calendar);
std::string attendance_csv(const model::Scenario& scenario, const model::RunResults& results, const Calendar& calendar);

}  // namespace gcmsim::output
