#include "models/setup/trust_fund_eligibility.hpp"

namespace gcmsim::model {

// Each flag governs one group, so a what-if can open or close the fund to least developed countries
// and to the other developing countries independently. OP31 names developing countries only, so a
// developed state is never paid for, whatever its other flags.
bool eligible_for_trust_fund(const TrustFundPolicy& policy, const MemberState& state) {
  if (state.development == Development::developed) return false;
  return state.ldc ? policy.ldc_eligible : policy.developing_eligible;
}

}  // namespace gcmsim::model
