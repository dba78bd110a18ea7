// A meeting's sittings on the calendar: the one walk over session windows, the agenda laid out on
// it, and interventions placed within a slot.
#include "models/process/agenda.hpp"

#include <catch2/catch.hpp>

using namespace gcmsim;
using namespace gcmsim::model;
using namespace std::chrono;

namespace {

// A Monday at a venue with the default sessions, 10:00-13:00 and 15:00-18:00.
struct Fixture {
  Calendar cal{year{2017} / May / 1};
  VenueId venue = cal.venue_id("ny");
  SimTime monday(SimTime time_of_day) const { return cal.at(year{2017} / May / 8) + time_of_day; }
};

}  // namespace

TEST_CASE("walking sitting time skips the lunch break", "[agenda]") {
  const Fixture f;
  const SessionWalk walk = walk_sessions(f.cal, f.venue, f.monday(12 * kHour), 2 * kHour);
  CHECK(walk.walked == 2 * kHour);
  CHECK(walk.stopped == f.monday(16 * kHour));
  CHECK(walk.resumes == f.monday(16 * kHour));
}

TEST_CASE("a walk that ends on a window's end resumes at the next window", "[agenda]") {
  const Fixture f;
  const SessionWalk walk = walk_sessions(f.cal, f.venue, f.monday(10 * kHour), 3 * kHour);
  CHECK(walk.stopped == f.monday(13 * kHour));
  CHECK(walk.resumes == f.monday(15 * kHour));
}

TEST_CASE("a walk kept to one day stops at the day's last session", "[agenda]") {
  const Fixture f;
  const SessionWalk kept = walk_sessions(f.cal, f.venue, f.monday(15 * kHour), 5 * kHour, f.monday(15 * kHour));
  CHECK(kept.walked == 3 * kHour);
  CHECK(kept.stopped == f.monday(18 * kHour));
  CHECK_FALSE(kept.resumes.has_value());
  // Not kept to the day, it carries on into Tuesday's morning session.
  const SessionWalk free = walk_sessions(f.cal, f.venue, f.monday(15 * kHour), 5 * kHour);
  CHECK(free.walked == 5 * kHour);
  CHECK(free.stopped == f.monday(kDay + 12 * kHour));
}

TEST_CASE("the agenda follows the session hours and cuts what does not fit in a day", "[agenda]") {
  const Fixture f;
  MeetingFormat format;
  for (const auto& [kind, minutes] : {std::pair{AgendaItemKind::opening, 120.0}, std::pair{AgendaItemKind::panel, 180.0},
                                      std::pair{AgendaItemKind::closing, 120.0}}) {
    AgendaItem item;
    item.kind = kind;
    item.minutes = minutes;
    format.agenda.push_back(item);
  }
  const auto slots = schedule_agenda(format, 1, f.cal, f.venue, f.monday(10 * kHour));
  REQUIRE(slots.size() == 3);
  CHECK(slots[1].start == f.monday(12 * kHour));
  CHECK(slots[1].end == f.monday(17 * kHour));  // an hour before lunch, two after
  CHECK(slots[1].held_minutes == 180.0);
  CHECK(slots[2].held_minutes == 60.0);  // the day's sessions end at 18:00: the closing is cut short
}

TEST_CASE("an intervention's time within a slot skips the break like the agenda does", "[agenda]") {
  const Fixture f;
  const AgendaSlot slot{0, 1, f.monday(12 * kHour), f.monday(17 * kHour), 180.0};
  CHECK(at_minute(f.cal, f.venue, slot, 30.0) == f.monday(12 * kHour + 30 * kMinute));
  CHECK(at_minute(f.cal, f.venue, slot, 60.0) == f.monday(15 * kHour));
  CHECK(at_minute(f.cal, f.venue, slot, 90.0) == f.monday(15 * kHour + 30 * kMinute));
}

TEST_CASE("a meeting that becomes possible during a sitting day opens the next working day", "[agenda]") {
  const Fixture f;
  CHECK(meeting_opening(f.cal, f.venue, f.monday(8 * kHour)) == f.monday(10 * kHour));
  CHECK(meeting_opening(f.cal, f.venue, f.monday(11 * kHour)) == f.monday(kDay + 10 * kHour));
}

TEST_CASE("a meeting on listed days sits only on those days", "[agenda]") {
  const Fixture f;
  MeetingFormat format;
  AgendaItem item;
  item.kind = AgendaItemKind::negotiation;
  item.minutes = 360.0;
  format.agenda.push_back(item);
  // Monday, Wednesday and Thursday: 0, 2 and 3 working days after the opening (20, 22 and 23
  // February 2018 had this shape); the Tuesday is left to another meeting.
  const auto slots = schedule_agenda(format, std::vector<int>{0, 2, 3}, f.cal, f.venue, f.monday(10 * kHour));
  REQUIRE(slots.size() == 3);
  CHECK(slots[0].start == f.monday(10 * kHour));
  CHECK(slots[1].day == 2);
  CHECK(slots[1].start == f.monday(2 * kDay + 10 * kHour));
  CHECK(slots[2].start == f.monday(3 * kDay + 10 * kHour));
  for (const AgendaSlot& slot : slots) CHECK(f.cal.date_of(slot.start) != year{2017} / May / 9);
  CHECK(last_session_end(f.cal, f.venue, f.monday(10 * kHour), std::vector<int>{0, 2, 3}) == f.monday(3 * kDay + 18 * kHour));
  // Consecutive offsets are the plain count of days.
  CHECK(schedule_agenda(format, std::vector<int>{0, 1, 2}, f.cal, f.venue, f.monday(10 * kHour)).back().start ==
        schedule_agenda(format, 3, f.cal, f.venue, f.monday(10 * kHour)).back().start);
  // Over a weekend the offsets count working days: Friday the 12th and Monday the 15th.
  CHECK(schedule_agenda(format, std::vector<int>{0, 1}, f.cal, f.venue, f.monday(4 * kDay + 10 * kHour)).back().start ==
        f.monday(7 * kDay + 10 * kHour));
}
