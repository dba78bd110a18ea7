#pragma once
// Calendar: maps simulation ticks to civil dates, knows which days are working days, and when each
// venue sits. There are no time zones: every venue's hours are its local civil time, and a tick is
// a civil second since midnight of the scenario's epoch date.
//
// Errors: every function that takes a date or a configuration from outside (parse_iso_date, the
// constructor, at, add_holiday, set_session_hours, ...) throws std::invalid_argument whose message
// says what was found and what was expected. Queries are const and allocate nothing, so one
// configured Calendar can be read by many threads at once.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/sim_time.hpp"

namespace gcmsim {

// A time of day as ticks since midnight: clock_time(15, 30) is 15:30.
constexpr SimTime clock_time(int hours, int minutes = 0) {
  return hours * kHour + minutes * kMinute;
}

// One daily sitting of a venue, as ticks since midnight; half-open: [start, end).
struct SessionWindow {
  SimTime start = 0;
  SimTime end = 0;
};

// A venue name interned by one Calendar; only meaningful to the Calendar that issued it.
enum class VenueId : std::uint32_t {};

// Parses exactly "YYYY-MM-DD". Throws std::invalid_argument naming the text and what was expected,
// both for malformed text ("2017-5-8") and for impossible dates ("2017-02-30").
std::chrono::year_month_day parse_iso_date(std::string_view text);

// "2017-05-08".
std::string iso_date(std::chrono::year_month_day date);

// "10:42", or "10:42:07" when the seconds are not zero; for ticks since midnight.
std::string clock_string(SimTime time_of_day);

class Calendar {
 public:
  // Tick 0 is midnight at the start of `epoch`.
  explicit Calendar(std::chrono::year_month_day epoch);

  std::chrono::year_month_day epoch() const;

  // --- Ticks and civil time -------------------------------------------------------------------
  // Ticks before the epoch are negative; `hours` may be 24 (with minutes 0) for end-of-day.
  SimTime at(std::chrono::year_month_day date, int hours = 0, int minutes = 0) const;
  std::chrono::year_month_day date_of(SimTime t) const;
  std::chrono::weekday weekday_of(SimTime t) const;
  // Ticks since the midnight that starts t's day, in [0, kDay).
  SimTime time_of_day(SimTime t) const;
  // "2017-05-08 10:42" (seconds are dropped) and "2017-05-08".
  std::string to_string(SimTime t) const;
  std::string date_string(SimTime t) const;

  // --- Working days ---------------------------------------------------------------------------
  // Saturdays, Sundays and listed holidays are not working days.
  void add_holiday(std::chrono::year_month_day date);
  bool is_holiday(std::chrono::year_month_day date) const;
  bool is_working_day(std::chrono::year_month_day date) const;
  // The n-th working day strictly after `start` (n > 0) or strictly before it (n < 0); `start`
  // itself when n == 0, whether or not it is a working day. Cost: O(|n|) days.
  std::chrono::year_month_day add_working_days(std::chrono::year_month_day start, int n) const;
  // The working days in (a, b] when a <= b, and minus those in [b, a) when b < a. This makes it the
  // inverse of add_working_days: working_days_between(a, add_working_days(a, n)) == n, and
  // add_working_days(a, working_days_between(a, b)) == b whenever b is a working day.
  // Cost: O(log holidays), whatever the span.
  int working_days_between(std::chrono::year_month_day a, std::chrono::year_month_day b) const;

  // --- Session hours per venue ----------------------------------------------------------------
  // Any venue not configured sits 10:00-13:00 and 15:00-18:00: the hours the general concept note
  // of 13 April 2017 sets for the informal thematic sessions.
  static const std::vector<SessionWindow>& default_session_hours();

  // Interns `name` (once per venue, at set-up) so the queries below need no string work.
  VenueId venue_id(std::string_view name);
  const std::string& venue_name(VenueId venue) const;

  // Windows must lie within 00:00-24:00, each with start < end, in order and not overlapping
  // (touching is allowed). An empty list means the venue never sits. Throws std::invalid_argument.
  void set_session_hours(std::string_view venue, std::vector<SessionWindow> windows);
  const std::vector<SessionWindow>& session_hours(VenueId venue) const;
  const std::vector<SessionWindow>& session_hours(std::string_view venue) const;

  // True when t is inside a window on a working day.
  bool in_session(VenueId venue, SimTime t) const;
  bool in_session(std::string_view venue, SimTime t) const;

  // The earliest tick >= from that is in session (from itself if it already is); nullopt only for
  // a venue with no windows.
  std::optional<SimTime> next_session_slot(VenueId venue, SimTime from) const;
  std::optional<SimTime> next_session_slot(std::string_view venue, SimTime from) const;

  // The end of the window containing t. Throws std::invalid_argument if t is not in session.
  SimTime session_end(VenueId venue, SimTime t) const;
  SimTime session_end(std::string_view venue, SimTime t) const;

  // Total sitting time of one working day, in ticks (6 * kHour by default).
  SimTime session_time_per_day(VenueId venue) const;
  SimTime session_time_per_day(std::string_view venue) const;

 private:
  struct Venue {
    std::string name;
    std::vector<SessionWindow> windows;
  };
  // Lets ids_.find take a string_view without building a std::string.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };

  std::chrono::sys_days day_of(SimTime t) const;
  SimTime midnight(std::chrono::sys_days day) const;
  bool is_working(std::chrono::sys_days day) const;
  int working_days_in(std::chrono::sys_days first, std::chrono::sys_days last) const;
  const Venue& venue(VenueId id) const;
  const Venue* find_venue(std::string_view name) const;

  bool in_session(const std::vector<SessionWindow>& windows, SimTime t) const;
  std::optional<SimTime> next_session_slot(const std::vector<SessionWindow>& windows,
                                           SimTime from) const;
  SimTime session_end(const std::vector<SessionWindow>& windows, std::string_view venue_name,
                      SimTime t) const;

  std::chrono::sys_days epoch_;
  std::vector<std::chrono::sys_days> holidays_;  // sorted, unique: binary search and range counts
  std::vector<Venue> venues_;                    // indexed by VenueId
  std::unordered_map<std::string, VenueId, NameHash, std::equal_to<>> ids_;
};

}  // namespace gcmsim
