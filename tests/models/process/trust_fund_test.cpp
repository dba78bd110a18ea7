#include "models/process/trust_fund.hpp"

#include <catch2/catch.hpp>

using namespace gcmsim::model;

namespace {

MemberState make_state(std::string iso3, Development development, bool ldc) {
  MemberState state;
  state.iso3 = std::move(iso3);
  state.development = development;
  state.ldc = ldc;
  return state;
}

// A fund paying one delegate 1,000 USD to Geneva; New York is where the missions are, so no cost.
TrustFundPolicy geneva_policy(FundingPriority priority = FundingPriority::ldc_first) {
  TrustFundPolicy policy;
  policy.priority = priority;
  policy.travel_cost_usd = {{"geneva", 1000.0}};
  return policy;
}

// Indices: 0 developed, 1 and 2 developing, 3 least developed.
const std::vector<MemberState> kStates{
    make_state("DEU", Development::developed, false),
    make_state("BRA", Development::developing, false),
    make_state("IND", Development::developing, false),
    make_state("NER", Development::developing, true),
};

}  // namespace

TEST_CASE("the trust fund pays only eligible delegates", "[trust_fund]") {
  // Who is eligible (OP31) is tested in tests/models/setup/trust_fund_eligibility_test.cpp.
  const TrustFundPolicy policy = geneva_policy();
  TrustFundLedger ledger;
  contribute(ledger, 10'000.0);
  const auto funded = fund_travel(ledger, policy, kStates, {0, 1, 3}, "geneva", 0);
  CHECK(funded == std::vector<bool>{false, true, true});
  CHECK(ledger.record.trips_funded == 2);
  CHECK(ledger.record.requests_refused == 0);  // the developed state was not refused: never eligible
}

TEST_CASE("least developed countries are funded first when money is short", "[trust_fund]") {
  TrustFundLedger ledger;
  contribute(ledger, 1000.0);  // one trip

  SECTION("ldc_first: the least developed country gets it even when it asked last") {
    const auto funded = fund_travel(ledger, geneva_policy(FundingPriority::ldc_first), kStates, {1, 2, 3}, "geneva", 0);
    CHECK(funded == std::vector<bool>{false, false, true});
  }
  SECTION("first_come: the first developing state gets it") {
    const auto funded = fund_travel(ledger, geneva_policy(FundingPriority::first_come), kStates, {1, 2, 3}, "geneva", 0);
    CHECK(funded == std::vector<bool>{true, false, false});
  }
  CHECK(ledger.balance == 0.0);
  CHECK(ledger.record.trips_funded == 1);
  CHECK(ledger.record.requests_refused == 2);
}

TEST_CASE("the fund runs dry and records when", "[trust_fund]") {
  const TrustFundPolicy policy = geneva_policy();
  TrustFundLedger ledger;
  contribute(ledger, 1500.0);

  const gcmsim::SimTime first_meeting = 10 * gcmsim::kDay;
  const gcmsim::SimTime second_meeting = 40 * gcmsim::kDay;
  fund_travel(ledger, policy, kStates, {1}, "geneva", first_meeting);
  CHECK_FALSE(ledger.record.ran_dry);  // 500 left, nobody turned away yet

  const auto funded = fund_travel(ledger, policy, kStates, {2, 3}, "geneva", second_meeting);
  CHECK(funded == std::vector<bool>{false, false});
  REQUIRE(ledger.record.ran_dry);
  CHECK(*ledger.record.ran_dry == second_meeting);
  CHECK(ledger.record.requests_refused == 2);

  fund_travel(ledger, policy, kStates, {1}, "geneva", second_meeting + gcmsim::kWeek);
  CHECK(*ledger.record.ran_dry == second_meeting);  // the first time only
  CHECK(ledger.record.requests_refused == 3);
  CHECK(ledger.balance == Approx(500.0));
}

TEST_CASE("contributions raise the balance", "[trust_fund]") {
  TrustFundLedger ledger;
  contribute(ledger, 250'000.0);
  contribute(ledger, 125'000.5);
  CHECK(ledger.balance == Approx(375'000.5));
  CHECK(ledger.record.raised == Approx(375'000.5));
  CHECK(ledger.record.spent == 0.0);
}

TEST_CASE("what was spent and what is left add up to what was raised", "[trust_fund]") {
  TrustFundPolicy policy = geneva_policy();
  policy.travel_cost_usd["vienna"] = 850.25;
  TrustFundLedger ledger;
  contribute(ledger, 3000.0);
  fund_travel(ledger, policy, kStates, {1, 2, 3}, "vienna", 0);
  contribute(ledger, 700.0);
  fund_travel(ledger, policy, kStates, {1, 2, 3}, "geneva", gcmsim::kDay);

  CHECK(ledger.balance >= 0.0);
  CHECK(ledger.record.trips_funded == 4);  // three to Vienna (2550.75), one to Geneva
  CHECK(ledger.record.spent == Approx(3550.75));
  CHECK(ledger.record.spent + ledger.balance == Approx(ledger.record.raised));
}

TEST_CASE("a venue with no listed travel cost is neither funded nor refused", "[trust_fund]") {
  TrustFundLedger ledger;
  contribute(ledger, 5000.0);
  const auto funded = fund_travel(ledger, geneva_policy(), kStates, {1, 3}, "new_york", 0);
  CHECK(funded == std::vector<bool>{false, false});
  CHECK(ledger.balance == 5000.0);
  CHECK(ledger.record.trips_funded == 0);
  CHECK(ledger.record.requests_refused == 0);
  CHECK_FALSE(ledger.record.ran_dry);
}

TEST_CASE("each state's trip pays for all its funded delegates", "[trust_fund]") {
  TrustFundPolicy policy = geneva_policy();
  policy.delegates_per_state = 2;
  TrustFundLedger ledger;
  contribute(ledger, 3000.0);  // one trip of two delegates at 1,000 each, not two
  const auto funded = fund_travel(ledger, policy, kStates, {1, 2}, "geneva", 0);
  CHECK(funded == std::vector<bool>{true, false});
  CHECK(ledger.record.spent == Approx(2000.0));
  CHECK(ledger.balance == Approx(1000.0));
  CHECK(ledger.record.requests_refused == 1);
}

TEST_CASE("the fund pays for delegates_per_state delegates, never more than the delegation", "[trust_fund]") {
  TrustFundPolicy policy = geneva_policy();
  policy.delegates_per_state = 3;
  std::vector<MemberState> states = kStates;
  states[1].delegation_size = 2;  // a two-person delegation: two fares, not three
  TrustFundLedger ledger;
  contribute(ledger, 100000.0);
  const auto funded = fund_travel(ledger, policy, states, {1, 2}, "geneva", 0);
  CHECK(funded == std::vector<bool>{true, true});
  CHECK(funded_delegates(policy, states[1]) == 2);
  CHECK(funded_delegates(policy, states[2]) == 3);  // size not in the data: the policy's number
  CHECK(ledger.record.spent == Approx(2 * 1000.0 + 3 * 1000.0));
}

TEST_CASE("the ledger records every contribution and trip, dated, with the balance after it", "[trust_fund]") {
  TrustFundPolicy policy = geneva_policy();
  policy.delegates_per_state = 2;
  TrustFundLedger ledger;
  contribute(ledger, 5000.0, gcmsim::kDay, 0);
  contribute(ledger, 0.0, gcmsim::kDay, 1);  // nothing arrives: nothing is recorded
  // NER first (ldc_first), then BRA; IND finds 1,000 left for a 2,000 trip and is refused.
  fund_travel(ledger, policy, kStates, {1, 2, 3}, "geneva", 3 * gcmsim::kDay, 7);
  contribute(ledger, 1000.0, 4 * gcmsim::kDay, 2);

  const std::vector<TrustFundEntry>& entries = ledger.record.ledger;
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].flow == TrustFundFlow::contribution);
  CHECK(entries[0].contribution == std::optional<std::size_t>(0));
  CHECK(entries[0].when == gcmsim::kDay);
  CHECK(entries[0].balance == 5000.0);
  CHECK(entries[1].flow == TrustFundFlow::trip);
  CHECK(entries[1].state == std::optional<std::size_t>(3));
  CHECK(entries[1].activity == std::optional<std::size_t>(7));
  CHECK(entries[1].delegates == 2);
  CHECK(entries[1].amount == 2000.0);
  CHECK(entries[1].balance == 3000.0);
  CHECK(entries[2].state == std::optional<std::size_t>(1));
  CHECK(entries[2].balance == 1000.0);
  CHECK(entries[3].contribution == std::optional<std::size_t>(2));
  CHECK(entries[3].balance == 2000.0);
  // The ledger and the totals are one record: raised minus spent is the last balance.
  CHECK(ledger.record.raised - ledger.record.spent == entries.back().balance);
  CHECK(ledger.record.requests_refused == 1);
}
