#pragma once
// The voluntary trust fund (OP31): a ledger. Contributions arrive on their dates; it pays the travel
// of delegates from eligible states (developing countries, least developed first); it can run dry.
#include <optional>
#include <string>
#include <vector>

#include "engine/sim_time.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

struct TrustFundLedger {
  double balance = 0.0;
  std::size_t pledges_pending = 0;  // contributions still to arrive
  TrustFundRecord record;
};

// OP31: the fund serves the preparatory process and the conference, not the regional commissions'
// meetings or other processes' events (GFMD, IOM's dialogue), which have their own arrangements.
bool trust_fund_covers(ActivityKind kind);

// Adds a contribution arriving at `now` (the policy's contribution number `contribution`), and
// records it in the ledger.
void contribute(TrustFundLedger& ledger, double usd, SimTime now = 0,
                std::optional<std::size_t> contribution = std::nullopt);

// How many of a state's delegates one funded trip pays for: the policy's delegates_per_state, but
// never more than the state's delegation (when the data give its size).
int funded_delegates(const TrustFundPolicy& policy, const MemberState& state);

// Pays the trip of funded_delegates() delegates to `venue_id` for each requesting state
// that is eligible, in the policy's priority order (ldc_first: least developed countries first,
// then the others, each in the given order), while money lasts. Returns, for each requesting state
// in the order given, whether it was funded. A state whose trip costs nothing (no travel cost listed
// for the venue) is not funded. Records each trip paid in the ledger (for the meeting `activity`,
// when given), refusals, and the first time the fund ran dry (at `now`).
std::vector<bool> fund_travel(TrustFundLedger& ledger, const TrustFundPolicy& policy,
                              const std::vector<MemberState>& states, const std::vector<std::size_t>& requesting,
                              const std::string& venue_id, SimTime now,
                              std::optional<std::size_t> activity = std::nullopt);

}  // namespace gcmsim::model
