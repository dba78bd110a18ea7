// The process model against the rules of resolution 71/280 it encodes, one test per paragraph, and
// against its own promises: determinism and slips that propagate only to what depends on them.
#include "models/process/process_model.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "models/process/moderators.hpp"
#include "models/process/trust_fund.hpp"
#include "models/setup/trust_fund_eligibility.hpp"
#include "process_run.hpp"

using namespace gcmsim;
using namespace std::chrono;

namespace {

using Run = testing::ProcessRun;

const Run& baseline() {
  static const Run run = testing::run_baseline_process();
  return run;
}

std::vector<std::string> ids_of_kind(const Run& run, model::ActivityKind kind) {
  std::vector<std::string> ids;
  for (const auto& a : run.scenario.activities) {
    if (a.kind == kind) ids.push_back(a.id);
  }
  return ids;
}

}  // namespace

TEST_CASE("OP16: thematic sessions sit two days within session hours, 12 working days in all", "[process]") {
  const Run& run = baseline();
  int total = 0;
  for (const auto& id : ids_of_kind(run, model::ActivityKind::thematic_session)) {
    INFO(id);
    const auto& r = run.record(id);
    const std::string venue = run.scenario.venues[*run.activity(id).venue].id;
    REQUIRE(r.finished);
    REQUIRE(run.calendar.in_session(venue, r.start));
    REQUIRE(run.calendar.time_of_day(r.start) == 10 * kHour);
    REQUIRE(run.calendar.time_of_day(r.end) <= 18 * kHour);
    REQUIRE(run.sitting_days(id) == 2);
    total += run.sitting_days(id);
  }
  REQUIRE(total == 12);
}

TEST_CASE("OP16 and OP17: 2-3 panels per session, each moderated by a member state, every regional group among "
          "the moderators", "[process]") {
  const Run& run = baseline();
  std::set<model::RegionalGroup> groups;
  std::set<std::size_t> moderators;
  for (const auto& id : ids_of_kind(run, model::ActivityKind::thematic_session)) {
    INFO(id);
    const auto& m = run.meeting(id);
    REQUIRE(m.moderators.size() >= 2);
    REQUIRE(m.moderators.size() <= 3);
    std::set<int> profiles;
    for (std::size_t k : m.moderators) {
      groups.insert(run.scenario.member_states[k].group);
      profiles.insert(model::dominant_profile(run.scenario.member_states[k]));
      REQUIRE(m.states[k].present);
      REQUIRE(m.states[k].moderated);
      REQUIRE(moderators.insert(k).second);  // nobody moderates twice
    }
    REQUIRE(profiles.size() >= 2);  // panels mix origin, transit and destination situations
  }
  REQUIRE(groups.size() == 5);
}

TEST_CASE("OP18: the issue brief is out before each session opens, even when drafting runs late", "[process]") {
  for (std::uint64_t replication = 0; replication < 5; ++replication) {
    const Run run = testing::run_baseline_process({}, {"parameters.drafting.late_probability=0.9"}, replication);
    for (int k = 1; k <= 6; ++k) {
      const std::string n = std::to_string(k);
      INFO("session " << n << ", replication " << replication);
      REQUIRE(run.record("ib" + n).finished);
      REQUIRE(run.record("ib" + n).end <= run.record("ts" + n).start);
    }
  }
}

TEST_CASE("OP21: the co-facilitators' summary of each session follows it", "[process]") {
  const Run& run = baseline();
  for (int k = 1; k <= 6; ++k) {
    const std::string n = std::to_string(k);
    REQUIRE(run.record("sum" + n).start > run.record("ts" + n).end);
    REQUIRE(run.record("sum" + n).finished);
  }
}

TEST_CASE("OP23: the stocktaking sits three days in Mexico", "[process]") {
  const Run& run = baseline();
  REQUIRE(run.scenario.venues[*run.activity("stocktaking").venue].id == "mexico");
  REQUIRE(run.sitting_days("stocktaking") == 3);
  REQUIRE(run.calendar.date_of(run.record("stocktaking").start) == year{2017} / December / 4);
}

TEST_CASE("OP27: the zero draft is out by early February 2018", "[process]") {
  for (std::uint64_t replication = 0; replication < 10; ++replication) {
    const Run run = testing::run_baseline_process({}, {}, replication);
    INFO("replication " << replication << ": " << run.calendar.to_string(run.record("zero_draft").end));
    REQUIRE(run.calendar.date_of(run.record("zero_draft").end) <= year{2018} / February / 9);
  }
}

TEST_CASE("OP28: six rounds of 3, 4, 4, 5, 5 and 5 days in New York, February to July 2018", "[process]") {
  const Run& run = baseline();
  const int days[] = {3, 4, 4, 5, 5, 5};
  for (int k = 0; k < 6; ++k) {
    const std::string id = "round" + std::to_string(k + 1);
    INFO(id);
    REQUIRE(run.sitting_days(id) == days[k]);
    REQUIRE(run.scenario.venues[*run.activity(id).venue].id == "new_york");
    REQUIRE(run.calendar.date_of(run.record(id).start).month() == month{static_cast<unsigned>(2 + k)});
  }
}

TEST_CASE("OP30: the multi-stakeholder hearings take four days in all, with stakeholders speaking", "[process]") {
  const Run& run = baseline();
  double minutes = 0.0;
  int speaking = 0;
  for (const auto& id : ids_of_kind(run, model::ActivityKind::stakeholder_hearing)) {
    const auto& format = run.scenario.formats.at(*run.activity(id).format);
    for (const auto& item : format.agenda) minutes += item.minutes;
    for (const auto& st : run.meeting(id).stakeholders) speaking += st.speaking;
  }
  REQUIRE(minutes / 360.0 == Approx(4.0));  // a sitting day is six hours (10-13, 15-18)
  REQUIRE(speaking > 0);
}

