#include "output/participation_csv.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "output_test_helpers.hpp"

using namespace gcmsim;
using testing::lines;
using std::chrono::May;
using std::chrono::year;

namespace {

// The minimal fixture (Mexico, Switzerland, Niger) with two stakeholder populations added.
model::Scenario scenario() {
  const auto loaded = testing::load(testing::fixture("minimal.yaml"));
  REQUIRE(loaded.ok());
  model::Scenario s = *loaded.scenario;
  s.stakeholders.push_back({.kind = model::StakeholderKind::ecosoc_ngo, .organisations = 120});
  s.stakeholders.push_back({.kind = model::StakeholderKind::academia, .organisations = 40, .needs_accreditation = true});
  return s;
}

// ts1 with all three delegations present (Niger funded by the trust fund) and both populations;
// then ts2, which never started, with nobody recorded.
model::RunResults run(const model::Scenario& s, const Calendar& cal) {
  model::RunResults r;
  r.activities.resize(s.activities.size());
  const std::size_t ts1 = *s.find_activity("ts1");
  r.activities[ts1].started = true;
  r.activities[ts1].start = cal.at(year{2017} / May / 8, 10);

  model::MeetingRecord m;
  m.activity = ts1;
  m.states.resize(s.member_states.size());
  m.states[*s.find_state("MEX")] = {.present = true, .floor_requests = 3, .interventions = 2, .unserved_requests = 1,
                                    .speaking_minutes = 5.5};
  m.states[*s.find_state("CHE")] = {.present = true, .moderated = true, .floor_requests = 1, .interventions = 1,
                                    .speaking_minutes = 3.0};
  m.states[*s.find_state("NER")] = {.present = true, .funded = true, .capital_expert = true, .floor_requests = 2,
                                    .interventions = 1, .unserved_requests = 1, .speaking_minutes = 2.7};
  m.stakeholders = {{.registered = 30, .accredited = 30, .admitted = 25, .speaking = 4},
                    {.registered = 10, .accredited = 9, .admitted = 9, .speaking = 1}};
  r.meetings.push_back(m);

  model::MeetingRecord empty;
  empty.activity = *s.find_activity("ts2");
  r.meetings.push_back(empty);
  return r;
}

}  // namespace

TEST_CASE("participation has one row per meeting and member-state group, with group counts", "[output]") {
  const model::Scenario s = scenario();
  const Calendar cal = s.make_calendar();
  const std::vector<std::string> got = lines(output::participation_csv(s, run(s, cal), cal));

  // Per meeting: 5 regional groups, 3 development groups; stakeholders have their own table.
  REQUIRE(got.size() == 1 + 2 * 8);
  const std::vector<std::string> expected_ts1 = {
      "meeting,kind,venue,date,grouping,group,members,delegations_present,from_mission,capital_experts,funded,"
      "funded_experts,funding_refused,floor_requests,interventions,unserved_requests,speaking_minutes",
      // Niger travels to Geneva on the fund; Mexico and Switzerland attend through their missions.
      "ts1,thematic_session,geneva,2017-05-08,regional_group,african,1,1,0,1,1,0,0,2,1,1,2.7",
      "ts1,thematic_session,geneva,2017-05-08,regional_group,asia_pacific,0,0,0,0,0,0,0,0,0,0,0.0",
      "ts1,thematic_session,geneva,2017-05-08,regional_group,eastern_european,0,0,0,0,0,0,0,0,0,0,0.0",
      "ts1,thematic_session,geneva,2017-05-08,regional_group,latin_american_caribbean,1,1,1,0,0,0,0,3,2,1,5.5",
      "ts1,thematic_session,geneva,2017-05-08,regional_group,western_european_others,1,1,1,0,0,0,0,1,1,0,3.0",
      "ts1,thematic_session,geneva,2017-05-08,development,developed,1,1,1,0,0,0,0,1,1,0,3.0",
      "ts1,thematic_session,geneva,2017-05-08,development,developing,1,1,1,0,0,0,0,3,2,1,5.5",
      "ts1,thematic_session,geneva,2017-05-08,development,least_developed,1,1,0,1,1,0,0,2,1,1,2.7",
  };
  CHECK(std::vector<std::string>(got.begin(), got.begin() + 9) == expected_ts1);
}

