// Scripted events addressed to a group of states: one event, expanded to the states it names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "../load_helpers.hpp"
#include "../override_file.hpp"

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
                                                "events:\n  - {id: eeg_out_of_round3, kind: boycott, who: {group: eastern_european}, activity: round3}\n")});
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
                                                "  - {id: hun_pol_leave, kind: withdraw, date: 2018-07-18, who: {states: [HUN, POL]}, note: left}\n"
                                                "  - {id: caricom_leaves, kind: withdraw, date: 2018-03-01, who: {coalition: caricom}}\n")});
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
                                                "  - {id: e1, kind: boycott, who: {group: eastern_europe}, activity: round3}\n"
                                                "  - {id: e2, kind: boycott, who: {coalition: caricon}, activity: round3}\n"
                                                "  - {id: e3, kind: boycott, who: {states: [HUN, PLO]}, activity: round3}\n"
                                                "  - {id: e4, kind: boycott, state: HUN, activity: rond3}\n"
                                                "  - {id: e5, kind: boycott, state: HUN, activity: rev1}\n"
                                                "  - {id: e6, kind: withdraw, state: HUN, who: {group: african}, date: 2018-01-02}\n"
                                                "  - {id: e7, kind: withdraw, state: HUN}\n")});
  REQUIRE_FALSE(r.ok());
  const std::string report = r.error_report();
  INFO(report);
  CHECK_THAT(report, Contains("bad-events.yaml:2:42: error: 'group' in event 'e1': found the text 'eastern_europe'") &&
                         Contains("did you mean 'eastern_european'?"));
  CHECK_THAT(report, Contains("bad-events.yaml:3:46: error: no member state of this scenario belongs to coalition "
                              "'caricon'; did you mean 'caricom'?"));
  CHECK_THAT(report, Contains("bad-events.yaml:4:49: error: event state 'PLO' is not a member state in this scenario; "
                              "did you mean 'PLW'?"));  // Palau: one letter away
  CHECK_THAT(report, Contains("bad-events.yaml:5:51: error: boycott of unknown activity 'rond3'; did you mean 'round3'?"));
  CHECK_THAT(report, Contains("bad-events.yaml:6:51: error: boycott of 'rev1', a draft_revision; only a meeting can be boycotted"));
  CHECK_THAT(report, Contains("bad-events.yaml:7:5: error: an event names its states once: give state or who, not both"));
  CHECK_THAT(report, Contains("bad-events.yaml:8:5: error: a withdrawal needs the date the states leave the process"));
}

// --- Events by id: an override adds, changes or removes the events it names and keeps the rest. ---

namespace {

const std::string kHistory = scenario_file("history/actual-2017-2018.yaml");

std::vector<std::string> withdrawing(const model::Scenario& s) {
  std::vector<std::string> out;
  for (const model::ScriptedWithdrawal& w : s.withdrawals) out.push_back(w.event + ":" + w.state);
  return out;
}

}  // namespace

TEST_CASE("every shipped what-if stacked on the history replay keeps the history's scripted events",
          "[loader][events][what-if]") {
  // The bug this guards against: a boycott stacked on the replay replaced the whole events list and
  // silently took out the scripted US withdrawal.
  std::size_t stacked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(scenario_file("what-if"))) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().filename().string());
    const auto r = load(kBaseline, {kHistory, entry.path().string()});
    INFO(r.error_report());
    REQUIRE(r.ok());
    const auto events = withdrawing(*r.scenario);
    CHECK(std::count(events.begin(), events.end(), "usa_leaves:USA") == 1);
    CHECK(std::count(events.begin(), events.end(), "hungary_leaves:HUN") == 1);
    ++stacked;
  }
  CHECK(stacked >= 7);
  // The boycott is added beside them, and the US withdrawal of state-withdraws.yaml is the replay's
  // own (same id): one withdrawal, the what-if's date and note.
  const auto boycott = load(kBaseline, {kHistory, scenario_file("what-if/group-boycotts-round2.yaml")});
  REQUIRE(boycott.ok());
  REQUIRE(boycott.scenario->boycotts.size() == 1);
  CHECK(boycott.scenario->boycotts[0].event == "eastern_european_boycotts_round2");
  const auto usa = load(kBaseline, {kHistory, scenario_file("what-if/state-withdraws.yaml")});
  REQUIRE(usa.ok());
  CHECK(usa.scenario->withdrawals.size() == 2);
  CHECK(usa.scenario->withdrawals[0].note == "announced it would no longer take part");
}

