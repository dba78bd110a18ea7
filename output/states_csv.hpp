#pragma once
// states.csv: one row per member state of the scenario, in scenario order:
//   iso3,state,regional_group,development
// The one place a run folder names its states: every other per-state table (positions.csv,
// acceptance.csv, attendance.csv, ...) is keyed by iso3 alone, so a name is written once per run,
// not once per row. regional_group and development are the groups of participation.csv
// (development: developed, developing (not LDC), least_developed).
#include <string>
#include <string_view>

#include "models/scenario.hpp"

namespace gcmsim::output {

// participation.csv's development grouping: an LDC is a developing country with a row of its own,
// since the trust fund serves it first (OP31).
std::string_view development_group(const model::MemberState& state);

std::string states_csv(const model::Scenario& scenario);

}  // namespace gcmsim::output
