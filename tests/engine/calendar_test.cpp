#include "engine/calendar.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <stdexcept>
#include <string>

namespace Catch {
// Failures print dates as 2017-05-08 instead of {?}.
template <>
struct StringMaker<std::chrono::year_month_day> {
  static std::string convert(const std::chrono::year_month_day& date) {
    return gcmsim::iso_date(date);
  }
};
}  // namespace Catch

namespace {

using namespace std::chrono_literals;
using gcmsim::Calendar;
using gcmsim::clock_time;
using gcmsim::kDay;
using gcmsim::kHour;
using gcmsim::kMinute;
using gcmsim::SessionWindow;
using gcmsim::SimTime;
using std::chrono::year_month_day;

// The adoption of the modalities resolution 71/280: a plausible scenario epoch.
constexpr year_month_day kEpoch = 2017y / std::chrono::April / 6d;

// The informal thematic sessions' first days, from the concept note's table of main events.
constexpr std::array<year_month_day, 6> kThematicSessionStarts{
    2017y / std::chrono::May / 8d,  2017y / std::chrono::May / 22d,
    2017y / std::chrono::June / 19d, 2017y / std::chrono::July / 24d,
    2017y / std::chrono::September / 4d, 2017y / std::chrono::October / 2d};

year_month_day next_day(year_month_day date) {
  return year_month_day{std::chrono::sys_days{date} + std::chrono::days{1}};
}

}  // namespace

TEST_CASE("8 May 2017, the first thematic session, is a Monday", "[calendar]") {
  const Calendar calendar{kEpoch};
  CHECK(calendar.weekday_of(calendar.at(2017y / std::chrono::May / 8d)) == std::chrono::Monday);
}

TEST_CASE("every thematic session of the concept note opens on a working Monday", "[calendar]") {
  const Calendar calendar{kEpoch};
  for (const year_month_day& start : kThematicSessionStarts) {
    INFO(gcmsim::iso_date(start));
    CHECK(calendar.weekday_of(calendar.at(start)) == std::chrono::Monday);
    CHECK(calendar.is_working_day(start));
  }
}

TEST_CASE("the six two-day thematic sessions use the 12 working days OP16 allows", "[calendar]") {
  const Calendar calendar{kEpoch};
  int total = 0;
  for (const year_month_day& start : kThematicSessionStarts) {
    const year_month_day last = calendar.add_working_days(start, 1);
    total += calendar.working_days_between(calendar.add_working_days(start, -1), last);
  }
  CHECK(total == 12);
}

TEST_CASE("5 working days after Friday 5 May 2017 is Friday 12 May 2017", "[calendar]") {
  const Calendar calendar{kEpoch};
  CHECK(calendar.add_working_days(2017y / std::chrono::May / 5d, 5) ==
        2017y / std::chrono::May / 12d);
}

TEST_CASE("5 working days before Friday 12 May 2017 is Friday 5 May 2017", "[calendar]") {
  const Calendar calendar{kEpoch};
  CHECK(calendar.add_working_days(2017y / std::chrono::May / 12d, -5) ==
        2017y / std::chrono::May / 5d);
}

TEST_CASE("adding zero working days keeps the start, even on a weekend", "[calendar]") {
  const Calendar calendar{kEpoch};
  CHECK(calendar.add_working_days(2017y / std::chrono::May / 6d, 0) ==
        2017y / std::chrono::May / 6d);
}

TEST_CASE("weekends are not working days", "[calendar]") {
  const Calendar calendar{kEpoch};
  CHECK(calendar.is_working_day(2017y / std::chrono::May / 5d));
  CHECK_FALSE(calendar.is_working_day(2017y / std::chrono::May / 6d));
  CHECK_FALSE(calendar.is_working_day(2017y / std::chrono::May / 7d));
  // The first working day after a Friday is the Monday.
  CHECK(calendar.add_working_days(2017y / std::chrono::May / 5d, 1) ==
        2017y / std::chrono::May / 8d);
}

TEST_CASE("a listed holiday is not a working day and is skipped", "[calendar]") {
  Calendar calendar{kEpoch};
  const year_month_day ascension = 2017y / std::chrono::May / 25d;  // a Thursday
  CHECK(calendar.is_working_day(ascension));
  calendar.add_holiday(ascension);
  calendar.add_holiday(ascension);  // listing it twice changes nothing
  CHECK(calendar.is_holiday(ascension));
  CHECK_FALSE(calendar.is_working_day(ascension));
  CHECK(calendar.add_working_days(2017y / std::chrono::May / 24d, 1) ==
        2017y / std::chrono::May / 26d);
  CHECK(calendar.working_days_between(2017y / std::chrono::May / 22d,
                                      2017y / std::chrono::May / 29d) == 4);
}

