#pragma once
// A meeting's agenda laid out on the calendar: items follow one another within the venue's session
// hours (an item that reaches 13:00 resumes at 15:00), day after working day. A format shorter than
// the meeting repeats (a one-day negotiation format serves every day of a five-day round). What does
// not fit in a day's sessions is cut: the chair closes the day.
#include <vector>

#include "engine/calendar.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

struct AgendaSlot {
  std::size_t item = 0;  // index into MeetingFormat::agenda
  int day = 1;           // sitting day of the meeting, 1-based
  SimTime start = 0;
  SimTime end = 0;
  double held_minutes = 0.0;  // less than the item's minutes when the day ran out
};

// `opening` is the first session tick of the first sitting day.
std::vector<AgendaSlot> schedule_agenda(const MeetingFormat& format, int sitting_days, const Calendar& calendar,
                                        VenueId venue, SimTime opening);

// The end of the last session of the `sitting_days`-th working day from `opening` (meetings without
// an agenda occupy their days).
SimTime last_session_end(const Calendar& calendar, VenueId venue, SimTime opening, int sitting_days);

}  // namespace gcmsim::model
