#pragma once
// trust_fund.csv: the trust fund's ledger (OP31), one row per movement of money, in the order it
// happened (RunResults::trust_fund.ledger):
//   time,flow,donor,iso3,state,meeting,venue,paid_for,delegates,amount_usd,balance_usd
// flow contribution: donor (the scenario's, may be empty); iso3, state, meeting, venue, paid_for and
// delegates empty. flow trip: the state whose delegates' travel it paid, the meeting and its venue,
// what it paid for (travel: the delegation's trip from its capital; capital_expert: an expert
// flown in to join the state's mission in the venue's city), how many delegates; donor empty. amount_usd is positive either way; balance_usd is what the fund
// holds after the movement, so raised, spent and the balance over time are cumulative sums.
#include <string>

#include "engine/calendar.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

// Throws std::invalid_argument for an entry naming a contribution, state or activity the scenario lacks.
std::string trust_fund_csv(const model::Scenario& scenario, const model::RunResults& results, const Calendar& calendar);

}  // namespace gcmsim::output
