// The odds a scenario's meetings give each member state, computed once per scenario, are exactly
// what the attendance and floor models give that state at that meeting.
#include "models/setup/meeting_odds.hpp"

#include <catch2/catch.hpp>

#include "../loader/load_helpers.hpp"
#include "models/setup/attendance.hpp"
#include "models/setup/floor_request.hpp"
#include "models/setup/trust_fund_eligibility.hpp"
#include "models/setup/scenario_setup.hpp"

using namespace gcmsim;
using namespace gcmsim::model;

namespace {

Scenario load(std::vector<std::string> sets = {}) {
  const auto loaded = testing::load(testing::fixture("minimal.yaml"), {}, std::move(sets));
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

}  // namespace

TEST_CASE("a meeting's odds are the attendance and floor models' chances at its venue", "[meeting_odds]") {
  const Scenario s = load();
  const std::size_t ts1 = *s.find_activity("ts1");  // Geneva: a 4,000 USD fare
  const MeetingOdds odds = meeting_odds(s, ts1);
  CHECK(odds.travel_cost_usd == 4000.0);
  REQUIRE(odds.states.size() == s.member_states.size());
  const Activity& a = s.activities[ts1];
  for (std::size_t k = 0; k < s.member_states.size(); ++k) {
    const MemberState& st = s.member_states[k];
    const StateOdds& o = odds.states[k];
    INFO(st.iso3);
    const double salience = theme_salience(st, a.theme);
    const bool mission = st.has_mission(MissionCity::geneva);
    CHECK(o.invited == a.invites(st));
    CHECK(o.mission == mission);
    CHECK(o.eligible == eligible_for_trust_fund(s.trust_fund, st));
    // Bit for bit: a replication draws against these instead of computing them.
    CHECK(o.attend_alone == attendance_probability(st, salience, mission, mission ? 0.0 : 4000.0, false, s.parameters.attendance));
    CHECK(o.attend_funded == attendance_probability(st, salience, mission, 0.0, true, s.parameters.attendance));
    CHECK(o.floor_request == floor_request_probability(st, salience, s.parameters));
    CHECK(o.attend_funded > o.attend_alone);
  }
}

TEST_CASE("a meeting without interpretation lowers the odds of states whose language it does not offer",
          "[meeting_odds]") {
  Scenario s = load();
  const std::size_t ts1 = *s.find_activity("ts1");
  const std::size_t ner = *s.find_state("NER");
  const std::size_t che = *s.find_state("CHE");
  s.member_states[ner].working_language = Language::french;
  s.member_states[che].working_language = Language::english;
  const MeetingOdds with = meeting_odds(s, ts1);
  s.activities[ts1].interpretation = false;
  const MeetingOdds without = meeting_odds(s, ts1);
  CHECK(without.states[ner].attend_alone < with.states[ner].attend_alone);
  CHECK(without.states[ner].floor_request < with.states[ner].floor_request);
  CHECK(without.states[che].attend_alone == with.states[che].attend_alone);  // the meeting runs in English
}

TEST_CASE("the setup holds every activity's odds, and an activity without a venue has none", "[meeting_odds]") {
  const ScenarioSetup setup(load());
  const Scenario& s = setup.scenario();
  CHECK(setup.meeting_odds(*s.find_activity("ib1")).states.empty());
  CHECK(setup.meeting_odds(*s.find_activity("ts2")).travel_cost_usd == 3500.0);
  CHECK(setup.meeting_odds(*s.find_activity("ts2")).states.size() == s.member_states.size());
}
