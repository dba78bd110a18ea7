// Soft and hard needs (models/process/fixed_dates.hpp): a hosted meeting keeps its date whatever it
// needs, except the conference's modalities: it cannot be held before Member States decide them (OP13).
#include "models/process/fixed_dates.hpp"

#include <catch2/catch.hpp>

#include "process_run.hpp"

using namespace gcmsim;
using model::ActivityKind;

namespace {

using Run = testing::ProcessRun;

}  // namespace

TEST_CASE("a meeting that keeps its date waits only for the conference's modalities", "[process][OP13]") {
  CHECK_FALSE(model::waits_for(ActivityKind::conference, ActivityKind::negotiation_round));
  CHECK_FALSE(model::waits_for(ActivityKind::stocktaking, ActivityKind::summary));
  CHECK(model::waits_for(ActivityKind::conference, ActivityKind::conference_modalities));
  CHECK(model::waits_for(ActivityKind::thematic_session, ActivityKind::issue_brief));
  CHECK(model::waits_for(ActivityKind::conference_modalities, ActivityKind::conference_note));
}

TEST_CASE("the baseline decides the conference's modalities by January 2018 and holds it on its date", "[process][OP13]") {
  const Run run = testing::run_baseline_process({});
  const auto& note = run.record("conference_note");
  const auto& modalities = run.record("conference_modalities");
  REQUIRE(modalities.finished);
  CHECK(note.end <= modalities.start);  // OP13: the note is the basis of the decision
  CHECK(run.calendar.date_of(modalities.end) <= model::Date{std::chrono::year{2018}, std::chrono::January, std::chrono::day{31}});
  CHECK(run.record("conference").cause.planned);
}

TEST_CASE("a conference whose modalities are decided late waits for them", "[process][OP13]") {
  const Run base = testing::run_baseline_process({});
  const Run late = testing::run_baseline_process({testing::scenario_file("what-if/late-conference-modalities.yaml")});
  const auto& modalities = late.record("conference_modalities");
  const auto& conference = late.record("conference");
  REQUIRE(modalities.finished);
  REQUIRE(conference.started);
  // Not before the decision: planned 21 September, the decision comes later, the conference follows it.
  CHECK(base.record("conference").start < modalities.end);
  CHECK(conference.start > modalities.end);
  CHECK_FALSE(conference.cause.planned);
  CHECK(conference.cause.waited_for == late.scenario.find_activity("conference_modalities"));
  // Every run of it is the same run (the rule adds no randomness of its own).
  const Run again = testing::run_baseline_process({testing::scenario_file("what-if/late-conference-modalities.yaml")});
  CHECK(again.results.fingerprint == late.results.fingerprint);
}

TEST_CASE("the conference's other needs stay soft: a late final round does not move it", "[process][OP13]") {
  // The hosted conference keeps its date for the negotiated text (docs/model.md, "Soft and hard
  // needs"); only the modalities hold it.
  const Run run = testing::run_baseline_process({}, {"activities.round6.start=2018-09-17", "activities.round6.end=2018-09-21",
                                "activities.round6.window.latest=2018-09-30"});
  CHECK(run.record("conference").cause.planned);
}