TEST_CASE("OP31: the trust fund pays only eligible delegates, least developed countries first", "[process]") {
  const Run run = testing::run_baseline_process({testing::scenario_file("what-if/trust-fund-halved.yaml")});
  int funded = 0;
  int refused = 0;
  for (const auto& m : run.results.meetings) {
    bool ldc_refused = false;
    bool other_funded = false;
    for (std::size_t k = 0; k < m.states.size(); ++k) {
      const auto& st = run.scenario.member_states[k];
      if (m.states[k].funded) {
        ++funded;
        REQUIRE(model::eligible_for_trust_fund(run.scenario.trust_fund, st));
        REQUIRE(st.development == model::Development::developing);
        other_funded = other_funded || !st.ldc;
      }
      if (m.states[k].funding_refused) {
        ++refused;
        ldc_refused = ldc_refused || st.ldc;
      }
    }
    INFO(run.scenario.activities[m.activity].id);
    REQUIRE_FALSE((ldc_refused && other_funded));
  }
  REQUIRE(funded == run.results.trust_fund.trips_funded);
  REQUIRE(refused > 0);  // with half the money the fund does run short
  REQUIRE(run.results.trust_fund.ran_dry.has_value());
  REQUIRE(run.results.trust_fund.spent <= run.results.trust_fund.raised);
}

TEST_CASE("the same seed gives the same run, another seed another", "[process]") {
  const Run a = testing::run_baseline_process({}, {}, 3);
  const Run b = testing::run_baseline_process({}, {}, 3);
  const Run c = testing::run_baseline_process({}, {}, 4);
  REQUIRE(a.results.fingerprint == b.results.fingerprint);
  REQUIRE(a.results.events == b.results.events);
  for (std::size_t i = 0; i < a.results.activities.size(); ++i) REQUIRE(a.results.activities[i].end == b.results.activities[i].end);
  REQUIRE(a.results.trust_fund.spent == b.results.trust_fund.spent);
  REQUIRE(a.results.fingerprint != c.results.fingerprint);
}

TEST_CASE("a two-week delay of the stocktaking moves exactly what depends on it", "[process]") {
  const Run& base = baseline();
  const Run late = testing::run_baseline_process({}, {"activities.stocktaking.start=2017-12-18", "activities.stocktaking.end=2017-12-20"});
  // What depends on the stocktaking, directly or not.
  std::set<std::size_t> downstream{*base.scenario.find_activity("stocktaking")};
  for (bool grew = true; grew;) {
    grew = false;
    for (std::size_t i = 0; i < base.scenario.activities.size(); ++i) {
      for (std::size_t need : base.scenario.activities[i].needs) {
        if (downstream.contains(need) && downstream.insert(i).second) grew = true;
      }
    }
  }
  int moved = 0;
  for (std::size_t i = 0; i < base.scenario.activities.size(); ++i) {
    const auto& before = base.results.activities[i];
    const auto& after = late.results.activities[i];
    INFO(base.scenario.activities[i].id);
    if (!downstream.contains(i)) {
      REQUIRE(after.start == before.start);
      REQUIRE(after.end == before.end);
    } else if (after.end != before.end) {
      REQUIRE(after.end > before.end);
      ++moved;
    }
  }
  REQUIRE(late.record("stocktaking").start - base.record("stocktaking").start == 14 * kDay);
  REQUIRE(late.record("chairs_summary").end > base.record("chairs_summary").end);
  REQUIRE(moved >= 3);
}

TEST_CASE("a state that leaves the process attends nothing after the date", "[process]") {
  const Run run = testing::run_baseline_process({testing::scenario_file("what-if/state-withdraws.yaml")});
  const auto usa = *run.scenario.find_state("USA");
  // The scripted withdrawal comes first; the negotiation may later lose others on its own.
  REQUIRE_FALSE(run.results.withdrawals.empty());
  const auto& left = run.results.withdrawals.front();
  REQUIRE(left.state == usa);
  REQUIRE(run.calendar.date_of(left.when) == year{2017} / December / 2);
  for (const auto& w : run.results.withdrawals) REQUIRE(std::count_if(run.results.withdrawals.begin(), run.results.withdrawals.end(), [&](const auto& x) { return x.state == w.state; }) == 1);
  for (const auto& m : run.results.meetings) {
    const auto& r = run.results.activities[m.activity];
    if (r.start > left.when) REQUIRE_FALSE(m.states[usa].present);
  }
  REQUIRE(run.meeting("ts1").states[usa].present);  // New York mission, before it left
}

TEST_CASE("regional consultations are attended by the states of their region only", "[process]") {
  const Run& run = baseline();
  const auto& m = run.meeting("rc_eca");
  for (std::size_t k = 0; k < m.states.size(); ++k) {
    if (m.states[k].present) REQUIRE(run.scenario.member_states[k].group == model::RegionalGroup::african);
  }
}

TEST_CASE("two-minute interventions give more delegations the floor", "[process]") {
  const Run& base = baseline();
  const Run shorter = testing::run_baseline_process({testing::scenario_file("what-if/two-minute-interventions.yaml")});
  const auto count = [](const Run& run) {
    int n = 0;
    for (const auto& id : ids_of_kind(run, model::ActivityKind::thematic_session)) {
      for (const auto& st : run.meeting(id).states) n += st.interventions;
    }
    return n;
  };
  REQUIRE(count(shorter) > count(base));
}
