// Scripted events addressed to a group of states: one event, expanded to the states it names.
#include <catch2/catch.hpp>

#include <algorithm>

#include "load_helpers.hpp"
#include "override_file.hpp"

using namespace gcmsim;
using Catch::Contains;
using testing::load;
using testing::override_file;
using testing::scenario_file;

namespace {

const std::string kBaseline = scenario_file("gcm-2017-2018.yaml");

std::size_t members_of(const model::Scenario& s, model::RegionalGroup group) {
  return static_cast<std::size_t>(std::count_if(s.member_states.begin(), s.member_states.end(),
                                                [&](const model::MemberState& m) { return m.group == group; }));
}

}  // namespace

TEST_CASE("a regional group's boycott of one meeting names every state of the group", "[loader][events]") {
  const auto r = load(kBaseline, {override_file("boycott.yaml",
                                                "events:\n  - {kind: boycott, who: {group: eastern_european}, activity: round3}\n")});
  INFO(r.error_report());
  REQUIRE(r.ok());
  const model::Scenario& s = *r.scenario;
  REQUIRE(s.boycotts.size() == 1);
  const model::ScriptedBoycott& b = s.boycotts.front();
  CHECK(s.activities[b.activity].id == "round3");
  CHECK(b.states.size() == members_of(s, model::RegionalGroup::eastern_european));
  CHECK(b.states.size() == 23);  // the Eastern European Group of the member-state data
  for (std::size_t k : b.states) CHECK(s.member_states[k].group == model::RegionalGroup::eastern_european);
  CHECK(b.who == "the eastern_european group");
  CHECK(s.withdrawals.empty());  // a boycott is a temporary absence
}

TEST_CASE("a coalition or a list of states withdraws on a date, one withdrawal per state", "[loader][events]") {
  const auto r = load(kBaseline, {override_file("withdraw-group.yaml",
                                                "events:\n"
                                                "  - {kind: withdraw, date: 2018-07-18, who: {states: [HUN, POL]}, note: left}\n"
                                                "  - {kind: withdraw, date: 2018-03-01, who: {coalition: caricom}}\n")});
  INFO(r.error_report());
  REQUIRE(r.ok());
  const model::Scenario& s = *r.scenario;
  const auto caricom = std::count_if(s.member_states.begin(), s.member_states.end(), [](const model::MemberState& m) {
    return std::find(m.coalitions.begin(), m.coalitions.end(), "caricom") != m.coalitions.end();
  });
  REQUIRE(caricom > 10);
  REQUIRE(s.withdrawals.size() == 2 + static_cast<std::size_t>(caricom));
  CHECK(s.withdrawals[0].state == "HUN");
  CHECK(s.withdrawals[1].state == "POL");
  CHECK(s.withdrawals[0].who == "HUN, POL");
  CHECK(s.withdrawals[0].note == "left");
  CHECK(s.withdrawals[2].who == "coalition caricom");
  CHECK(iso_date(s.withdrawals[2].date) == "2018-03-01");
}

TEST_CASE("a group event's mistakes are located in the override with a suggestion", "[loader][events]") {
  const auto r = load(kBaseline, {override_file("bad-events.yaml",
                                                "events:\n"
                                                "  - {kind: boycott, who: {group: eastern_europe}, activity: round3}\n"
                                                "  - {kind: boycott, who: {coalition: caricon}, activity: round3}\n"
                                                "  - {kind: boycott, who: {states: [HUN, PLO]}, activity: round3}\n"
                                                "  - {kind: boycott, state: HUN, activity: rond3}\n"
                                                "  - {kind: boycott, state: HUN, activity: rev1}\n"
                                                "  - {kind: withdraw, state: HUN, who: {group: african}, date: 2018-01-02}\n"
                                                "  - {kind: withdraw, state: HUN}\n")});
  REQUIRE_FALSE(r.ok());
  const std::string report = r.error_report();
  INFO(report);
  CHECK_THAT(report, Contains("bad-events.yaml:2:34: error: 'events.0.who.group': found the text 'eastern_europe'") &&
                         Contains("did you mean 'eastern_european'?"));
  CHECK_THAT(report, Contains("bad-events.yaml:3:38: error: no member state of this scenario belongs to coalition "
                              "'caricon'; did you mean 'caricom'?"));
  CHECK_THAT(report, Contains("bad-events.yaml:4:41: error: event state 'PLO' is not a member state in this scenario; "
                              "did you mean 'PLW'?"));  // Palau: one letter away
  CHECK_THAT(report, Contains("bad-events.yaml:5:43: error: boycott of unknown activity 'rond3'; did you mean 'round3'?"));
  CHECK_THAT(report, Contains("bad-events.yaml:6:43: error: boycott of 'rev1', a draft_revision; only a meeting can be boycotted"));
  CHECK_THAT(report, Contains("bad-events.yaml:7:5: error: an event names its states once: give state or who, not both"));
  CHECK_THAT(report, Contains("bad-events.yaml:8:5: error: a withdrawal needs the date the states leave the process"));
}
