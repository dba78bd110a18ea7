// How the floor is given and the discussion recorded (who asks: tests/models/setup/floor_request_test.cpp).
#include "models/process/floor_discussion.hpp"

#include <catch2/catch.hpp>

#include "../loader/load_helpers.hpp"

using namespace gcmsim;
using namespace gcmsim::model;
using namespace std::chrono;

namespace {

struct Discussion {
  ScenarioSetup setup;
  const Scenario& s = setup.scenario();
  const Calendar& cal = setup.calendar();
  MeetingRecord meeting;
  AgendaSlot slot;
  std::vector<FloorRequest>* list = nullptr;  // a pre-inscribed list, when set

  explicit Discussion(std::vector<std::string> sets) : setup(load(std::move(sets))) {
    meeting.activity = *s.find_activity("ts1");
    meeting.states.resize(s.member_states.size());
    for (auto& st : meeting.states) st.present = true;
    const SimTime monday = cal.at(year{2017} / May / 8, 10);
    slot = AgendaSlot{0, 1, monday, monday + 6 * kMinute, 6.0};  // room for two 3-minute speakers
  }
  static Scenario load(std::vector<std::string> sets) {
    const auto loaded = testing::load(testing::fixture("minimal.yaml"), {}, std::move(sets));
    REQUIRE(loaded.ok());
    return *loaded.scenario;
  }
  std::vector<TimedIntervention> hold() {
    AgendaItem item;
    item.kind = AgendaItemKind::interactive_discussion;
    item.minutes = 6.0;
    item.floor = true;
    const MeetingFormat& format = s.formats.at("thematic_session");
    RandomStreams streams(1, 0);
    RandomStream stream = streams.stream("floor", 0);
    return hold_floor(setup, FloorItem{format, item, slot, setup.venue_id(*s.find_venue("geneva")), list}, meeting, stream);
  }
};

}  // namespace

TEST_CASE("with no wish to speak the floor stays silent", "[floor_discussion]") {
  Discussion d({"parameters.floor.request_rate=0"});
  CHECK(d.hold().empty());
  for (const auto& st : d.meeting.states) CHECK(st.floor_requests == 0);
  CHECK(d.meeting.floor_minutes == 6.0);
}

TEST_CASE("when everyone asks, those the time cannot hold are unserved", "[floor_discussion]") {
  // Everybody asks for exactly the 3-minute limit: two fit in six minutes, the third does not.
  Discussion d({"parameters.floor.request_rate=1", "parameters.floor.salience_offset=5",
                "parameters.floor.max_request_probability=1",
                "parameters.floor.mean_intervention_share=1", "parameters.floor.share_min=1", "parameters.floor.share_max=1"});
  const auto timed = d.hold();
  REQUIRE(timed.size() == 2);
  CHECK(timed[0].when == d.slot.start);
  CHECK(timed[1].when == d.slot.start + 3 * kMinute);
  int unserved = 0;
  double minutes = 0.0;
  for (const auto& st : d.meeting.states) {
    CHECK(st.floor_requests == 1);
    unserved += st.unserved_requests;
    minutes += st.speaking_minutes;
  }
  CHECK(unserved == 1);
  CHECK(minutes == 6.0);
}

TEST_CASE("with a pre-inscribed list, those not reached keep their place for the next item", "[floor_discussion]") {
  Discussion d({"parameters.floor.request_rate=1", "parameters.floor.salience_offset=5",
                "parameters.floor.max_request_probability=1", "parameters.floor.mean_intervention_share=1",
                "parameters.floor.share_min=1", "parameters.floor.share_max=1"});
  std::vector<FloorRequest> list;
  d.list = &list;
  const auto first = d.hold();
  REQUIRE(first.size() == 2);
  REQUIRE(list.size() == 1);  // the third inscribed delegation waits
  const std::size_t waiting = list.front().state;
  for (const auto& st : d.meeting.states) CHECK(st.unserved_requests == 0);  // not yet: the meeting goes on
  // The next floor item opens with the one still inscribed, which did not have to ask again.
  const auto second = d.hold();
  REQUIRE_FALSE(second.empty());
  CHECK(second.front().state == waiting);
  CHECK(d.meeting.states[waiting].floor_requests == 1);
  CHECK(d.meeting.states[waiting].interventions == 1);
}
