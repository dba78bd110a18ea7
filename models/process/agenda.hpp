#pragma once
// A meeting's sittings on the calendar: when it opens, and its agenda laid out within the venue's
// session hours (an item that reaches 13:00 resumes at 15:00), day after working day. A format
// shorter than the meeting repeats (a one-day negotiation format serves every day of a five-day
// round). What does not fit in a day's sessions is cut: the chair closes the day.
#include <optional>
#include <vector>

#include "engine/calendar.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

// A meeting opens at the first session of a working day at its venue, on or after `earliest`; if it
// becomes possible only once that day's sitting has begun, it opens the next working day.
SimTime meeting_opening(const Calendar& calendar, VenueId venue, SimTime earliest);

// The day's first session tick at `venue` for the working day that contains or follows `t`.
SimTime first_session_of_day(const Calendar& calendar, VenueId venue, SimTime t);

// Sitting time walked from a session tick: where it stopped (the last tick walked, which may be
// the end of a window) and where the next sitting time resumes (the next window's start when the
// walk ended on a window's end; absent when no session follows, or when the next session falls on
// another day and the walk was kept to one day).
struct SessionWalk {
  SimTime stopped = 0;
  std::optional<SimTime> resumes;
  SimTime walked = 0;  // sitting time covered (less than asked when the sessions ran out)
};

// Walks `duration` of sitting time from `from` (a tick within a session window), skipping the
// breaks between windows. With `within_day_of`, never crosses into another day than that tick's.
// The one place that walks session windows: the agenda and the timing of interventions use it.
SessionWalk walk_sessions(const Calendar& calendar, VenueId venue, SimTime from, SimTime duration,
                          std::optional<SimTime> within_day_of = std::nullopt);

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
// The same on sitting days that need not be consecutive: sitting day k (1-based) falls
// `offsets[k-1]` working days after the opening day (Activity::sitting_offsets).
std::vector<AgendaSlot> schedule_agenda(const MeetingFormat& format, const std::vector<int>& offsets,
                                        const Calendar& calendar, VenueId venue, SimTime opening);

// The tick `minute` minutes of sitting time into a slot (skipping the lunch break if the slot spans it).
SimTime at_minute(const Calendar& calendar, VenueId venue, const AgendaSlot& slot, double minute);

// The end of the last session of the `sitting_days`-th working day from `opening` (meetings without
// an agenda occupy their days).
SimTime last_session_end(const Calendar& calendar, VenueId venue, SimTime opening, int sitting_days);
// The end of the last session of the last sitting day, `offsets.back()` working days after opening.
SimTime last_session_end(const Calendar& calendar, VenueId venue, SimTime opening, const std::vector<int>& offsets);

}  // namespace gcmsim::model