TEST_CASE("a holiday on a weekend is not taken off twice", "[calendar]") {
  Calendar calendar{kEpoch};
  calendar.add_holiday(2017y / std::chrono::May / 6d);  // a Saturday
  CHECK(calendar.working_days_between(2017y / std::chrono::May / 5d,
                                      2017y / std::chrono::May / 12d) == 5);
}

TEST_CASE("a whole year has its known count of working days", "[calendar]") {
  const Calendar calendar{kEpoch};
  // 2017 began on a Sunday: 52 weeks and one Sunday. 2016 (leap) began on a Friday: 52 weeks plus
  // a Friday and a Saturday.
  CHECK(calendar.working_days_between(2016y / std::chrono::December / 31d,
                                      2017y / std::chrono::December / 31d) == 260);
  CHECK(calendar.working_days_between(2015y / std::chrono::December / 31d,
                                      2016y / std::chrono::December / 31d) == 261);
}

TEST_CASE("working_days_between is consistent with add_working_days", "[calendar]") {
  Calendar calendar{kEpoch};
  calendar.add_holiday(2017y / std::chrono::May / 25d);
  calendar.add_holiday(2017y / std::chrono::June / 5d);
  calendar.add_holiday(2017y / std::chrono::December / 25d);
  calendar.add_holiday(2017y / std::chrono::December / 23d);  // a Saturday
  year_month_day start = 2017y / std::chrono::May / 1d;
  for (int day = 0; day < 260; ++day, start = next_day(start)) {
    for (int n = -30; n <= 30; ++n) {
      const year_month_day end = calendar.add_working_days(start, n);
      INFO(gcmsim::iso_date(start) << " + " << n << " working days = " << gcmsim::iso_date(end));
      REQUIRE(calendar.working_days_between(start, end) == n);
      REQUIRE(calendar.add_working_days(start, calendar.working_days_between(start, end)) == end);
    }
  }
}

TEST_CASE("ticks round-trip through dates across leap days and month and year ends",
          "[calendar]") {
  const Calendar calendar{kEpoch};
  // Every day from 2015 to 2021 (both leap days 2016 and 2020, ticks before and after the epoch):
  // each day starts one kDay after the previous, and its ticks map back to it.
  const year_month_day first = 2015y / std::chrono::January / 1d;
  const year_month_day stop = 2022y / std::chrono::January / 1d;
  SimTime previous = calendar.at(first) - kDay;
  for (year_month_day date = first; date != stop; date = next_day(date)) {
    INFO(gcmsim::iso_date(date));
    const SimTime midnight = calendar.at(date);
    REQUIRE(midnight - previous == kDay);
    REQUIRE(calendar.date_of(midnight) == date);
    REQUIRE(calendar.date_of(midnight + kDay - 1) == date);
    REQUIRE(calendar.time_of_day(midnight + kDay - 1) == kDay - 1);
    REQUIRE(calendar.date_of(calendar.at(date, 10, 42)) == date);
    REQUIRE(calendar.time_of_day(calendar.at(date, 10, 42)) == clock_time(10, 42));
    previous = midnight;
  }
  // 2016 to 2021: five years, two of them leap.
  CHECK(calendar.at(2021y / std::chrono::January / 1d) -
            calendar.at(2016y / std::chrono::January / 1d) ==
        (5 * 365 + 2) * kDay);
}

TEST_CASE("the day after 28 February is 29 February only in a leap year", "[calendar]") {
  const Calendar calendar{kEpoch};
  CHECK(calendar.date_of(calendar.at(2016y / std::chrono::February / 28d) + kDay) ==
        2016y / std::chrono::February / 29d);
  CHECK(calendar.date_of(calendar.at(2020y / std::chrono::February / 28d) + kDay) ==
        2020y / std::chrono::February / 29d);
  CHECK(calendar.date_of(calendar.at(2017y / std::chrono::February / 28d) + kDay) ==
        2017y / std::chrono::March / 1d);
  CHECK(calendar.date_of(calendar.at(2017y / std::chrono::December / 31d, 23, 59) + kMinute) ==
        2018y / std::chrono::January / 1d);
}

TEST_CASE("the epoch is tick 0 and earlier ticks are negative", "[calendar]") {
  const Calendar calendar{kEpoch};
  CHECK(calendar.at(kEpoch) == 0);
  CHECK(calendar.epoch() == kEpoch);
  CHECK(calendar.date_of(-1) == 2017y / std::chrono::April / 5d);
  CHECK(calendar.time_of_day(-1) == kDay - 1);
  CHECK(calendar.to_string(-kMinute) == "2017-04-05 23:59");
}

