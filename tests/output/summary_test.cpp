#include "output/summary.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "output_test_helpers.hpp"

using namespace gcmsim;
using testing::lines;
using testing::has_line;
using testing::Minimal;
using testing::minimal;
using Catch::Contains;
using std::chrono::May;
using std::chrono::November;
using std::chrono::year;

namespace {

// ts1 on time with all three states (Mexico spoke 6 of 10 minutes, Niger left one request
// unserved); ts2 one day late, attended by Mexico only; stocktaking never held; the trust fund ran
// dry on 20 May; Niger withdrew on 20 November.
model::RunResults run(const model::Scenario& s, const Calendar& cal) {
  model::RunResults r;
  r.seed = 7;
  r.events = 4321;
  r.activities.resize(s.activities.size());
  auto held = [&](std::string_view id, model::Date start, model::Date end) {
    model::ActivityRecord& a = r.activities[*s.find_activity(id)];
    a.started = a.finished = true;
    a.start = cal.at(start, 10);
    a.end = cal.at(end, 18);
  };
  held("ts1", year{2017} / May / 8, year{2017} / May / 9);
  held("ts2", year{2017} / May / 23, year{2017} / May / 24);

  const std::size_t mex = *s.find_state("MEX"), che = *s.find_state("CHE"), ner = *s.find_state("NER");
  model::MeetingRecord m1;
  m1.activity = *s.find_activity("ts1");
  m1.states.resize(3);
  m1.states[mex] = {.present = true, .floor_requests = 2, .interventions = 2, .speaking_minutes = 6.0};
  m1.states[che] = {.present = true, .floor_requests = 1, .interventions = 1, .speaking_minutes = 3.0};
  m1.states[ner] = {.present = true, .funded = true, .floor_requests = 2, .interventions = 1, .unserved_requests = 1,
                    .speaking_minutes = 1.0};
  model::MeetingRecord m2;
  m2.activity = *s.find_activity("ts2");
  m2.states.resize(3);
  m2.states[mex].present = true;
  r.meetings = {m1, m2};

  r.trust_fund = {.raised = 100000.0, .spent = 4000.0, .trips_funded = 1, .requests_refused = 2,
                  .ran_dry = cal.at(year{2017} / May / 20, 9), .ledger = {}};
  r.withdrawals.push_back({.state = ner, .when = cal.at(year{2017} / November / 20, 12), .cause = model::WithdrawalCause::scripted, .note = "acceptance below reservation"});
  return r;
}

}  // namespace

TEST_CASE("key activities are found by kind, first and last by planned start", "[output]") {
  const Minimal m = minimal();
  const auto keys = output::key_activities(m.s, m.plan);
  REQUIRE(keys.size() == 3);
  CHECK(keys[0].label == "first thematic session");
  CHECK(m.s.activities[keys[0].activity].id == "ts1");
  CHECK(keys[1].label == "last thematic session");
  CHECK(m.s.activities[keys[1].activity].id == "ts2");
  CHECK(keys[2].label == "stocktaking");
}

TEST_CASE("run metrics give attendance, speaking and membership shares by regional group", "[output]") {
  const Minimal m = minimal();
  const sim::Participation metrics = sim::participation(m.s, run(m.s, m.cal));
  const auto& latin = metrics.groups[static_cast<int>(model::RegionalGroup::latin_american_caribbean)];
  const auto& african = metrics.groups[static_cast<int>(model::RegionalGroup::african)];
  const auto& asia = metrics.groups[static_cast<int>(model::RegionalGroup::asia_pacific)];
  CHECK(latin.attendance_share == Approx(1.0));
  CHECK(african.attendance_share == Approx(0.5));  // at ts1, not at ts2
  CHECK(latin.speaking_share == Approx(0.6));
  CHECK(latin.membership_share == Approx(1.0 / 3.0));
  CHECK(african.unserved_requests == 1);
  CHECK(metrics.unserved_requests == 1);
  CHECK(asia.members == 0);
  CHECK(std::isnan(asia.attendance_share));
  CHECK(asia.speaking_share == 0.0);
}

