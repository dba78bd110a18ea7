// Drafting times: the lognormal spread and the late deliverable, each from its named parameter.
#include "models/process/document_timing.hpp"

#include <catch2/catch.hpp>

using namespace gcmsim;
using namespace gcmsim::model;
using namespace std::chrono;

TEST_CASE("without spread or lateness a document takes its planned days", "[document_timing]") {
  RandomStreams streams(1, 0);
  RandomStream stream = streams.stream("drafting", 0);
  const DraftingParameters exact{.delay_sd_days = 0.0, .late_probability = 0.0};
  for (int i = 0; i < 20; ++i) CHECK(drafting_days(10, exact, stream) == 10);
}

TEST_CASE("a late document needs the extra share of its days that the parameters give", "[document_timing]") {
  RandomStreams streams(1, 0);
  RandomStream stream = streams.stream("drafting", 0);
  const DraftingParameters late{.delay_sd_days = 0.0, .late_probability = 1.0, .late_extra_min = 0.5, .late_extra_max = 0.5};
  CHECK(drafting_days(10, late, stream) == 15);
  const DraftingParameters later{.delay_sd_days = 0.0, .late_probability = 1.0, .late_extra_min = 1.0, .late_extra_max = 1.0};
  CHECK(drafting_days(10, later, stream) == 20);
}

TEST_CASE("late documents take 20-60% more by default", "[document_timing]") {
  RandomStreams streams(3, 0);
  RandomStream stream = streams.stream("drafting", 0);
  DraftingParameters late;
  late.delay_sd_days = 0.0;
  late.late_probability = 1.0;
  for (int i = 0; i < 200; ++i) {
    const int days = drafting_days(100, late, stream);
    CHECK(days >= 120);
    CHECK(days <= 160);
  }
}

TEST_CASE("drafting possible after noon starts the next working day and ends at 18:00", "[document_timing]") {
  const Calendar cal(year{2017} / May / 1);
  const SimTime friday_afternoon = cal.at(year{2017} / May / 5, 14);
  const SimTime start = drafting_start(cal, friday_afternoon);
  CHECK(start == cal.at(year{2017} / May / 8));
  CHECK(drafting_end(cal, start, 2) == cal.at(year{2017} / May / 9, 18));
  CHECK(drafting_start(cal, cal.at(year{2017} / May / 5, 9)) == cal.at(year{2017} / May / 5, 9));
}
