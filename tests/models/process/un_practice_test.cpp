// The process as the UN runs it, on the baseline: coordinating groups speak with their own limit,
// the co-facilitators chair without speaking or bracketing as national delegations, the trust fund
// flies capital experts to New York (so it matters in 2018), and a fixed-date, hosted meeting keeps
// its date when an input is late.
#include <catch2/catch.hpp>

#include <algorithm>

#include "../loader/load_helpers.hpp"
#include "models/process/process_model.hpp"
#include "models/setup/scenario_setup.hpp"

using namespace gcmsim;

namespace {

constexpr int kSeeds = 30;

}  // namespace

TEST_CASE("group statements take the floor first, within the group limit, and their members are heard", "[process][groups]") {
  const model::Scenario s = testing::baseline_scenario();
  const model::RunResults run = model::run_process(model::ScenarioSetup(s), 2017, 0);
  const std::size_t round1 = *s.find_activity("round1");
  int statements = 0;
  for (const model::MeetingRecord& m : run.meetings) {
    const auto& format_id = s.activities[m.activity].format;
    if (!format_id || s.formats.at(*format_id).group_statement_minutes <= 0.0) {
      REQUIRE(m.group_statements.empty());
      continue;
    }
    for (const auto& g : m.group_statements) {
      ++statements;
      REQUIRE(g.minutes > 0.0);
      REQUIRE(g.minutes <= s.formats.at(*format_id).group_statement_minutes);
      // The speaker belongs to the group it speaks for, and is present.
      const auto& c = s.member_states[g.speaker].coalitions;
      REQUIRE(std::find(c.begin(), c.end(), s.speaking_groups[g.group]) != c.end());
      REQUIRE(m.states[g.speaker].present);
    }
    if (m.activity == round1) {
      // Every group with a member present spoke in the reading: G77, African Group, EU, CELAC, CARICOM.
      std::vector<bool> spoke(s.speaking_groups.size(), false);
      for (const auto& g : m.group_statements) spoke[g.group] = true;
      REQUIRE(std::all_of(spoke.begin(), spoke.end(), [](bool b) { return b; }));
      const std::size_t germany = *s.find_state("DEU");
      REQUIRE(m.states[germany].heard_through_group == m.states[germany].present);  // the EU spoke for it
    }
  }
  REQUIRE(statements > 0);
  // Statements at the group limit are longer than any national one: some exceed the 3-minute limit.
  bool longer = false;
  for (const model::MeetingRecord& m : run.meetings)
    for (const auto& g : m.group_statements) longer = longer || g.minutes > 3.0;
  REQUIRE(longer);
}

TEST_CASE("members whose group spoke take the floor less often", "[process][groups]") {
  const auto interventions_of_eu = [](const model::Scenario& s) {
    const model::RunResults run = model::run_process(model::ScenarioSetup(s), 2017, 0);
    int n = 0;
    for (const model::MeetingRecord& m : run.meetings)
      for (std::size_t k = 0; k < m.states.size(); ++k) {
        const auto& c = s.member_states[k].coalitions;
        if (std::find(c.begin(), c.end(), "eu") != c.end()) n += m.states[k].interventions;
      }
    return n;
  };
  const int with_groups = interventions_of_eu(testing::baseline_scenario());
  const int alone = interventions_of_eu(testing::baseline_scenario({}, {"parameters.floor.after_group_request_factor=1"}));
  INFO("EU members' interventions: " << with_groups << " after their group spoke, " << alone << " without the factor");
  REQUIRE(with_groups < alone);
}

TEST_CASE("co-facilitators chair: they never take the floor, hold a bracket or leave over the text", "[process][co-facilitators]") {
  const model::Scenario s = testing::baseline_scenario();
  const model::ScenarioSetup setup(s);
  REQUIRE(setup.co_facilitators().size() == 2);  // Mexico and Switzerland (OP5)
  for (int r = 0; r < 10; ++r) {
    const model::RunResults run = model::run_process(setup, 2017, static_cast<std::uint64_t>(r));
    for (const model::MeetingRecord& m : run.meetings) {
      const auto kind = s.activities[m.activity].kind;
      const bool chaired = kind == model::ActivityKind::thematic_session || kind == model::ActivityKind::stocktaking ||
                           kind == model::ActivityKind::negotiation_round;
      for (std::size_t k : setup.co_facilitators()) {
        REQUIRE(m.states[k].chairing == chaired);
        if (chaired) REQUIRE(m.states[k].interventions == 0);
        for (const auto& g : m.group_statements) REQUIRE(g.speaker != k);
      }
    }
    for (std::size_t k : setup.co_facilitators()) {
      REQUIRE(std::find(run.negotiation->holdouts.begin(), run.negotiation->holdouts.end(), k) == run.negotiation->holdouts.end());
      for (const model::Withdrawal& w : run.withdrawals) REQUIRE_FALSE((w.state == k && w.cause == model::WithdrawalCause::text));
    }
  }
}

