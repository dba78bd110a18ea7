#pragma once
// Whom the trust fund may pay for (OP31): a rule of the scenario's policy alone, read once per
// scenario into each meeting's odds (meeting_odds.hpp) and by the fund's queue (process/trust_fund.hpp).
#include "models/scenario.hpp"

namespace gcmsim::model {

// True if the policy lets the fund pay for this state's delegates (OP31).
bool eligible_for_trust_fund(const TrustFundPolicy& policy, const MemberState& state);

}  // namespace gcmsim::model