TEST_CASE("times print as date and hours:minutes", "[calendar]") {
  const Calendar calendar{kEpoch};
  const SimTime t = calendar.at(2017y / std::chrono::May / 8d, 10, 42);
  CHECK(calendar.to_string(t) == "2017-05-08 10:42");
  CHECK(calendar.to_string(t + 59) == "2017-05-08 10:42");  // seconds are dropped
  CHECK(calendar.date_string(t) == "2017-05-08");
  CHECK(gcmsim::clock_string(clock_time(9, 5)) == "09:05");
  CHECK(gcmsim::clock_string(clock_time(9, 5) + 7) == "09:05:07");
}

TEST_CASE("at() rejects impossible dates and times", "[calendar]") {
  const Calendar calendar{kEpoch};
  CHECK_THROWS_AS(calendar.at(2017y / std::chrono::February / 30d), std::invalid_argument);
  CHECK_THROWS_AS(calendar.at(2017y / std::chrono::May / 8d, 25, 0), std::invalid_argument);
  CHECK_THROWS_AS(calendar.at(2017y / std::chrono::May / 8d, 10, 60), std::invalid_argument);
  CHECK(calendar.at(2017y / std::chrono::May / 8d, 24, 0) ==
        calendar.at(2017y / std::chrono::May / 9d));
}

TEST_CASE("an ISO date is parsed into a year_month_day", "[calendar]") {
  CHECK(gcmsim::parse_iso_date("2017-05-08") == 2017y / std::chrono::May / 8d);
  CHECK(gcmsim::parse_iso_date("2016-02-29") == 2016y / std::chrono::February / 29d);
  CHECK(gcmsim::iso_date(gcmsim::parse_iso_date("2018-12-10")) == "2018-12-10");
}

TEST_CASE("2017-02-30 is rejected with a message naming the text", "[calendar]") {
  CHECK_THROWS_WITH(gcmsim::parse_iso_date("2017-02-30"),
                    Catch::Contains("\"2017-02-30\"") && Catch::Contains("01-28"));
  CHECK_THROWS_WITH(gcmsim::parse_iso_date("2017-02-29"), Catch::Contains("\"2017-02-29\""));
  CHECK_THROWS_WITH(gcmsim::parse_iso_date("2017-13-01"),
                    Catch::Contains("\"2017-13-01\"") && Catch::Contains("01-12"));
  CHECK_THROWS_AS(gcmsim::parse_iso_date("2017-04-31"), std::invalid_argument);
  CHECK_THROWS_AS(gcmsim::parse_iso_date("2017-05-00"), std::invalid_argument);
}

TEST_CASE("malformed date text is rejected with the expected format", "[calendar]") {
  for (const char* text : {"2017-5-8", "08/05/2017", "", "2017-05-08 ", "2017-05-0x", "20170508"}) {
    INFO(text);
    CHECK_THROWS_WITH(gcmsim::parse_iso_date(text),
                      Catch::Contains(std::string("\"") + text + "\"") &&
                          Catch::Contains("expected YYYY-MM-DD"));
  }
}

TEST_CASE("next session slot from 13:30 on a Monday is 15:00", "[calendar]") {
  const Calendar calendar{kEpoch};
  const year_month_day monday = 2017y / std::chrono::May / 8d;
  CHECK(calendar.next_session_slot("geneva", calendar.at(monday, 13, 30)) ==
        calendar.at(monday, 15, 0));
  // Windows are half-open: 13:00 is already the lunch break.
  CHECK(calendar.next_session_slot("geneva", calendar.at(monday, 13, 0)) ==
        calendar.at(monday, 15, 0));
  CHECK(calendar.next_session_slot("geneva", calendar.at(monday, 7, 0)) ==
        calendar.at(monday, 10, 0));
}

TEST_CASE("next session slot from 18:30 on a Friday is the next Monday 10:00", "[calendar]") {
  const Calendar calendar{kEpoch};
  CHECK(calendar.next_session_slot("geneva", calendar.at(2017y / std::chrono::May / 5d, 18, 30)) ==
        calendar.at(2017y / std::chrono::May / 8d, 10, 0));
}

TEST_CASE("next session slot from inside a window is itself", "[calendar]") {
  const Calendar calendar{kEpoch};
  const SimTime t = calendar.at(2017y / std::chrono::May / 8d, 11, 17) + 3;
  CHECK(calendar.in_session("geneva", t));
  CHECK(calendar.next_session_slot("geneva", t) == t);
}

TEST_CASE("next session slot skips a holiday", "[calendar]") {
  Calendar calendar{kEpoch};
  calendar.add_holiday(2017y / std::chrono::May / 25d);
  const SimTime wednesday_evening = calendar.at(2017y / std::chrono::May / 24d, 18, 0);
  CHECK(calendar.next_session_slot("geneva", wednesday_evening) ==
        calendar.at(2017y / std::chrono::May / 26d, 10, 0));
  CHECK_FALSE(calendar.in_session("geneva", calendar.at(2017y / std::chrono::May / 25d, 11, 0)));
}

