// Warnings of resolution 71/280's calendar and of a plan that cannot hold: named, located, never
// stopping a load.
#include "models/loader/rule_warnings.hpp"

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

std::string warnings(const loader::LoadResult& r) { return r.diagnostics.format_warnings(r.files); }

}  // namespace

TEST_CASE("the baseline follows every rule it is checked against", "[loader][warnings]") {
  const auto r = load(kBaseline);
  REQUIRE(r.ok());
  INFO(warnings(r));
  CHECK(r.diagnostics.warnings().empty());
}

TEST_CASE("an activity planned before what it needs ends is an infeasible plan", "[loader][warnings]") {
  const auto r = load(kBaseline, {scenario_file("what-if/extra-round.yaml")});
  REQUIRE(r.ok());  // a warning never stops a load
  const std::string text = warnings(r);
  INFO(text);
  // rev6 is due a week before round 7 (23 July): drafted 10-16 July, while round 6 sits until 13 July.
  CHECK_THAT(text, Contains("what-if/extra-round.yaml:7:47: warning[infeasible-plan]: activity 'rev6' is planned to start "
                            "2018-07-10 but needs 'round6', planned to end 2018-07-13; the run will start it late"));
  // A second round in July: ten days of negotiations where OP28 sets five.
  CHECK_THAT(text, Contains("warning[OP28]: July 2018 has 10 days of negotiations (round6, round7); OP28 sets 5 (OP29 "
                            "allows additional consultations as required)"));
}

TEST_CASE("each rule of resolution 71/280 is named and located at what the user wrote", "[loader][warnings]") {
  const auto r = load(kBaseline, {override_file("rules.yaml",
                                                "activities:\n"
                                                "  - {id: round1, start: 2018-02-19, end: 2018-02-22, days: 4}\n"
                                                "  - {id: zero_draft, window: {earliest: 2017-12-07, latest: 2018-03-01}, days: 50}\n"
                                                "  - {id: ts6, start: 2017-12-11, end: 2017-12-12}\n"
                                                "  - {id: h6, start: 2018-07-02, end: 2018-07-02, format: hearing}\n")});
  REQUIRE(r.ok());
  const std::string text = warnings(r);
  INFO(text);
  CHECK_THAT(text, Contains("rules.yaml:2:60: warning[OP28]: February 2018 has 4 days of negotiations (round1); OP28 sets 3"));
  CHECK_THAT(text, Contains("warning[OP27]: the zero draft 'zero_draft' is planned to be ready"));
  CHECK_THAT(text, Contains("rules.yaml:4:22: warning[OP14]: activity 'ts6' of the consultations phase is planned "
                            "2017-12-11 to 2017-12-12; OP14 places that phase in April to November 2017"));
  CHECK_THAT(text, Contains("rules.yaml:5:21: warning[OP30]: hearing 'h6' is planned 2018-07-02; OP30 holds the hearings "
                            "between April 2017 and June 2018"));
  CHECK_THAT(text, Contains("warning[OP30]: the hearings last 4.5 days in total (a half-day format counts a half); OP30 "
                            "sets four days"));
}

TEST_CASE("a meeting planned in a closure is warned, located at the --shift that moved it there", "[loader][warnings]") {
  // The stocktaking (4-6 December 2017) moved 22 days sits 26-28 December, in the year-end closure.
  const auto r = load(kBaseline, {}, {"shift activities.stocktaking=+22d"});
  REQUIRE(r.ok());  // a warning never stops a load
  const std::string text = warnings(r);
  INFO(text);
  CHECK(r.diagnostics.warnings().size() == 1);
  CHECK_THAT(text, Contains("--shift #1:1:1: warning[closure]: meeting 'stocktaking' is planned to sit on 2017-12-26, "
                            "2017-12-27 and 2017-12-28, in the UN's year-end closure (estimate), 2017-12-25 to "
                            "2018-01-01, when the UN holds no meetings"));
  // Three weeks would open it on Christmas Day, a holiday: no meeting can open on a day off.
  const auto holiday = load(kBaseline, {}, {"shift activities.stocktaking=+3w"});
  REQUIRE_FALSE(holiday.ok());
  CHECK_THAT(holiday.error_report(), Contains("the new start 2017-12-25 is not a working day"));
  // Only the sitting days count: a meeting that ends before the closure, or a document drafted
  // through it (the baseline's, tested above), is not warned.
  const auto before = load(kBaseline, {}, {"shift activities.stocktaking=+2w"});
  REQUIRE(before.ok());
  CHECK(before.diagnostics.warnings().empty());
}

