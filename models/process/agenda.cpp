#include "models/process/agenda.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gcmsim::model {
namespace {

SimTime midnight_of(const Calendar& calendar, SimTime t) { return t - calendar.time_of_day(t); }

// The first session of the working day `offset` working days after the day of `opening`.
SimTime day_opening_at(const Calendar& calendar, VenueId venue, SimTime opening, int offset) {
  if (offset == 0) return opening;
  const auto day = calendar.add_working_days(calendar.date_of(opening), offset);
  return first_session_of_day(calendar, venue, calendar.at(day));
}

std::vector<int> consecutive(int days) {
  std::vector<int> out;
  for (int d = 0; d < days; ++d) out.push_back(d);
  return out;
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
  return schedule_agenda(format, consecutive(sitting_days), calendar, venue, opening);
}

std::vector<AgendaSlot> schedule_agenda(const MeetingFormat& format, const std::vector<int>& offsets,
                                        const Calendar& calendar, VenueId venue, SimTime opening) {
  int format_days = 1;
  for (const AgendaItem& item : format.agenda) format_days = std::max(format_days, item.day);
  std::vector<AgendaSlot> slots;
  const int sitting_days = static_cast<int>(offsets.size());
  for (int day = 1; day <= sitting_days; ++day) {
    const SimTime day_opening = day_opening_at(calendar, venue, opening, offsets[static_cast<std::size_t>(day - 1)]);
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
  }
  return slots;
}

SimTime at_minute(const Calendar& calendar, VenueId venue, const AgendaSlot& slot, double minute) {
  const SessionWalk walk = walk_sessions(calendar, venue, slot.start, ticks(minute));
  return walk.resumes.value_or(walk.stopped);
}

SimTime last_session_end(const Calendar& calendar, VenueId venue, SimTime opening, int sitting_days) {
  return last_session_end(calendar, venue, opening, consecutive(sitting_days));
}

SimTime last_session_end(const Calendar& calendar, VenueId venue, SimTime opening, const std::vector<int>& offsets) {
  const SimTime day_opening = day_opening_at(calendar, venue, opening, offsets.empty() ? 0 : offsets.back());
  const auto& windows = calendar.session_hours(venue);
  return midnight_of(calendar, day_opening) + windows.back().end;
}

}  // namespace gcmsim::model
