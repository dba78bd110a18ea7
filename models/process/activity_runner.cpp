#include "models/process/activity_runner.hpp"

#include <algorithm>
#include <cmath>

namespace gcmsim::model {
namespace {
constexpr SimTime kNoon = 12 * kHour;
constexpr SimTime kEndOfWorkingDay = 18 * kHour;
}  // namespace

SimTime first_session_of_day(const Calendar& calendar, VenueId venue, SimTime t) {
  const SimTime midnight = t - calendar.time_of_day(t);
  const auto slot = calendar.next_session_slot(venue, midnight);
  if (!slot) throw std::logic_error("venue '" + calendar.venue_name(venue) + "' never sits");
  return *slot;
}

SimTime meeting_opening(const Calendar& calendar, VenueId venue, SimTime earliest) {
  const SimTime first = first_session_of_day(calendar, venue, earliest);
  if (first >= earliest) return first;
  // Possible only once the day's sitting has begun: open on the next working day.
  const SimTime next_midnight = earliest - calendar.time_of_day(earliest) + kDay;
  return first_session_of_day(calendar, venue, next_midnight);
}

int drafting_days(int planned_days, const DraftingParameters& params, RandomStream& stream) {
  const double factor = std::exp(stream.normal(0.0, params.delay_sd_days));
  double days = planned_days * factor;
  const bool late = stream.bernoulli(params.late_probability);
  const double extra = stream.uniform(0.2, 0.6);
  if (late) days += planned_days * extra;
  return std::max(1, static_cast<int>(std::lround(days)));
}

SimTime drafting_start(const Calendar& calendar, SimTime earliest) {
  Date day = calendar.date_of(earliest);
  if (calendar.time_of_day(earliest) >= kNoon || !calendar.is_working_day(day)) {
    day = calendar.add_working_days(day, 1);
    return calendar.at(day);
  }
  return earliest;
}

SimTime drafting_end(const Calendar& calendar, SimTime start, int days) {
  const Date first = calendar.date_of(start);
  const Date last = days <= 1 ? first : calendar.add_working_days(first, days - 1);
  return calendar.at(last) + kEndOfWorkingDay;
}

}  // namespace gcmsim::model
