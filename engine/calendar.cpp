#include "engine/calendar.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <utility>

namespace gcmsim {

namespace chr = std::chrono;

namespace {

// The messages quote text as found; a helper keeps the quoting identical everywhere.
std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  out += text;
  out += '"';
  return out;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads a run of ASCII digits already checked by the caller.
int digits_value(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Only the exact shape YYYY-MM-DD: anything looser invites ambiguity (2017-5-8, 08/05/2017).
bool has_iso_date_shape(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && !is_digit(text[i])) return false;
  }
  return true;
}

std::invalid_argument invalid_date(std::string_view text, const chr::year_month_day& date) {
  if (!date.month().ok()) {
    return std::invalid_argument("invalid date " + quoted(text) + ": month " +
                                 std::string(text.substr(5, 2)) + " is not in 01-12");
  }
  const chr::year_month_day_last last{date.year(), chr::month_day_last{date.month()}};
  return std::invalid_argument("invalid date " + quoted(text) + ": expected a day in 01-" +
                               std::to_string(static_cast<unsigned>(last.day())) + " for " +
                               std::string(text.substr(0, 7)));
}

bool is_weekend(chr::sys_days day) {
  const chr::weekday wd{day};
  return wd == chr::Saturday || wd == chr::Sunday;
}

// A date handed in from outside must be real: sys_days of an invalid date is unspecified.
chr::sys_days checked_day(const chr::year_month_day& date, const char* where) {
  if (!date.ok()) {
    throw std::invalid_argument(std::string(where) + ": invalid date " + iso_date(date));
  }
  return chr::sys_days{date};
}

std::string window_string(const SessionWindow& w) {
  return clock_string(w.start) + "-" + clock_string(w.end);
}

// Checks one venue's windows; `venue` is only for the message.
void validate_windows(std::string_view venue, const std::vector<SessionWindow>& windows) {
  const std::string prefix = "session hours for venue " + quoted(venue) + ": window ";
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const SessionWindow& w = windows[i];
    const std::string which = prefix + std::to_string(i + 1) + " (" + window_string(w) + ")";
    if (w.start < 0 || w.end > kDay) {
      throw std::invalid_argument(which + " is outside the day; expected times in 00:00-24:00");
    }
    if (w.start >= w.end) {
      throw std::invalid_argument(which + " does not end after it starts; expected start < end");
    }
    if (i > 0 && w.start < windows[i - 1].end) {
      throw std::invalid_argument(which + " begins before window " + std::to_string(i) + " (" +
                                  window_string(windows[i - 1]) +
                                  ") ends; expected windows in order and not overlapping");
    }
  }
}

SimTime total_length(const std::vector<SessionWindow>& windows) {
  SimTime total = 0;
  for (const SessionWindow& w : windows) total += w.end - w.start;
  return total;
}

}  // namespace

chr::year_month_day parse_iso_date(std::string_view text) {
  if (!has_iso_date_shape(text)) {
    throw std::invalid_argument("malformed date " + quoted(text) +
                                ": expected YYYY-MM-DD, e.g. 2017-05-08");
  }
  const chr::year_month_day date{chr::year{digits_value(text.substr(0, 4))},
                                 chr::month{static_cast<unsigned>(digits_value(text.substr(5, 2)))},
                                 chr::day{static_cast<unsigned>(digits_value(text.substr(8, 2)))}};
  if (!date.ok()) throw invalid_date(text, date);
  return date;
}

std::string iso_date(chr::year_month_day date) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

std::string clock_string(SimTime time_of_day) {
  const auto hours = static_cast<long long>(time_of_day / kHour);
  const auto minutes = static_cast<long long>(time_of_day % kHour / kMinute);
  const auto seconds = static_cast<long long>(time_of_day % kMinute);
  char buffer[48];
  if (seconds == 0) {
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", hours, minutes);
  } else {
    std::snprintf(buffer, sizeof buffer, "%02lld:%02lld:%02lld", hours, minutes, seconds);
  }
  return buffer;
}

Calendar::Calendar(chr::year_month_day epoch) : epoch_(checked_day(epoch, "Calendar epoch")) {}

