// The `politics:` section builder (models/loader/sections/politics.cpp): dated stance, and each
// state's habit of absence from the General Assembly's recorded votes.
#include <catch2/catch.hpp>

#include "section_helpers.hpp"

using gcmsim::testing::build_sections;
using namespace gcmsim::loader::sections;
using namespace gcmsim::model;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kStates = R"(
member_states:
  - {name: Austria, iso3: AUT, group: western_european_others, migration: {destination: 1}}
  - {name: Kiribati, iso3: KIR, group: asia_pacific, migration: {origin: 1}}
)";

}  // namespace

TEST_CASE("politics.absence sets each listed state's habit of absence and leaves the others without one", "[loader][sections]") {
  const auto built = build_sections(std::string(kStates) + R"(
politics:
  stance:
    AUT: [{from: 2016-05-17, stance: 0}, {from: 2017-12-18, stance: 0.451}]
  absence: {KIR: 0.4806}
)", {build_member_states, build_politics});
  REQUIRE(built.errors().empty());
  const auto& states = built.scenario.member_states;
  CHECK_FALSE(states[0].absence.has_value());
  REQUIRE(states[1].absence.has_value());
  CHECK(*states[1].absence == Approx(0.4806));
  REQUIRE(states[0].stance.size() == 2);
  CHECK(states[0].stance[1].second == Approx(0.451));
}

TEST_CASE("politics.absence of a state not in the scenario is a located error with a suggestion", "[loader][sections]") {
  const auto built = build_sections(std::string(kStates) + R"(
politics:
  absence: {KRI: 0.4806}
)", {build_member_states, build_politics});
  const auto errors = built.errors();
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0], Contains("politics.absence: 'KRI' is not a member state in this scenario"));
  CHECK_THAT(errors[0], Contains("7:13: "));  // the key's line and column in the section text
  CHECK_THAT(errors[0], Contains("did you mean 'KIR'?"));
}
