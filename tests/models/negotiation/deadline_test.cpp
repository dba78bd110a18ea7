// The end game over many seeds: the text is agreed in the last scheduled round in most
// replications (the deadline effect); fewer rounds make agreement by the deadline less likely, an
// extra round does not; no agreed text means nothing to adopt; a state that dissociates after
// agreement is listed so at the conference.
#include <catch2/catch.hpp>

#include <algorithm>

#include "../loader/load_helpers.hpp"
#include "models/process/process_model.hpp"
#include "models/setup/scenario_setup.hpp"

using namespace gcmsim;

namespace {

constexpr int kSeeds = 30;

// The scenario without these activities: the indices of needs and lead times are remapped, and a
// lead time toward a removed activity is dropped.
model::Scenario without(model::Scenario s, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    const std::size_t gone = *s.find_activity(id);
    s.activities.erase(s.activities.begin() + static_cast<std::ptrdiff_t>(gone));
    for (model::Activity& a : s.activities) {
      std::vector<std::size_t> needs;
      for (std::size_t n : a.needs)
        if (n != gone) needs.push_back(n > gone ? n - 1 : n);
      a.needs = needs;
      if (a.due && a.due->before == gone) a.due.reset();
      else if (a.due && a.due->before > gone) --a.due->before;
    }
  }
  return s;
}

struct Tally {
  int by_deadline = 0;   // agreed at the end of the last scheduled round or before
  int in_last_round = 0;
  int agreed = 0;
};

Tally tally(const model::Scenario& scenario) {
  const model::ScenarioSetup setup(scenario);
  Tally t;
  for (int r = 0; r < kSeeds; ++r) {
    const model::RunResults run = model::run_process(setup, 2017, static_cast<std::uint64_t>(r));
    const auto& n = *run.negotiation;
    if (!n.agreed_at) continue;
    ++t.agreed;
    const bool before_consultations = n.informal_consultations == 0;
    t.by_deadline += before_consultations ? 1 : 0;
    t.in_last_round += before_consultations && setup.round_number(*n.agreed_round) == n.scheduled_rounds ? 1 : 0;
  }
  return t;
}

}  // namespace

TEST_CASE("the baseline's text is agreed in the last scheduled round in most replications", "[negotiation][deadline]") {
  const Tally t = tally(testing::baseline_scenario());
  INFO("agreed in round 6 in " << t.in_last_round << " of " << kSeeds);
  REQUIRE(t.in_last_round * 2 > kSeeds);
}

TEST_CASE("fewer rounds make agreement by the deadline less likely, an extra round does not", "[negotiation][deadline]") {
  const Tally six = tally(testing::baseline_scenario());
  const Tally four = tally(without(testing::baseline_scenario(), {"round6", "rev5", "round5", "rev4"}));
  const Tally seven = tally(testing::baseline_scenario({testing::scenario_file("what-if/extra-round.yaml")}));
  INFO("by the deadline: 4 rounds " << four.by_deadline << ", 6 rounds " << six.by_deadline << ", 7 rounds " << seven.by_deadline);
  REQUIRE(four.by_deadline < six.by_deadline);
  REQUIRE(seven.by_deadline >= six.by_deadline);
}

TEST_CASE("without an agreed text the conference has nothing to adopt", "[negotiation][deadline]") {
  // Mandates so tight, and no end game, that some delegation always holds a bracket.
  const model::Scenario s = testing::baseline_scenario({}, {"negotiation.parameters.objection_tolerance=0.001",
                                          "negotiation.parameters.tolerance_spread=0", "negotiation.parameters.deadline_concession=0",
                                          "negotiation.parameters.round_concession=0"});
  const model::RunResults run = model::run_process(model::ScenarioSetup(s), 2017, 0);
  const auto& n = *run.negotiation;
  REQUIRE_FALSE(n.agreed_at);
  REQUIRE(n.conference_at);  // the conference keeps its date
  REQUIRE_FALSE(n.text_adopted);
  REQUIRE(n.conference.empty());  // no list of adopters of a non-text
  REQUIRE(n.informal_consultations == s.negotiation->parameters.informal_consultations);  // OP29, within the limit
  REQUIRE_FALSE(n.holdouts.empty());
}

TEST_CASE("OP29 consultations end before the conference and stop at agreement", "[negotiation][deadline]") {
  const model::Scenario s = without(testing::baseline_scenario(), {"round6", "rev5", "round5", "rev4"});
  const model::ScenarioSetup setup(s);
  const std::size_t conference = *s.find_activity("conference");
  for (int r = 0; r < kSeeds; ++r) {
    const model::RunResults run = model::run_process(setup, 2017, static_cast<std::uint64_t>(r));
    const auto& n = *run.negotiation;
    REQUIRE(n.informal_consultations <= s.negotiation->parameters.informal_consultations);
    for (const auto& snap : n.dynamics)
      if (snap.consultation > 0) REQUIRE(snap.when < run.activities[conference].start);
    if (n.informal_consultations > 0 && n.agreed_at) REQUIRE(n.dynamics.back().consultation == n.informal_consultations);
  }
}

TEST_CASE("a state that leaves after agreement dissociates, and is listed so at the conference", "[negotiation][deadline]") {
  // Hungary announced on 18 July 2018, after the text was agreed on 13 July, that it was leaving.
  const model::Scenario s = testing::baseline_scenario({testing::scenario_file("history/actual-2017-2018.yaml")});
  const model::ScenarioSetup setup(s);
  const std::size_t hungary = *s.find_state("HUN");
  const std::size_t usa = *s.find_state("USA");
  for (int r = 0; r < 5; ++r) {
    const model::RunResults run = model::run_process(setup, 2017, static_cast<std::uint64_t>(r));
    const auto& n = *run.negotiation;
    if (!n.agreed_at || *n.agreed_at > s.make_calendar().at(std::chrono::year{2018} / 7 / 18)) continue;
    REQUIRE(n.text_adopted);
    for (const auto& [k, vote] : n.conference) {
      if (k == hungary) REQUIRE(vote == model::ConferenceVote::dissociated);
      if (k == usa) REQUIRE(vote == model::ConferenceVote::left);  // left before agreement, on 2 December 2017
      const bool dissociated = std::any_of(n.dissociations.begin(), n.dissociations.end(), [&](const auto& d) { return d.first == k; });
      REQUIRE(dissociated == (vote == model::ConferenceVote::dissociated));
    }
  }
}
