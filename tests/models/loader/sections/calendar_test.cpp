// The `calendar:` section builder (models/loader/sections/calendar.cpp).
#include <catch2/catch.hpp>

#include "section_helpers.hpp"

using gcmsim::testing::build_sections;
using namespace gcmsim::loader::sections;
using Catch::Matchers::Contains;

TEST_CASE("the calendar section reads the epoch, the holidays and each venue's session hours", "[loader][sections]") {
  const auto built = build_sections(R"(
calendar:
  epoch: 2017-03-01
  holidays: [2017-05-25, 2017-12-25]
  venues:
    geneva: {name: Palais des Nations, city: Geneva, mission_key: geneva, capacity: 2000}
    new_york:
      name: UN Headquarters
      session_hours: [{start: "10:00", end: "13:00"}, {start: "15:00", end: "18:00"}]
)", {build_calendar});
  REQUIRE(built.errors().empty());
  const auto& s = built.scenario;
  CHECK(gcmsim::iso_date(s.epoch) == "2017-03-01");
  REQUIRE(s.holidays.size() == 2);
  CHECK(gcmsim::iso_date(s.holidays[1]) == "2017-12-25");
  REQUIRE(s.venues.size() == 2);
  const auto& geneva = s.venues[*s.find_venue("geneva")];
  CHECK(geneva.city == "Geneva");
  CHECK(geneva.mission_city == gcmsim::model::MissionCity::geneva);
  CHECK(geneva.capacity == 2000);
  const auto& ny = s.venues[*s.find_venue("new_york")];
  REQUIRE(ny.session_hours.size() == 2);
  CHECK(ny.session_hours[1].start == gcmsim::clock_time(15));
  CHECK(ny.session_hours[1].end == gcmsim::clock_time(18));
}

TEST_CASE("the calendar section reports impossible dates, dates past the horizon and overlapping hours", "[loader][sections]") {
  const auto built = build_sections(R"(calendar:
  epoch: 2017-03-01
  holidays: [2017-02-30, 2038-01-01]
  venues:
    geneva:
      session_hours: [{start: "10:00", end: "13:00"}, {start: "12:00", end: "18:00"}]
)", {build_calendar});
  const auto errors = built.errors();
  REQUIRE(errors.size() == 3);
  CHECK_THAT(errors[0], Contains("3:14: invalid date"));
  CHECK_THAT(errors[1], Contains("3:26: 2038-01-01 is more than 20 years after the epoch 2017-03-01"));
  CHECK_THAT(errors[2], Contains("begins before window"));
}
