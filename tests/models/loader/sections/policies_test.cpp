// The `policies:` section builder (models/loader/sections/policies.cpp).
#include <catch2/catch.hpp>

#include "section_helpers.hpp"

using gcmsim::testing::build_sections;
using namespace gcmsim::loader::sections;
using namespace gcmsim::model;
using Catch::Matchers::Contains;

namespace {
constexpr const char* kSetting = R"(
calendar:
  epoch: 2017-03-01
  venues: {geneva: {name: Palais des Nations}, new_york: {name: UN Headquarters}}
member_states:
  - {name: Egypt, iso3: EGY, group: african, coalitions: [arab_group, g77], migration: {origin: 1}}
)";
}

TEST_CASE("the policies section reads the trust fund and the floor policy", "[loader][sections]") {
  const auto built = build_sections(std::string(kSetting) + R"(
policies:
  trust_fund:
    contributions: [{date: 2017-04-15, usd: 100000, donor: Switzerland}, {date: 2017-09-01, usd: 50000}]
    eligible: [ldc]
    priority: first_come
    delegates_per_state: 2
    capital_expert_request: 0.25
    travel_cost_usd: {geneva: 4000, new_york: 3500}
  floor:
    policy: alternating_groups
    speaking_groups: [arab_group]
)", {build_calendar, build_member_states, build_policies});
  REQUIRE(built.errors().empty());
  const auto& fund = built.scenario.trust_fund;
  REQUIRE(fund.contributions.size() == 2);
  CHECK(fund.contributions[0].donor == "Switzerland");
  CHECK(fund.contributions[1].usd == 50000);
  CHECK(fund.ldc_eligible);
  CHECK_FALSE(fund.developing_eligible);
  CHECK(fund.priority == FundingPriority::first_come);
  CHECK(fund.delegates_per_state == 2);
  CHECK(fund.capital_expert_request == Approx(0.25));
  CHECK(fund.travel_cost_usd.at("new_york") == 3500);
  CHECK(built.scenario.floor_policy == FloorPolicy::alternating_groups);
  CHECK(built.scenario.speaking_groups == std::vector<std::string>{"arab_group"});
}

TEST_CASE("the policies section reports an unknown venue's fare at its key and an unknown speaking group", "[loader][sections]") {
  const auto built = build_sections(std::string(kSetting) + R"(policies:
  trust_fund:
    travel_cost_usd: {geneve: 4000}
  floor:
    speaking_groups: [arab_groups]
)", {build_calendar, build_member_states, build_policies});
  const auto errors = built.errors();
  REQUIRE(errors.size() == 2);
  CHECK_THAT(errors[0], Contains("9:23: travel cost for unknown venue 'geneve'; did you mean 'geneva'?"));
  CHECK_THAT(errors[1], Contains("11:23: speaking group 'arab_groups' is no member state's coalition; did you mean 'arab_group'?"));
}
