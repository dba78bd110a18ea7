// Who comes to a meeting, decided on a ProcessState built by hand: withdrawn states stay away even
// when they would chair, the co-facilitators chair, and the trust fund pays or refuses (OP31).
#include "models/process/attendance_policy.hpp"

#include <catch2/catch.hpp>

#include "../loader/load_helpers.hpp"
#include "models/setup/attendance.hpp"

using namespace gcmsim;
using namespace gcmsim::model;

namespace {

// The scenario is edited in place by some tests: each decision sets it up anew (the odds are the setup's).
struct Meeting {
  Scenario s;
  ProcessState state;
  MeetingRecord record;

  explicit Meeting(std::vector<std::string> sets = {}) : s(load(std::move(sets))), state(initial_state(ScenarioSetup(s), 1, 0)) {
    record.activity = *s.find_activity("ts1");  // Geneva
    record.states.resize(s.member_states.size());
  }

  static Scenario load(std::vector<std::string> sets) {
    const auto loaded = testing::load(testing::fixture("minimal.yaml"), {}, std::move(sets));
    REQUIRE(loaded.ok());
    REQUIRE_FALSE(loaded.scenario->negotiation);  // the state outlives the setup it was made from
    return *loaded.scenario;
  }

  void decide() {
    RandomStreams streams(1, 0);
    RandomStream stream = streams.stream("attendance", record.activity);
    decide_attendance(ScenarioSetup(s), 0, state, stream, record);  // the co-facilitators: CHE and MEX
  }
  const StateAtMeeting& of(std::string_view iso3) const { return record.states[*s.find_state(iso3)]; }
};

// Nobody travels alone (a very low intercept) but anybody would with the fund's support.
const std::vector<std::string> kOnlyFundedTravel = {"parameters.attendance.base=-40",
                                                    "parameters.attendance.funding_weight=80"};

}  // namespace

TEST_CASE("co-facilitators chair their sessions unless they have left the process", "[attendance_policy]") {
  Meeting m(kOnlyFundedTravel);
  m.state.withdrawn[*m.s.find_state("MEX")] = true;
  m.decide();
  CHECK(m.of("CHE").present);
  CHECK_FALSE(m.of("MEX").present);
}

TEST_CASE("an eligible delegation that would travel with support is paid while the fund lasts", "[attendance_policy]") {
  Meeting m(kOnlyFundedTravel);
  contribute(m.state.fund, 10000.0);
  m.decide();
  CHECK(m.of("NER").funded);  // least developed, no mission in Geneva
  CHECK(m.of("NER").present);
  CHECK(m.state.fund.record.trips_funded == 1);
  CHECK(m.state.fund.balance == 10000.0 - 4000.0);  // the Geneva fare, one delegate
}

TEST_CASE("a fund too short to pay refuses and the delegation stays home", "[attendance_policy]") {
  Meeting m(kOnlyFundedTravel);
  contribute(m.state.fund, 1000.0);
  m.decide();
  CHECK(m.of("NER").funding_refused);
  CHECK_FALSE(m.of("NER").present);
  CHECK(m.state.fund.record.requests_refused == 1);
  CHECK(m.state.fund.record.ran_dry == SimTime{0});
}

TEST_CASE("before the first contribution nobody applies to the fund", "[attendance_policy]") {
  Meeting m(kOnlyFundedTravel);
  m.decide();
  CHECK_FALSE(m.of("NER").funded);
  CHECK_FALSE(m.of("NER").funding_refused);
  CHECK(m.state.fund.record.requests_refused == 0);
}

TEST_CASE("a meeting without interpretation keeps away states whose language it does not offer", "[attendance_policy]") {
  // Over many meetings' draws, French-working Niger attends less often when Geneva offers no
  // interpretation; English-working states are unaffected (the same draws, the same outcome).
  int with = 0;
  int without = 0;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    for (const bool interpretation : {true, false}) {
      Meeting m;
      m.s.activities[m.record.activity].interpretation = interpretation;
      m.s.member_states[*m.s.find_state("NER")].working_language = Language::french;
      RandomStreams streams(seed, 0);
      RandomStream stream = streams.stream("attendance", m.record.activity);
      decide_attendance(ScenarioSetup(m.s), 0, m.state, stream, m.record);
      (interpretation ? with : without) += m.of("NER").present;
    }
  }
  CHECK(without < with);
  const MemberState& ner = Meeting().s.member_states[2];
  const AttendanceParameters p;
  CHECK(attendance_probability(ner, 0.5, false, 4000, false, p, false) <
        attendance_probability(ner, 0.5, false, 4000, false, p, true));
}

TEST_CASE("a boycotting state stays away from that meeting only, chair or not, and asks the fund for nothing",
          "[attendance_policy][boycott]") {
  // Everybody would come: a very high intercept.
  Meeting m({"parameters.attendance.base=40"});
  contribute(m.state.fund, 10000.0);
  m.s.boycotts.push_back({m.record.activity, {*m.s.find_state("MEX"), *m.s.find_state("NER")}, "MEX, NER", {}});
  m.decide();
  CHECK(m.of("CHE").present);
  CHECK_FALSE(m.of("MEX").present);  // a co-facilitator, yet away
  CHECK_FALSE(m.of("NER").present);
  CHECK_FALSE(m.of("NER").funded);
  CHECK(m.state.fund.record.trips_funded == 0);
  CHECK_FALSE(m.state.withdrawn[*m.s.find_state("MEX")]);  // still in the process
  // The next meeting is not boycotted.
  Meeting next({"parameters.attendance.base=40"});
  next.s.boycotts.push_back({*next.s.find_activity("ts2"), {*next.s.find_state("MEX")}, "MEX", {}});
  next.decide();
  CHECK(next.of("MEX").present);
}
