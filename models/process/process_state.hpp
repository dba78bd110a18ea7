#pragma once
// What is true now in one replication of the process: plain data that the event handlers step and
// the policies (attendance, floor, funding, drafting times) read and change. A test builds one with
// initial_state(), calls a policy on it and inspects it, without running the event loop.
#include <map>
#include <optional>
#include <vector>

#include "models/negotiation/negotiation.hpp"
#include "models/process/stakeholders.hpp"
#include "models/process/trust_fund.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"
#include "models/setup/scenario_setup.hpp"

namespace gcmsim::model {

struct ProcessState {
  RunResults results;                // what has happened so far; records fill in as activities run
  std::vector<int> waiting;          // by activity: prerequisites not yet finished
  std::vector<bool> withdrawn;       // by member state: has left the process
  std::map<std::size_t, std::vector<std::size_t>> moderators;  // by thematic session: one state per panel
  AccreditationList accredited;      // stakeholders that passed the non-objection procedure
  TrustFundLedger fund;              // the trust fund's balance and record (OP31)
  std::vector<double> consultation_minutes;  // by member state: speaking time the zero draft weighs
  std::optional<Negotiation> negotiation;    // when the scenario negotiates
};

// The state before anything happens: nothing started, nobody withdrawn, the fund empty, nobody
// accredited or appointed yet. The negotiation (if any) refers to `setup`, which must outlive it; it
// draws the delegations' mandates from the replication's "negotiation" stream.
// `seats` (optional, not owned): the delegations played by people.
ProcessState initial_state(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication,
                           const PlayedSeats* seats = nullptr);

}  // namespace gcmsim::model