chr::year_month_day Calendar::epoch() const { return chr::year_month_day{epoch_}; }

// --- Ticks and civil time -------------------------------------------------------------------

SimTime Calendar::at(chr::year_month_day date, int hours, int minutes) const {
  const chr::sys_days day = checked_day(date, "Calendar::at");
  if (hours < 0 || minutes < 0 || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) {
    throw std::invalid_argument("Calendar::at: time " + std::to_string(hours) + ":" +
                                std::to_string(minutes) + " on " + iso_date(date) +
                                "; expected 00:00-24:00");
  }
  return midnight(day) + clock_time(hours, minutes);
}

chr::year_month_day Calendar::date_of(SimTime t) const { return chr::year_month_day{day_of(t)}; }

chr::weekday Calendar::weekday_of(SimTime t) const { return chr::weekday{day_of(t)}; }

SimTime Calendar::time_of_day(SimTime t) const { return t - midnight(day_of(t)); }

std::string Calendar::to_string(SimTime t) const {
  const SimTime tod = time_of_day(t);
  return date_string(t) + " " + clock_string(tod - tod % kMinute);
}

std::string Calendar::date_string(SimTime t) const { return iso_date(date_of(t)); }

// Floor, not truncation, so that ticks before the epoch land on the right day.
chr::sys_days Calendar::day_of(SimTime t) const {
  return epoch_ + chr::floor<chr::days>(chr::seconds{t});
}

SimTime Calendar::midnight(chr::sys_days day) const { return (day - epoch_).count() * kDay; }

// --- Working days ---------------------------------------------------------------------------

void Calendar::add_holiday(chr::year_month_day date) {
  const chr::sys_days day = checked_day(date, "Calendar::add_holiday");
  const auto pos = std::lower_bound(holidays_.begin(), holidays_.end(), day);
  if (pos == holidays_.end() || *pos != day) holidays_.insert(pos, day);
}

bool Calendar::is_holiday(chr::year_month_day date) const {
  return std::binary_search(holidays_.begin(), holidays_.end(),
                            checked_day(date, "Calendar::is_holiday"));
}

bool Calendar::is_working_day(chr::year_month_day date) const {
  return is_working(checked_day(date, "Calendar::is_working_day"));
}

bool Calendar::is_working(chr::sys_days day) const {
  return !is_weekend(day) && !std::binary_search(holidays_.begin(), holidays_.end(), day);
}

chr::year_month_day Calendar::add_working_days(chr::year_month_day start, int n) const {
  chr::sys_days day = checked_day(start, "Calendar::add_working_days");
  const chr::days step{n >= 0 ? 1 : -1};
  for (int left = n >= 0 ? n : -n; left > 0;) {
    day += step;
    if (is_working(day)) --left;
  }
  return chr::year_month_day{day};
}

int Calendar::working_days_between(chr::year_month_day a, chr::year_month_day b) const {
  const chr::sys_days from = checked_day(a, "Calendar::working_days_between");
  const chr::sys_days to = checked_day(b, "Calendar::working_days_between");
  if (from <= to) return working_days_in(from + chr::days{1}, to + chr::days{1});
  return -working_days_in(to, from);
}

// Working days in [first, last): whole weeks give five each and only the leftover days are walked,
// then holidays falling on weekdays are taken off (weekend holidays were never counted).
int Calendar::working_days_in(chr::sys_days first, chr::sys_days last) const {
  const auto weeks = (last - first).count() / 7;
  auto count = weeks * 5;
  for (chr::sys_days day = first + chr::weeks{weeks}; day < last; day += chr::days{1}) {
    if (!is_weekend(day)) ++count;
  }
  const auto lo = std::lower_bound(holidays_.begin(), holidays_.end(), first);
  const auto hi = std::lower_bound(lo, holidays_.end(), last);
  count -= std::count_if(lo, hi, [](chr::sys_days day) { return !is_weekend(day); });
  return static_cast<int>(count);
}

// --- Session hours per venue ----------------------------------------------------------------

