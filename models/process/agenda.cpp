#include "models/process/agenda.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gcmsim::model {
namespace {

SimTime midnight_of(const Calendar& calendar, SimTime t) { return t - calendar.time_of_day(t); }

SimTime next_day_opening(const Calendar& calendar, VenueId venue, SimTime day_opening) {
  return first_session_of_day(calendar, venue, midnight_of(calendar, day_opening) + kDay);
}

SimTime ticks(double minutes) { return static_cast<SimTime>(std::llround(minutes * 60.0)); }

}  // namespace

SimTime first_session_of_day(const Calendar& calendar, VenueId venue, SimTime t) {
  const auto slot = calendar.next_session_slot(venue, midnight_of(calendar, t));
  if (!slot) throw std::logic_error("venue '" + calendar.venue_name(venue) + "' never sits");
  return *slot;
}

SimTime meeting_opening(const Calendar& calendar, VenueId venue, SimTime earliest) {
  const SimTime first = first_session_of_day(calendar, venue, earliest);
  if (first >= earliest) return first;
  return first_session_of_day(calendar, venue, midnight_of(calendar, earliest) + kDay);
}

SessionWalk walk_sessions(const Calendar& calendar, VenueId venue, SimTime from, SimTime duration,
                          std::optional<SimTime> within_day_of) {
  SessionWalk walk{from, from, 0};
  SimTime remaining = duration;
  while (remaining > 0) {
    const SimTime window_end = calendar.session_end(venue, walk.stopped);
    const SimTime take = std::min(remaining, window_end - walk.stopped);
    remaining -= take;
    walk.walked += take;
    walk.stopped += take;
    walk.resumes = walk.stopped;
    if (walk.stopped < window_end) break;
    // The window is over: the next sitting time starts with the next window.
    walk.resumes = calendar.next_session_slot(venue, window_end);
    if (walk.resumes && within_day_of && midnight_of(calendar, *walk.resumes) != midnight_of(calendar, *within_day_of)) {
      walk.resumes.reset();
    }
    if (!walk.resumes) break;
    if (remaining > 0) walk.stopped = *walk.resumes;
  }
  return walk;
}

std::vector<AgendaSlot> schedule_agenda(const MeetingFormat& format, int sitting_days, const Calendar& calendar,
                                        VenueId venue, SimTime opening) {
  int format_days = 1;
  for (const AgendaItem& item : format.agenda) format_days = std::max(format_days, item.day);
  std::vector<AgendaSlot> slots;
  SimTime day_opening = opening;
  for (int day = 1; day <= sitting_days; ++day) {
    const int format_day = (day - 1) % format_days + 1;
    SimTime cursor = day_opening;
    for (std::size_t i = 0; i < format.agenda.size(); ++i) {
      const AgendaItem& item = format.agenda[i];
      if (item.day != format_day) continue;
      const SessionWalk walk = walk_sessions(calendar, venue, cursor, ticks(item.minutes), day_opening);
      const AgendaSlot slot{i, day, cursor, walk.stopped, static_cast<double>(walk.walked) / 60.0};
      if (slot.held_minutes > 0) slots.push_back(slot);
      if (!walk.resumes) break;  // the day's sessions are over: the rest of its agenda is cut
      cursor = *walk.resumes;
    }
    if (day < sitting_days) day_opening = next_day_opening(calendar, venue, day_opening);
  }
  return slots;
}

SimTime at_minute(const Calendar& calendar, VenueId venue, const AgendaSlot& slot, double minute) {
  const SessionWalk walk = walk_sessions(calendar, venue, slot.start, ticks(minute));
  return walk.resumes.value_or(walk.stopped);
}

SimTime last_session_end(const Calendar& calendar, VenueId venue, SimTime opening, int sitting_days) {
  SimTime day_opening = opening;
  for (int day = 1; day < sitting_days; ++day) day_opening = next_day_opening(calendar, venue, day_opening);
  const auto& windows = calendar.session_hours(venue);
  return midnight_of(calendar, day_opening) + windows.back().end;
}

}  // namespace gcmsim::model
