#pragma once
// The negotiation's outputs: dynamics.csv (the draft per dimension over time), positions.csv and
// acceptance.csv (each state's views and acceptance of the draft: initial, each sitting day, each
// round's end), votes.csv (one row per state: conference vote, when and why it left) and
// outcome.json (rounds, agreement, the conference's counts; flat for pd.json_normalize), plus the
// lines the terminal summary gains.
#include <string>

#include <nlohmann/json.hpp>

#include "engine/calendar.hpp"
#include "models/run_results.hpp"
#include "models/loader/loader.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

// Long and tidy, one row per snapshot and dimension:
// round,day,time,dimension,draft,dissent,bracketed,consensus_share,remaining
// (round is the activity id; day 0 is the text as revised at the round's end).
std::string dynamics_csv(const model::Scenario&, const model::NegotiationRecord&, const Calendar&);

// Wide: round,day,time,iso3 and a column per dimension (its id), one row per state and snapshot.
// Rows at the zero draft (day 0: the initial views) and at each round's and OP29 consultation's end
// (day 0); `daily` adds the end of each sitting day (day 1, 2, ...); `none` gives the header alone.
// The state's name is in states.csv. Throws std::invalid_argument when a dimension's id is one of
// the key columns (the loader refuses such a scenario first).
std::string positions_csv(const model::Scenario&, const model::NegotiationRecord&, const Calendar&,
                          loader::Snapshots which = loader::Snapshots::rounds);
// round,day,time,iso3,acceptance,taking_part: at the same moments as positions.csv.
std::string acceptance_csv(const model::Scenario&, const model::NegotiationRecord&, const Calendar&,
                           loader::Snapshots which = loader::Snapshots::rounds);
// iso3,state,vote,left_at,left_because,acceptance_when_left,reservation: one row per state in the
// negotiation (vote empty when no conference was held; left_because "text": its acceptance fell below its reservation; "scripted": the scenario's events; "dissociated": a drawn dissociation after agreement).
std::string votes_csv(const model::Scenario&, const model::RunResults&, const Calendar&);

nlohmann::ordered_json outcome_json(const model::Scenario&, const model::RunResults&, const Calendar&);

// "Negotiation: ..." lines for the terminal summary.
std::string negotiation_summary(const model::Scenario&, const model::RunResults&, const Calendar&);

}  // namespace gcmsim::output