TEST_CASE("stakeholders have their own table, one row per meeting and population", "[output]") {
  const model::Scenario s = scenario();
  const Calendar cal = s.make_calendar();
  const std::vector<std::string> got = lines(output::stakeholders_csv(s, run(s, cal), cal));
  REQUIRE(got.size() == 1 + 2 * 2);
  CHECK(got[0] == "meeting,kind,venue,date,stakeholder_kind,organisations,registered,accredited,admitted,speaking");
  CHECK(got[1] == "ts1,thematic_session,geneva,2017-05-08,ecosoc_ngo,120,30,30,25,4");
  CHECK(got[2] == "ts1,thematic_session,geneva,2017-05-08,academia,40,10,9,9,1");
  CHECK(got[4] == "ts2,thematic_session,new_york,,academia,40,0,0,0,0");
}

TEST_CASE("attendance has one row per meeting and member state: where each came from, what the fund paid", "[output]") {
  model::Scenario s = scenario();
  // Mexico and Switzerland attend ts1 (Geneva) through their missions there, Niger travels.
  s.member_states[*s.find_state("MEX")].missions = {model::MissionCity::geneva};
  s.member_states[*s.find_state("CHE")].missions = {model::MissionCity::geneva};
  s.member_states[*s.find_state("NER")].missions.clear();
  const Calendar cal = s.make_calendar();
  model::RunResults r = run(s, cal);
  model::StateAtMeeting& mex = r.meetings[0].states[*s.find_state("MEX")];
  mex.funded = true;  // the fund flew in its capital's expert
  mex.capital_expert = true;
  r.meetings[0].states[*s.find_state("NER")].capital_expert = true;  // a delegation that travelled
  const std::vector<std::string> got = lines(output::attendance_csv(s, r, cal));
  REQUIRE(got.size() == 1 + 2 * s.member_states.size());
  // Keyed by meeting and iso3: the meeting's kind, venue and date are in timeline.csv, the name in states.csv.
  CHECK(got[0] == "meeting,iso3,present,came_from,capital_experts,funded,funded_for,"
                  "funding_refused,floor_requests,interventions,unserved_requests,speaking_minutes");
  const auto row_of = [&](const std::string& prefix) {
    for (const std::string& line : got) {
      if (line.rfind(prefix, 0) == 0) return line;
    }
    return std::string();
  };
  CHECK(row_of("ts1,NER,") == "ts1,NER,true,capital,true,true,travel,false,2,1,1,2.7");
  CHECK(row_of("ts1,MEX,") == "ts1,MEX,true,mission,true,true,capital_expert,false,3,2,1,5.5");
  CHECK(row_of("ts1,CHE,") == "ts1,CHE,true,mission,false,false,,false,1,1,0,3.0");
  CHECK(row_of("ts2,MEX,") == "ts2,MEX,false,,false,false,,false,0,0,0,0.0");
}

TEST_CASE("a meeting with nobody recorded has zero counts and no date if it never started", "[output]") {
  const model::Scenario s = scenario();
  const Calendar cal = s.make_calendar();
  const std::vector<std::string> got = lines(output::participation_csv(s, run(s, cal), cal));
  REQUIRE(got.size() == 17);
  CHECK(got[9] == "ts2,thematic_session,new_york,,regional_group,african,1,0,0,0,0,0,0,0,0,0,0.0");
  CHECK(got[16] == "ts2,thematic_session,new_york,,development,least_developed,1,0,0,0,0,0,0,0,0,0,0.0");
}

TEST_CASE("participation refuses a meeting record of another scenario", "[output]") {
  const model::Scenario s = scenario();
  const Calendar cal = s.make_calendar();
  model::RunResults r = run(s, cal);
  r.meetings[0].states.resize(2);
  CHECK_THROWS_AS(output::participation_csv(s, r, cal), std::invalid_argument);
  r = run(s, cal);
  r.meetings[1].activity = 99;
  CHECK_THROWS_AS(output::participation_csv(s, r, cal), std::invalid_argument);
}
