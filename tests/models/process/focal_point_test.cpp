// OP10: the Secretary-General of the Conference, the UN system's focal point. The work the role leads
// (issue briefs, CN §2(d); the conference note, OP13) starts no earlier than the appointment; without
// an appointment the Secretariat (OP11) leads it from the start (models/process/focal_point.hpp).
#include "models/process/focal_point.hpp"

#include <catch2/catch.hpp>

#include "process_run.hpp"

using namespace gcmsim;
using namespace std::chrono;

namespace {

using Run = testing::ProcessRun;

constexpr model::Date kJune1{year{2017}, June, day{1}};

}  // namespace

TEST_CASE("only the issue briefs and the conference note wait for the Secretary-General of the Conference", "[process][OP10]") {
  model::Scenario s;
  s.epoch = model::Date{year{2017}, April, day{1}};
  const Calendar calendar = s.make_calendar();
  const SimTime ready = calendar.at(model::Date{year{2017}, April, day{3}});
  // No appointment: nothing waits (the Secretariat leads, OP11).
  CHECK(model::focal_point_start(s, calendar, model::ActivityKind::issue_brief, ready) == ready);
  s.conference_secretary_general = model::ConferenceSecretaryGeneral{"Louise Arbour", kJune1};
  CHECK(model::focal_point_start(s, calendar, model::ActivityKind::issue_brief, ready) == calendar.at(kJune1));
  CHECK(model::focal_point_start(s, calendar, model::ActivityKind::conference_note, ready) == calendar.at(kJune1));
  // Work the role does not lead: the PGA's procedural notes, the co-facilitators' summaries and drafts.
  for (auto kind : {model::ActivityKind::procedural_note, model::ActivityKind::summary, model::ActivityKind::zero_draft,
                    model::ActivityKind::conference_modalities}) {
    CHECK(model::focal_point_start(s, calendar, kind, ready) == ready);
  }
  // Appointed before the work is ready (before the epoch, as on 9 March 2017): no wait.
  s.conference_secretary_general->appointed = model::Date{year{2017}, March, day{9}};
  CHECK(model::focal_point_start(s, calendar, model::ActivityKind::issue_brief, ready) == ready);
}

TEST_CASE("a late Secretary-General of the Conference delays the issue briefs and the sessions that need them", "[process][OP10]") {
  const Run on_time = testing::run_baseline_process();
  const Run late = testing::run_baseline_process({testing::scenario_file("what-if/late-conference-secretary-general.yaml")});
  const SimTime appointed = late.calendar.at(kJune1);
  // Briefs planned before 1 June wait for the appointment, and say so.
  for (const char* brief : {"ib1", "ib2", "ib3"}) {
    INFO(brief);
    CHECK(on_time.record(brief).start < appointed);
    CHECK(late.record(brief).start >= appointed);
    CHECK(late.record(brief).cause.waited_for_appointment);
    CHECK_FALSE(on_time.record(brief).cause.waited_for_appointment);
  }
  // A session waits for its brief (it needs it): the first session, 8-9 May, slips past 1 June.
  CHECK(late.record("ts1").start > appointed);
  CHECK(late.record("ts1").cause.waited_for == late.scenario.find_activity("ib1"));
  // Bounded: a brief drafted after the appointment in the plan does not move (ib6, due in September).
  CHECK(late.record("ib6").start == on_time.record("ib6").start);
  CHECK_FALSE(late.record("ib6").cause.waited_for_appointment);
}

TEST_CASE("without a Secretary-General of the Conference the Secretariat leads the work as planned", "[process][OP10]") {
  const Run on_time = testing::run_baseline_process();
  const Run none = testing::run_baseline_process({}, {"actors.secretariat.conference_secretary_general=null"});
  REQUIRE_FALSE(none.scenario.conference_secretary_general);
  // The baseline's appointment (9 March 2017) precedes all the work: the two runs are the same.
  CHECK(none.results.fingerprint == on_time.results.fingerprint);
  for (const char* id : {"ib1", "conference_note", "ts1", "conference"}) {
    INFO(id);
    CHECK(none.record(id).start == on_time.record(id).start);
  }
}
