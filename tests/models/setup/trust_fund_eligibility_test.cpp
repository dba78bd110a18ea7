// Whom the trust fund may pay for (OP31: developing countries, in particular the least developed).
#include "models/setup/trust_fund_eligibility.hpp"

#include <catch2/catch.hpp>

using namespace gcmsim::model;

namespace {

MemberState make_state(Development development, bool ldc) {
  MemberState state;
  state.development = development;
  state.ldc = ldc;
  return state;
}

}  // namespace

TEST_CASE("the trust fund may pay for developing and least developed states, never developed ones",
          "[trust_fund_eligibility]") {
  TrustFundPolicy policy;
  const MemberState developed = make_state(Development::developed, false);
  const MemberState developing = make_state(Development::developing, false);
  const MemberState least_developed = make_state(Development::developing, true);
  CHECK_FALSE(eligible_for_trust_fund(policy, developed));
  CHECK(eligible_for_trust_fund(policy, developing));
  CHECK(eligible_for_trust_fund(policy, least_developed));

  SECTION("a fund for least developed countries only") {
    policy.developing_eligible = false;
    CHECK_FALSE(eligible_for_trust_fund(policy, developing));
    CHECK(eligible_for_trust_fund(policy, least_developed));
  }
  SECTION("a developed state is never eligible, whatever the flags") {
    CHECK_FALSE(eligible_for_trust_fund(policy, make_state(Development::developed, true)));
  }
}