TEST_CASE("the terminal summary mentions each section and shows a slip", "[output]") {
  const Minimal m = minimal();
  const std::string text = output::terminal_summary(m.s, m.plan, run(m.s, m.cal), m.cal);
  INFO(text);
  const auto all = lines(text);
  CHECK(all.size() <= 60);
  CHECK(std::all_of(all.begin(), all.end(), [](const std::string& l) { return l.size() <= 80; }));
  CHECK_THAT(text, Contains("minimal: seed 7, replication 0, 4321 events"));
  CHECK_THAT(text, Contains("Key dates"));
  CHECK(has_line(text, "  milestone               id           planned     simulated   slip"));
  CHECK(has_line(text, "  first thematic session  ts1          2017-05-09  2017-05-09     0"));
  CHECK(has_line(text, "  last thematic session   ts2          2017-05-23  2017-05-24    +1"));
  CHECK(has_line(text, "  stocktaking             stocktaking  2017-12-06  -              -"));
  CHECK(has_line(text, "Critical path (45 working days): ib1 -> ts1 -> sum1 -> stocktaking"));
  CHECK_THAT(text, Contains("By regional group: attendance") && Contains("speaking = share of all speaking minutes") &&
                       Contains("membership = share of\nthe member states"));
  CHECK(has_line(text, "  regional group  states  attendance  minutes  speaking  membership  unserved"));
  CHECK(has_line(text, "  African              1       50.0%      1.0     10.0%       33.3%         1"));
  CHECK(has_line(text, "  GRULAC               1      100.0%      6.0     60.0%       33.3%         0"));
  CHECK(has_line(text, "  all                  3                 10.0                               1"));
  CHECK(has_line(text, "Unserved floor requests: 1 in total"));
  CHECK(has_line(text, "Trust fund: raised 100000.00 USD, spent 4000.00 USD, ran dry: 2017-05-20"));
  CHECK(has_line(text, "  trips funded: 1, requests refused: 2"));
  CHECK(has_line(text, "Left the process: 1"));
  CHECK(has_line(text, "  Niger (NER)  2017-11-20  acceptance below reservation"));
}

TEST_CASE("the terminal summary says when the trust fund never ran dry and omits absent withdrawals", "[output]") {
  const Minimal m = minimal();
  model::RunResults r = run(m.s, m.cal);
  r.trust_fund.ran_dry.reset();
  r.withdrawals.clear();
  const std::string text = output::terminal_summary(m.s, m.plan, r, m.cal);
  CHECK_THAT(text, Contains("ran dry: never"));
  CHECK_THAT(text, !Contains("Left the process") && !Contains("Dissociated after agreement"));
}

TEST_CASE("aligned columns pad to the widest cell without trailing spaces", "[output]") {
  CHECK(output::aligned_columns({{"a", "1", "x"}, {"long", "100", ""}}, {false, true, false}, "  ") ==
        "  a       1  x\n"
        "  long  100\n");
}

TEST_CASE("a long critical path is wrapped at 80 columns", "[output]") {
  Minimal m = minimal();
  for (int k = 0; k < 12; ++k) m.plan.critical_path.push_back(*m.s.find_activity("stocktaking"));
  const std::string text = output::terminal_summary(m.s, m.plan, run(m.s, m.cal), m.cal);
  const auto all = lines(text);
  CHECK(std::all_of(all.begin(), all.end(), [](const std::string& l) { return l.size() <= 80; }));
  CHECK_THAT(text, Contains("Critical path (45 working days): ib1 -> ts1 -> sum1 -> stocktaking ->\n"
                            "  stocktaking -> stocktaking -> "));
}

TEST_CASE("a small scenario's summary lists only the groups it has and no trust fund without one", "[output]") {
  Minimal m = minimal();  // Mexico, Switzerland and Niger: three of the five regional groups
  const std::string with_fund = output::terminal_summary(m.s, m.plan, run(m.s, m.cal), m.cal);
  CHECK_THAT(with_fund, !Contains("Asia-Pacific") && !Contains("Eastern European"));
  CHECK_THAT(with_fund, Contains("Trust fund: raised"));
  m.s.trust_fund.contributions.clear();
  const std::string without = output::terminal_summary(m.s, m.plan, run(m.s, m.cal), m.cal);
  CHECK_THAT(without, !Contains("Trust fund"));
  CHECK(has_line(without, "  all                  3                 10.0                               1"));
}
