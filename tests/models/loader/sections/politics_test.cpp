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

TEST_CASE("politics.stance: each cabinet after a state's first is a government change, an event dated by the data", "[loader][sections]") {
  const auto built = build_sections(std::string(kStates) + R"(
politics:
  stance:
    KIR: [{from: 2016-03-11, stance: 0}]
    AUT: [{from: 2016-05-17, stance: 0.249, cabinet: Kern}, {from: 2017-12-18, stance: 0.605, cabinet: "Kurz I"}, {from: 2019-06-03, stance: 0}]
)", {build_member_states, build_politics});
  REQUIRE(built.errors().empty());
  const auto& s = built.scenario;
  // Kiribati has one cabinet, in office from before the process: no change.
  REQUIRE(s.government_changes.size() == 2);
  const GovernmentChange& kurz = s.government_changes[0];
  CHECK(kurz.event == "government_AUT_2017-12-18");
  CHECK(kurz.state == 0);
  CHECK(kurz.date == Date{std::chrono::year{2017} / 12 / 18});
  CHECK(kurz.cabinet == "Kurz I");
  CHECK(kurz.before == Approx(0.249));
  CHECK(kurz.after == Approx(0.605));
  CHECK(s.government_changes[1].event == "government_AUT_2019-06-03");
  CHECK(s.government_changes[1].cabinet.empty());
  // The stance the model reads changes on the event's day, not before.
  const MemberState& austria = s.member_states[0];
  CHECK(austria.stance_on(Date{std::chrono::year{2016} / 5 / 16}) == 0.0);  // before the data: neutral
  CHECK(austria.stance_on(Date{std::chrono::year{2017} / 12 / 17}) == Approx(0.249));
  CHECK(austria.stance_on(Date{std::chrono::year{2017} / 12 / 18}) == Approx(0.605));
  CHECK(austria.stance_on(Date{std::chrono::year{2019} / 6 / 3}) == 0.0);
  CHECK(s.member_states[1].stance_on(Date{std::chrono::year{2018} / 7 / 13}) == 0.0);
}
