#pragma once
// participation.csv: who could attend and who spoke, long and tidy, one row per (meeting, group).
//
// Columns: meeting,kind,venue,date,group_type,group,members,delegations_present,funded,
// floor_requests,interventions,unserved_requests,speaking_minutes,stakeholders_registered,
// stakeholders_accredited,stakeholders_admitted,stakeholders_speaking
//
// Per meeting (in the order of RunResults::meetings; date = its simulated start date), in order:
//   group_type regional_group: the five groups; members = the group's states
//   group_type development: developed, developing (developing but not LDC), least_developed
//   group_type stakeholder: one row per population, in scenario order; members = organisations
// Delegation rows leave the stakeholder columns empty and stakeholder rows the delegation columns:
// empty means "does not apply", unlike 0. Every group gets its row even when it has no members,
// so every meeting has the same rows and a pivot needs no fill values.
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

}  // namespace gcmsim::output
