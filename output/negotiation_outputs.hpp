#pragma once
// The negotiation's outputs: dynamics.csv (the draft per dimension over time), positions.csv (each
// state's position and acceptance at each round's end) and outcome.json (rounds, agreement,
// withdrawals, the conference's result), plus the lines the terminal summary gains.
#include <string>

#include <nlohmann/json.hpp>

#include "engine/calendar.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

// Long and tidy, one row per snapshot and dimension:
// round,day,time,dimension,draft,dissent,bracketed,consensus_share,remaining
// (round is the activity id; day 0 is the text as revised at the round's end).
std::string dynamics_csv(const model::Scenario&, const model::NegotiationRecord&, const Calendar&);

// One row per round end and state, a column per dimension: round,time,state,iso3,<dimensions...>,acceptance,in
std::string positions_csv(const model::Scenario&, const model::NegotiationRecord&, const Calendar&);

nlohmann::ordered_json outcome_json(const model::Scenario&, const model::RunResults&, const Calendar&);

// "Negotiation: ..." lines for the terminal summary.
std::string negotiation_summary(const model::Scenario&, const model::RunResults&, const Calendar&);

}  // namespace gcmsim::output
