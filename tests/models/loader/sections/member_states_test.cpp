// The `member_states:` section builder (models/loader/sections/member_states.cpp).
#include <catch2/catch.hpp>

#include "section_helpers.hpp"

using gcmsim::testing::build_sections;
using namespace gcmsim::loader::sections;
using namespace gcmsim::model;
using Catch::Matchers::Contains;

TEST_CASE("the member-states section reads each state's profile", "[loader][sections]") {
  const auto built = build_sections(R"(
member_states:
  - {name: Mexico, iso3: MEX, group: latin_american_caribbean, development: developing,
     migration: {origin: 0.5, transit: 0.3, destination: 0.2}, missions: [new_york, geneva],
     coalitions: [g77], engagement: 0.9, delegation_size: 4}
  - {name: Chad, iso3: TCD, group: african, ldc: true, migration: {origin: 0.6, transit: 0.2, destination: 0.2}}
)", {build_member_states});
  REQUIRE(built.errors().empty());
  const auto& states = built.scenario.member_states;
  REQUIRE(states.size() == 2);
  CHECK(states[0].group == RegionalGroup::latin_american_caribbean);
  CHECK(states[0].migration.transit == Approx(0.3));
  CHECK(states[0].has_mission(MissionCity::geneva));
  CHECK_FALSE(states[0].has_mission(MissionCity::vienna));
  CHECK(states[0].coalitions == std::vector<std::string>{"g77"});
  CHECK(*states[0].engagement == Approx(0.9));
  CHECK(*states[0].delegation_size == 4);
  CHECK(states[1].ldc);
  CHECK_FALSE(states[1].engagement.has_value());
}

TEST_CASE("a state's working language is the data's, or estimated from its group and coalitions", "[loader][sections]") {
  const auto built = build_sections(R"(
member_states:
  - {name: Egypt, iso3: EGY, group: african, coalitions: [arab_group], migration: {origin: 1}}
  - {name: Peru, iso3: PER, group: latin_american_caribbean, migration: {origin: 1}}
  - {name: Jamaica, iso3: JAM, group: latin_american_caribbean, coalitions: [caricom], migration: {origin: 1}}
  - {name: Senegal, iso3: SEN, group: african, migration: {origin: 1}}
  - {name: Haiti, iso3: HTI, group: latin_american_caribbean, working_language: french, migration: {origin: 1}}
)", {build_member_states});
  REQUIRE(built.errors().empty());
  const auto& states = built.scenario.member_states;
  CHECK(states[0].working_language == Language::arabic);
  CHECK(states[1].working_language == Language::spanish);
  CHECK(states[2].working_language == Language::english);
  CHECK(states[3].working_language == Language::english);
  CHECK(states[4].working_language == Language::french);
}

TEST_CASE("the member-states section reports shares off 1, an LDC marked developed and duplicates", "[loader][sections]") {
  const auto built = build_sections(R"(member_states:
  - {name: Aland, iso3: ALA, migration: {origin: 0.5, transit: 0.1, destination: 0.1}}
  - {name: Borduria, iso3: BOR, ldc: true, development: developed, migration: {origin: 1}}
  - {name: Aland, iso3: ALA, migration: {origin: 1}}
)", {build_member_states});
  const auto errors = built.errors();
  REQUIRE(errors.size() == 4);
  CHECK_THAT(errors[0], Contains("member state 'ALA': migration shares sum to 0.70; expected 1.00"));
  CHECK_THAT(errors[1], Contains("member state 'BOR' is a least developed country marked developed"));
  CHECK_THAT(errors[2], Contains("duplicate member state iso3 code 'ALA'; it was first given at line 2"));
  CHECK_THAT(errors[3], Contains("duplicate member state name 'Aland'; it was first given at line 2"));
}
