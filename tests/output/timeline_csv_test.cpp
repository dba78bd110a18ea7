#include "output/timeline_csv.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "output_test_helpers.hpp"

using namespace gcmsim;
using testing::lines;
using std::chrono::May;
using std::chrono::year;

namespace {

// The minimal fixture's five activities: ib1, ts1, sum1, ts2, stocktaking. ib1 and ts1 on time,
// sum1 waits for ts1 and ends three days late, ts2 ends a day early, stocktaking never starts.
model::RunResults run(const model::Scenario& s, const Calendar& cal) {
  model::RunResults r;
  r.activities.resize(s.activities.size());
  auto finished = [&](std::string_view id, model::Date start, int h0, int m0, model::Date end, int h1, int m1) {
    model::ActivityRecord& a = r.activities[*s.find_activity(id)];
    a.started = a.finished = true;
    a.start = cal.at(start, h0, m0);
    a.end = cal.at(end, h1, m1);
  };
  finished("ib1", year{2017} / 3 / 28, 9, 0, year{2017} / 4 / 10, 17, 0);
  finished("ts1", year{2017} / May / 8, 10, 0, year{2017} / May / 9, 17, 50);
  finished("sum1", year{2017} / May / 10, 9, 0, year{2017} / May / 26, 16, 59);
  finished("ts2", year{2017} / May / 22, 10, 0, year{2017} / May / 22, 18, 0);
  r.activities[*s.find_activity("sum1")].cause = {.planned = false, .waited_for = s.find_activity("ts1")};
  return r;
}

}  // namespace

TEST_CASE("timeline rows give planned and simulated dates, slip and what each start waited for", "[output]") {
  const auto loaded = testing::load(testing::fixture("minimal.yaml"));
  REQUIRE(loaded.ok());
  const model::Scenario& s = *loaded.scenario;
  const Calendar cal = s.make_calendar();
  const model::Plan plan = model::make_plan(s, cal);

  const std::vector<std::string> got = lines(output::timeline_csv(s, plan, run(s, cal), cal));
  // ib1 is due 4 weeks (20 working days) before ts1 on Monday 8 May and takes 10 working days;
  // sum1 starts the working day after ts1 and takes 10 working days, to Tuesday 23 May; the chain
  // ib1 -> ts1 -> sum1 -> stocktaking (10 + 20 lead + 2 + 10 + 3 days) is longer than via ts2.
  const std::vector<std::string> expected = {
      "id,kind,phase,venue,planned_start,planned_end,simulated_start,simulated_end,slip_days,on_critical_path,started_after",
      "ib1,issue_brief,consultations,,2017-03-28,2017-04-10,2017-03-28T09:00,2017-04-10T17:00,0,true,planned",
      "ts1,thematic_session,consultations,geneva,2017-05-08,2017-05-09,2017-05-08T10:00,2017-05-09T17:50,0,true,planned",
      "sum1,summary,consultations,,2017-05-10,2017-05-23,2017-05-10T09:00,2017-05-26T16:59,3,true,ts1",
      "ts2,thematic_session,consultations,new_york,2017-05-22,2017-05-23,2017-05-22T10:00,2017-05-22T18:00,-1,false,planned",
      "stocktaking,stocktaking,stocktaking,new_york,2017-12-04,2017-12-06,,,,true,",
  };
  CHECK(got == expected);
}

TEST_CASE("the same results give byte-identical timelines", "[output]") {
  const auto loaded = testing::load(testing::fixture("minimal.yaml"));
  REQUIRE(loaded.ok());
  const model::Scenario& s = *loaded.scenario;
  const Calendar cal = s.make_calendar();
  const model::Plan plan = model::make_plan(s, cal);
  CHECK(output::timeline_csv(s, plan, run(s, cal), cal) == output::timeline_csv(s, plan, run(s, cal), cal));
}

TEST_CASE("a timeline refuses results of another scenario", "[output]") {
  const auto loaded = testing::load(testing::fixture("minimal.yaml"));
  REQUIRE(loaded.ok());
  const model::Scenario& s = *loaded.scenario;
  const Calendar cal = s.make_calendar();
  const model::Plan plan = model::make_plan(s, cal);
  model::RunResults short_results;
  short_results.activities.resize(2);
  CHECK_THROWS_AS(output::timeline_csv(s, plan, short_results, cal), std::invalid_argument);
}