const std::vector<SessionWindow>& Calendar::default_session_hours() {
  static const std::vector<SessionWindow> hours{{clock_time(10), clock_time(13)},
                                                {clock_time(15), clock_time(18)}};
  return hours;
}

VenueId Calendar::venue_id(std::string_view name) {
  if (const auto found = ids_.find(name); found != ids_.end()) return found->second;
  const auto id = static_cast<VenueId>(venues_.size());
  venues_.push_back(Venue{std::string(name), default_session_hours()});
  ids_.emplace(std::string(name), id);
  return id;
}

const std::string& Calendar::venue_name(VenueId id) const { return venue(id).name; }

void Calendar::set_session_hours(std::string_view name, std::vector<SessionWindow> windows) {
  validate_windows(name, windows);
  venues_[static_cast<std::size_t>(venue_id(name))].windows = std::move(windows);
}

// at() rather than []: an id from another Calendar fails loudly instead of reading garbage.
const Calendar::Venue& Calendar::venue(VenueId id) const {
  return venues_.at(static_cast<std::size_t>(id));
}

const Calendar::Venue* Calendar::find_venue(std::string_view name) const {
  const auto found = ids_.find(name);
  return found == ids_.end() ? nullptr : &venue(found->second);
}

const std::vector<SessionWindow>& Calendar::session_hours(VenueId id) const {
  return venue(id).windows;
}

const std::vector<SessionWindow>& Calendar::session_hours(std::string_view name) const {
  const Venue* found = find_venue(name);
  return found != nullptr ? found->windows : default_session_hours();
}

bool Calendar::in_session(VenueId id, SimTime t) const {
  return in_session(session_hours(id), t);
}

bool Calendar::in_session(std::string_view name, SimTime t) const {
  return in_session(session_hours(name), t);
}

std::optional<SimTime> Calendar::next_session_slot(VenueId id, SimTime from) const {
  return next_session_slot(session_hours(id), from);
}

std::optional<SimTime> Calendar::next_session_slot(std::string_view name, SimTime from) const {
  return next_session_slot(session_hours(name), from);
}

SimTime Calendar::session_end(VenueId id, SimTime t) const {
  const Venue& v = venue(id);
  return session_end(v.windows, v.name, t);
}

SimTime Calendar::session_end(std::string_view name, SimTime t) const {
  return session_end(session_hours(name), name, t);
}

SimTime Calendar::session_time_per_day(VenueId id) const {
  return total_length(session_hours(id));
}

SimTime Calendar::session_time_per_day(std::string_view name) const {
  return total_length(session_hours(name));
}

bool Calendar::in_session(const std::vector<SessionWindow>& windows, SimTime t) const {
  const chr::sys_days day = day_of(t);
  if (!is_working(day)) return false;
  const SimTime tod = t - midnight(day);
  return std::any_of(windows.begin(), windows.end(),
                     [tod](const SessionWindow& w) { return w.start <= tod && tod < w.end; });
}

std::optional<SimTime> Calendar::next_session_slot(const std::vector<SessionWindow>& windows,
                                                   SimTime from) const {
  if (windows.empty()) return std::nullopt;
  chr::sys_days day = day_of(from);
  if (is_working(day)) {
    // Windows are ordered, so the first not yet over is the one `from` is in or waiting for.
    const SimTime tod = from - midnight(day);
    for (const SessionWindow& w : windows) {
      if (tod < w.end) return midnight(day) + std::max(tod, w.start);
    }
  }
  // Terminates: only weekends and a finite list of holidays are skipped.
  do {
    day += chr::days{1};
  } while (!is_working(day));
  return midnight(day) + windows.front().start;
}

SimTime Calendar::session_end(const std::vector<SessionWindow>& windows,
                              std::string_view venue_name, SimTime t) const {
  const chr::sys_days day = day_of(t);
  const SimTime tod = t - midnight(day);
  if (is_working(day)) {
    for (const SessionWindow& w : windows) {
      if (w.start <= tod && tod < w.end) return midnight(day) + w.end;
    }
  }
  throw std::invalid_argument("session_end: venue " + quoted(venue_name) + " is not in session at " +
                              to_string(t) + "; expected a time inside a session window");
}

}  // namespace gcmsim
