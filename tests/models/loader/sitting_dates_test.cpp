// A meeting on listed, non-consecutive days (`dates:`): round 1 of 2018 sat on 20, 22 and 23
// February, with the fourth hearing on the 21st.
#include <catch2/catch.hpp>

#include "load_helpers.hpp"
#include "override_file.hpp"

using namespace gcmsim;
using Catch::Contains;
using testing::load;
using testing::override_file;
using testing::scenario_file;

namespace {
const std::string kBaseline = scenario_file("gcm-2017-2018.yaml");
}

TEST_CASE("listed dates decide a meeting's start, end and days over the base's", "[loader][dates]") {
  const auto r = load(kBaseline, {override_file("round1-dates.yaml",
                                                "activities:\n  - {id: round1, dates: [2018-02-20, 2018-02-22, 2018-02-23]}\n")});
  INFO(r.error_report());
  REQUIRE(r.ok());
  const model::Scenario& s = *r.scenario;
  const model::Activity& round1 = s.activities[*s.find_activity("round1")];
  REQUIRE(round1.sitting_dates.size() == 3);
  CHECK(iso_date(*round1.start) == "2018-02-20");
  CHECK(iso_date(*round1.end) == "2018-02-23");
  CHECK(round1.days == 3);
  CHECK(round1.sitting_offsets(s.make_calendar()) == std::vector<int>{0, 2, 3});
  CHECK(r.diagnostics.warnings().empty());  // still three days in February (OP28)
}

TEST_CASE("listed dates must be working days, in order, and agree with start and end written beside them", "[loader][dates]") {
  const auto r = load(kBaseline, {override_file("bad-dates.yaml",
                                                "activities:\n"
                                                "  - {id: round1, dates: [2018-02-20, 2018-02-24, 2018-02-23]}\n"
                                                "  - {id: round2, start: 2018-03-12, dates: [2018-03-13, 2018-03-15]}\n"
                                                "  - {id: round3, days: 4, dates: [2018-04-09, 2018-04-11]}\n")});
  REQUIRE_FALSE(r.ok());
  const std::string report = r.error_report();
  INFO(report);
  CHECK_THAT(report, Contains("bad-dates.yaml:2:38: error: activity 'round1': 2018-02-24 is not a working day"));
  CHECK_THAT(report, Contains("bad-dates.yaml:2:50: error: activity 'round1': 2018-02-23 does not follow 2018-02-24"));
  CHECK_THAT(report, Contains("bad-dates.yaml:3:25: error: activity 'round2': start 2018-03-12 disagrees with its dates "
                              "(2018-03-13); give either dates or start and end"));
  CHECK_THAT(report, Contains("bad-dates.yaml:4:24: error: activity 'round3': 2 dates are listed, but days is 4"));
}
