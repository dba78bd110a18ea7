// The `negotiation:` section builder (models/loader/sections/negotiation.cpp).
#include <catch2/catch.hpp>

#include "section_helpers.hpp"

using gcmsim::testing::build_sections;
using namespace gcmsim::loader::sections;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {
constexpr const char* kStates = R"(
member_states:
  - {name: Aland, iso3: ALA, migration: {origin: 1}}
  - {name: Borduria, iso3: BOR, migration: {origin: 1}}
  - {name: Carpania, iso3: CAR, migration: {origin: 1}}
)";
}

TEST_CASE("the negotiation section reads the dimensions, the delegations and their influence", "[loader][sections]") {
  const auto built = build_sections(std::string(kStates) + R"(
negotiation:
  scale: {min: -1, max: 1}
  dimensions: [{id: return, name: Return, elements: [a, b]}, {id: pathways}]
  delegations:
    ALA: {position: [0.5, -0.5], salience: [1, 0.5], susceptibility: 0.2, reservation: 0.3, influence: {ALA: 0.6, BOR: 0.4}}
    BOR: {position: [-1, 1], influence: {BOR: 1}}
)", {build_member_states, build_negotiation});
  REQUIRE(built.errors().empty());
  REQUIRE(built.scenario.negotiation.has_value());
  const auto& n = *built.scenario.negotiation;
  CHECK(n.scale_min == -1);
  REQUIRE(n.dimensions.size() == 2);
  CHECK(n.dimensions[0].elements == std::vector<std::string>{"a", "b"});
  REQUIRE(n.delegations.size() == 2);
  const auto& ala = n.delegations[0];
  CHECK(ala.state == 0);
  CHECK(ala.position == std::vector<double>{0.5, -0.5});
  CHECK(ala.susceptibility == Approx(0.2));
  CHECK(*ala.reservation == Approx(0.3));
  REQUIRE(ala.influence.size() == 2);
  CHECK(ala.influence[1].first == 1);
  CHECK(ala.influence[1].second == Approx(0.4));
  CHECK(n.delegations[1].susceptibility == Approx(0.5));  // the default
}

TEST_CASE("the negotiation section reports positions that do not fit the dimensions or the scale, and stray influence", "[loader][sections]") {
  const auto built = build_sections(std::string(kStates) + R"(negotiation:
  scale: {min: 0, max: 1}
  dimensions: [{id: return}, {id: return}]
  delegations:
    ALA: {position: [0.5], salience: [1, 1, 1], influence: {ALA: 1, CAR: 0.5}}
    BOR: {position: [0.5, 2], influence: {BOR: 0.7}}
    XYZ: {position: [0, 0]}
)", {build_member_states, build_negotiation});
  const auto errors = built.errors();
  REQUIRE(errors.size() == 7);
  CHECK_THAT(errors[0], Contains("duplicate dimension id 'return'"));
  CHECK_THAT(errors[1], Contains("delegation 'ALA': 1 position values for 2 dimensions"));
  CHECK_THAT(errors[2], Contains("delegation 'ALA': 3 salience values for 2 dimensions"));
  CHECK_THAT(errors[3], Contains("delegation 'ALA': influence toward 'CAR', which is not a delegation"));
  CHECK_THAT(errors[4], Contains("delegation 'BOR': position 2 is outside the scale [0, 1]"));
  CHECK_THAT(errors[5], Contains("delegation 'BOR': influence weights sum to 0.7; expected 1"));
  CHECK_THAT(errors[6], Contains("delegation 'XYZ' is not a member state in this scenario"));
}

TEST_CASE("a dimension may not take the name of a key column of positions.csv", "[loader][sections]") {
  // positions.csv has a column per dimension beside round, day, time and iso3: a dimension named
  // time would make two columns of one name.
  const auto built = build_sections(std::string(kStates) + R"(negotiation:
  scale: {min: 0, max: 1}
  dimensions: [{id: rights}, {id: time}]
)", {build_member_states, build_negotiation});
  const auto errors = built.errors();
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], StartsWith("8:") && Contains("dimension id 'time' is taken") && Contains("round, day, time and iso3"));
}

TEST_CASE("a negotiation scale must have its max above its min", "[loader][sections]") {
  const auto built = build_sections("negotiation: {scale: {min: 1, max: 1}}\n", {build_negotiation});
  REQUIRE(built.errors().size() == 1);
  CHECK_THAT(built.errors()[0], Contains("negotiation scale: max 1 must be above min 1"));
}