TEST_CASE("session end is the end of the window containing the time", "[calendar]") {
  const Calendar calendar{kEpoch};
  const year_month_day monday = 2017y / std::chrono::May / 8d;
  CHECK(calendar.session_end("geneva", calendar.at(monday, 10, 0)) == calendar.at(monday, 13, 0));
  CHECK(calendar.session_end("geneva", calendar.at(monday, 17, 59)) ==
        calendar.at(monday, 18, 0));
  CHECK_THROWS_WITH(calendar.session_end("geneva", calendar.at(monday, 14, 0)),
                    Catch::Contains("\"geneva\"") && Catch::Contains("2017-05-08 14:00"));
  CHECK_THROWS_AS(calendar.session_end("geneva", calendar.at(2017y / std::chrono::May / 6d, 11, 0)),
                  std::invalid_argument);
}

TEST_CASE("a venue sits six hours a day by default", "[calendar]") {
  Calendar calendar{kEpoch};
  CHECK(calendar.session_time_per_day("new york") == 6 * kHour);
  CHECK(calendar.session_time_per_day(calendar.venue_id("new york")) == 6 * kHour);
}

TEST_CASE("custom session hours per venue are honoured", "[calendar]") {
  Calendar calendar{kEpoch};
  calendar.set_session_hours("vienna", {{clock_time(9), clock_time(12, 30)},
                                        {clock_time(14), clock_time(17)}});
  const gcmsim::VenueId vienna = calendar.venue_id("vienna");
  CHECK(calendar.venue_name(vienna) == "vienna");
  CHECK(calendar.session_time_per_day(vienna) == 6 * kHour + 30 * kMinute);

  const year_month_day monday = 2017y / std::chrono::September / 4d;
  CHECK(calendar.in_session(vienna, calendar.at(monday, 9, 0)));
  CHECK(calendar.next_session_slot(vienna, calendar.at(monday, 12, 45)) ==
        calendar.at(monday, 14, 0));
  CHECK(calendar.session_end(vienna, calendar.at(monday, 9, 30)) ==
        calendar.at(monday, 12, 30));
  // The name and the id give the same answers.
  CHECK(calendar.next_session_slot("vienna", calendar.at(monday, 12, 45)) ==
        calendar.at(monday, 14, 0));
  // Other venues keep the default hours.
  CHECK_FALSE(calendar.in_session("geneva", calendar.at(monday, 9, 0)));
  CHECK(calendar.next_session_slot("geneva", calendar.at(monday, 9, 0)) ==
        calendar.at(monday, 10, 0));
}

TEST_CASE("setting hours keeps a venue's id valid", "[calendar]") {
  Calendar calendar{kEpoch};
  const gcmsim::VenueId geneva = calendar.venue_id("geneva");
  CHECK(calendar.session_time_per_day(geneva) == 6 * kHour);
  calendar.set_session_hours("geneva", {{clock_time(10), clock_time(13)}});
  CHECK(calendar.venue_id("geneva") == geneva);
  CHECK(calendar.session_time_per_day(geneva) == 3 * kHour);
}

TEST_CASE("bad session windows are rejected with a message", "[calendar]") {
  Calendar calendar{kEpoch};
  calendar.set_session_hours("geneva", {{clock_time(10), clock_time(13)}});
  CHECK_THROWS_WITH(calendar.set_session_hours("geneva", {{clock_time(13), clock_time(10)}}),
                    Catch::Contains("\"geneva\"") && Catch::Contains("13:00-10:00") &&
                        Catch::Contains("start < end"));
  CHECK_THROWS_AS(calendar.set_session_hours("geneva", {{clock_time(10), clock_time(10)}}),
                  std::invalid_argument);
  CHECK_THROWS_WITH(
      calendar.set_session_hours("geneva", {{clock_time(10), clock_time(13)},
                                            {clock_time(12), clock_time(18)}}),
      Catch::Contains("12:00-18:00") && Catch::Contains("not overlapping"));
  CHECK_THROWS_AS(calendar.set_session_hours("geneva", {{clock_time(15), clock_time(18)},
                                                        {clock_time(10), clock_time(13)}}),
                  std::invalid_argument);
  CHECK_THROWS_WITH(calendar.set_session_hours("geneva", {{clock_time(22), clock_time(25)}}),
                    Catch::Contains("00:00-24:00"));
  // A rejected configuration leaves the venue as it was.
  CHECK(calendar.session_time_per_day("geneva") == 3 * kHour);
}

TEST_CASE("a venue with no session windows never sits", "[calendar]") {
  Calendar calendar{kEpoch};
  calendar.set_session_hours("closed", {});
  CHECK_FALSE(calendar.next_session_slot("closed", calendar.at(2017y / std::chrono::May / 8d)));
  CHECK(calendar.session_time_per_day("closed") == 0);
}
