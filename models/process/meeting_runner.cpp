#include "models/process/meeting_runner.hpp"

#include <algorithm>
#include <cmath>

#include "models/process/activity_runner.hpp"

namespace gcmsim::model {
namespace {

SimTime next_day_opening(const Calendar& calendar, VenueId venue, SimTime day_opening) {
  const SimTime next_midnight = day_opening - calendar.time_of_day(day_opening) + kDay;
  return first_session_of_day(calendar, venue, next_midnight);
}

bool same_day(const Calendar& calendar, SimTime a, SimTime b) {
  return a - calendar.time_of_day(a) == b - calendar.time_of_day(b);
}

}  // namespace

std::vector<AgendaSlot> schedule_agenda(const MeetingFormat& format, int sitting_days, const Calendar& calendar,
                                        VenueId venue, SimTime opening) {
  int format_days = 1;
  for (const AgendaItem& item : format.agenda) format_days = std::max(format_days, item.day);
  std::vector<AgendaSlot> slots;
  SimTime day_opening = opening;
  for (int day = 1; day <= sitting_days; ++day) {
    const int format_day = (day - 1) % format_days + 1;
    SimTime cursor = day_opening;
    bool day_over = false;
    for (std::size_t i = 0; i < format.agenda.size(); ++i) {
      const AgendaItem& item = format.agenda[i];
      if (item.day != format_day) continue;
      AgendaSlot slot{i, day, cursor, cursor, 0.0};
      SimTime remaining = static_cast<SimTime>(std::llround(item.minutes * 60.0));
      while (remaining > 0) {
        const SimTime window_end = calendar.session_end(venue, cursor);
        const SimTime take = std::min(remaining, window_end - cursor);
        remaining -= take;
        cursor += take;
        slot.held_minutes += static_cast<double>(take) / 60.0;
        slot.end = cursor;
        if (cursor == window_end) {
          const auto next = calendar.next_session_slot(venue, cursor);
          if (!next || !same_day(calendar, *next, day_opening)) {
            day_over = true;  // the day's sessions are over: the rest of its agenda is cut
            break;
          }
          cursor = *next;
        }
      }
      if (slot.held_minutes > 0) slots.push_back(slot);
      if (day_over) break;
    }
    if (day < sitting_days) day_opening = next_day_opening(calendar, venue, day_opening);
  }
  return slots;
}

SimTime last_session_end(const Calendar& calendar, VenueId venue, SimTime opening, int sitting_days) {
  SimTime day_opening = opening;
  for (int day = 1; day < sitting_days; ++day) day_opening = next_day_opening(calendar, venue, day_opening);
  const auto& windows = calendar.session_hours(venue);
  const SimTime midnight = day_opening - calendar.time_of_day(day_opening);
  return midnight + windows.back().end;
}

}  // namespace gcmsim::model