TEST_CASE("an override changes and removes events by id, and adds new ones after the others", "[loader][events]") {
  const auto r = load(kBaseline, {kHistory, override_file("events-by-id.yaml",
                                                          "events:\n"
                                                          "  - {id: usa_leaves, date: 2018-01-15}\n"
                                                          "  - {id: hungary_leaves, remove: true}\n"
                                                          "  - {id: pol_leaves, kind: withdraw, state: POL, date: 2018-07-20}\n")});
  INFO(r.error_report());
  REQUIRE(r.ok());
  CHECK(withdrawing(*r.scenario) == std::vector<std::string>{"usa_leaves:USA", "pol_leaves:POL"});
  CHECK(iso_date(r.scenario->withdrawals[0].date) == "2018-01-15");
  CHECK(r.scenario->withdrawals[0].note == "ended its participation [US]");  // the fields not named stay
}

TEST_CASE("a --set adds one event by a new id, creating the list if need be, and removes one by id", "[loader][events]") {
  const std::string boycott = "events.eastern_european_boycotts_round2={kind: boycott, who: {group: eastern_european}, "
                              "activity: round2}";
  SECTION("beside the replay's events") {
    const auto r = load(kBaseline, {kHistory}, {boycott, "events.hungary_leaves.remove=true"});
    INFO(r.error_report());
    REQUIRE(r.ok());
    CHECK(withdrawing(*r.scenario) == std::vector<std::string>{"usa_leaves:USA"});
    REQUIRE(r.scenario->boycotts.size() == 1);
    CHECK(r.scenario->boycotts[0].event == "eastern_european_boycotts_round2");
    CHECK(r.scenario->boycotts[0].states.size() == 23);
  }
  SECTION("on a scenario without events") {
    const auto r = load(kBaseline, {}, {boycott});
    INFO(r.error_report());
    REQUIRE(r.ok());
    REQUIRE(r.scenario->boycotts.size() == 1);
    CHECK(r.scenario->withdrawals.empty());
  }
  SECTION("an added item whose id contradicts the path, or that is not a mapping") {
    const auto r = load(kBaseline, {kHistory}, {"events.pol_leaves={id: hun_leaves, kind: withdraw, state: POL, date: 2018-07-20}",
                                                "events.pol_leaves=3"});
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error_report(), Contains("--set #1:1:1: error: --set 'events.pol_leaves={id: hun_leaves") &&
                                     Contains("the item's id differs from the path's 'pol_leaves'"));
    CHECK_THAT(r.error_report(), Contains("--set #2:1:1: error: --set 'events.pol_leaves=3': 'pol_leaves' is not an item "
                                          "of events; to add one, give a mapping"));
  }
  SECTION("a deeper path must still name an event that exists") {
    const auto r = load(kBaseline, {kHistory}, {"events.usa_leave.date=2018-01-15"});
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error_report(), Contains("no item with id 'usa_leave' in 'events'; did you mean 'usa_leaves'?"));
  }
}

TEST_CASE("duplicate and unknown event ids are located errors", "[loader][events]") {
  SECTION("an id twice in a scenario's events") {
    const auto r = load(kBaseline, {override_file("twice-in-list.yaml",
                                                  "events:\n"
                                                  "  - {id: leaves, kind: withdraw, state: POL, date: 2018-07-20}\n"
                                                  "  - {id: leaves, kind: withdraw, state: HUN, date: 2018-07-18}\n")});
    REQUIRE_FALSE(r.ok());
    // The baseline has no events: the override's list is taken whole, and the builder sees both.
    CHECK_THAT(r.error_report(), Contains("twice-in-list.yaml:3:10: error: duplicate event id 'leaves'; it was first "
                                          "given at line 2"));
  }
  SECTION("an id twice in one override, which would merge into one event") {
    const auto r = load(kBaseline, {kHistory, override_file("twice-in-override.yaml",
                                                            "events:\n"
                                                            "  - {id: pol_leaves, kind: withdraw, state: POL, date: 2018-07-20}\n"
                                                            "  - {id: pol_leaves, date: 2018-08-01}\n")});
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error_report(), Contains("twice-in-override.yaml:3:10: error: duplicate event id 'pol_leaves' in this "
                                          "override; it was first given at line 2"));
  }
  SECTION("remove of an event the scenario does not hold") {
    const auto r = load(kBaseline, {kHistory, override_file("remove-unknown.yaml",
                                                            "events:\n  - {id: hungary_leave, remove: true}\n")});
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error_report(), Contains("remove-unknown.yaml:2:25: error: remove: there is no event 'hungary_leave' to "
                                          "remove; did you mean 'hungary_leaves'?"));
  }
  SECTION("an event without an id") {
    const auto r = load(kBaseline, {override_file("no-id.yaml", "events:\n  - {kind: withdraw, state: POL, date: 2018-07-20}\n")});
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error_report(), Contains("no-id.yaml:2:5: error:") && Contains("'id'"));
  }
}