TEST_CASE("the trust fund flies capital experts to New York, so it still funds trips in 2018", "[process][trust fund]") {
  const model::Scenario s = testing::baseline_scenario();
  const model::ScenarioSetup setup(s);
  const auto& cal = setup.calendar();
  const SimTime new_year = cal.at(std::chrono::year{2018} / 1 / 1);
  for (int r = 0; r < 5; ++r) {
    const model::RunResults run = model::run_process(setup, 2017, static_cast<std::uint64_t>(r));
    int funded_2018 = 0;
    int funded_in_new_york_with_mission = 0;
    for (const model::MeetingRecord& m : run.meetings) {
      const model::Activity& a = s.activities[m.activity];
      for (std::size_t k = 0; k < m.states.size(); ++k) {
        if (!m.states[k].funded) continue;
        if (run.activities[m.activity].start >= new_year) ++funded_2018;
        if (s.venues[*a.venue].id == "new_york" && s.member_states[k].has_mission(model::MissionCity::new_york)) {
          ++funded_in_new_york_with_mission;
          REQUIRE(m.states[k].capital_expert);
        }
      }
    }
    REQUIRE(funded_2018 > 0);
    REQUIRE(funded_in_new_york_with_mission > 0);
  }
  // Without the expert trips the fund pays nothing in New York, where every state has a mission.
  const model::Scenario no_experts = testing::baseline_scenario({}, {"policies.trust_fund.capital_expert_request=0"});
  const model::RunResults run = model::run_process(model::ScenarioSetup(no_experts), 2017, 0);
  for (const model::MeetingRecord& m : run.meetings)
    if (no_experts.venues[*no_experts.activities[m.activity].venue].id == "new_york")
      for (const auto& st : m.states) REQUIRE_FALSE(st.funded);
}

TEST_CASE("the history replay's contributions leave the fund empty before round 6", "[process][trust fund]") {
  const model::Scenario s = testing::baseline_scenario({testing::scenario_file("history/actual-2017-2018.yaml")});
  const model::ScenarioSetup setup(s);
  const std::size_t round6 = *s.find_activity("round6");
  for (int r = 0; r < 5; ++r) {
    const model::RunResults run = model::run_process(setup, 2017, static_cast<std::uint64_t>(r));
    REQUIRE(run.trust_fund.exhausted);  // empty for good, after its last contribution
    REQUIRE(*run.trust_fund.exhausted < run.activities[round6].start);
  }
}

TEST_CASE("a late summary does not move the hosted stocktaking, it arrives late and weighs less", "[process][soft needs]") {
  // The sixth session's summary takes ten weeks instead of two: it is not ready on 4 December.
  const model::Scenario s = testing::baseline_scenario({}, {"activities.sum6.days=50"});
  const model::ScenarioSetup setup(s);
  const std::size_t stocktaking = *s.find_activity("stocktaking");
  const std::size_t sum6 = *s.find_activity("sum6");
  const SimTime planned = setup.calendar().at(setup.plan().activities[stocktaking].start);
  for (int r = 0; r < kSeeds; ++r) {
    const model::RunResults run = model::run_process(setup, 2017, static_cast<std::uint64_t>(r));
    const model::ActivityRecord& st = run.activities[stocktaking];
    REQUIRE(setup.calendar().date_of(st.start) == setup.calendar().date_of(planned));  // keeps its date
    REQUIRE(st.cause.planned);
    if (run.activities[sum6].end > st.start) REQUIRE(st.inputs_missing >= 1);
  }
  // A document still waits for what it needs: the chair's summary follows the stocktaking.
  const model::RunResults run = model::run_process(setup, 2017, 0);
  const std::size_t chairs = *s.find_activity("chairs_summary");
  REQUIRE(run.activities[chairs].start >= run.activities[stocktaking].end);
}

TEST_CASE("a speaking group's members are the states that list its coalition, in data order", "[process][groups]") {
  const model::ScenarioSetup setup(testing::baseline_scenario());
  const model::Scenario& s = setup.scenario();
  REQUIRE_FALSE(s.speaking_groups.empty());
  for (std::size_t g = 0; g < s.speaking_groups.size(); ++g) {
    std::vector<std::size_t> expected;
    for (std::size_t k = 0; k < s.member_states.size(); ++k) {
      const auto& c = s.member_states[k].coalitions;
      if (std::find(c.begin(), c.end(), s.speaking_groups[g]) != c.end()) expected.push_back(k);
    }
    INFO(s.speaking_groups[g]);
    REQUIRE_FALSE(expected.empty());
    REQUIRE(setup.speaking_group_members(g) == expected);
  }
}