TEST_CASE("a closure in the scenario's calendar is checked like any dates", "[loader][warnings]") {
  const auto r = load(kBaseline, {override_file("closure.yaml",
                                                "calendar:\n"
                                                "  closures:\n"
                                                "    - {start: 2017-12-25, end: 2018-01-01, name: year end}\n"
                                                "    - {start: 2018-07-13, end: 2018-07-09, name: backwards}\n")});
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error_report(), Contains("closure.yaml:4:32: error: the closure ends 2018-07-09 before it starts 2018-07-13"));
}

TEST_CASE("OP10: a Secretary-General of the Conference appointed after phase I began is warned at the date", "[loader][warnings]") {
  const auto r = load(kBaseline, {scenario_file("what-if/late-conference-secretary-general.yaml")});
  REQUIRE(r.ok());  // a warning never stops a load
  const std::string text = warnings(r);
  INFO(text);
  CHECK(r.diagnostics.warnings().size() == 1);
  CHECK_THAT(text, Contains("late-conference-secretary-general.yaml:11:72: warning[OP10]: the Secretary-General of the "
                            "Conference is appointed 2017-06-01; OP10 requests the appointment ahead of phase I "
                            "(2017-04-01): the issue briefs and the conference note wait for it"));
}

TEST_CASE("OP10: no Secretary-General of the Conference is warned at the secretariat", "[loader][warnings]") {
  const auto r = load(kBaseline, {}, {"actors.secretariat.conference_secretary_general=null"});
  REQUIRE(r.ok());
  const std::string text = warnings(r);
  INFO(text);
  CHECK(r.diagnostics.warnings().size() == 1);
  CHECK_THAT(text, Contains("warning[OP10]: no Secretary-General of the Conference is appointed "
                            "(actors.secretariat.conference_secretary_general); OP10 requests one ahead of phase I; the "
                            "Secretariat (OP11) leads the issue briefs and the conference note from the start"));
}

TEST_CASE("OP13: modalities decided after January 2018, or after the conference's date, are warned", "[loader][warnings]") {
  const auto r = load(kBaseline, {scenario_file("what-if/late-conference-modalities.yaml")});
  REQUIRE(r.ok());
  const std::string text = warnings(r);
  INFO(text);
  CHECK_THAT(text, Contains("late-conference-modalities.yaml:11:52: warning[OP13]: the conference modalities "
                            "'conference_modalities' are planned to be decided 2018-09-28; OP13 has Member States decide "
                            "them by January 2018"));
  CHECK_THAT(text, Contains("warning[infeasible-plan]: activity 'conference' is planned to start 2018-09-21 but needs "
                            "'conference_modalities', planned to end 2018-09-28; the run will start it late"));
  // A conference that does not wait for the modalities it has is warned too: the rule would be silent.
  const auto unlinked = load(kBaseline, {}, {"activities.conference.needs=[round6]"});
  REQUIRE(unlinked.ok());
  CHECK_THAT(warnings(unlinked), Contains("warning[OP13]: the conference 'conference' does not need the conference "
                                          "modalities 'conference_modalities'; OP13 bases the conference on them (add "
                                          "'conference_modalities' to its needs)"));
}

TEST_CASE("a Secretary-General of the Conference without an appointment date is a located schema error", "[loader][errors]") {
  const auto r = load(kBaseline, {override_file("sg_no_date.yaml",
                                                "actors:\n"
                                                "  secretariat:\n"
                                                "    conference_secretary_general: {person: \"Louise Arbour\", apointed: 2017-03-09}\n")});
  REQUIRE_FALSE(r.ok());
  const std::string report = r.error_report();
  INFO(report);
  CHECK_THAT(report, Contains("sg_no_date.yaml:3:"));
  CHECK_THAT(report, Contains("apointed"));
  CHECK_THAT(report, Contains("appointed"));
}
