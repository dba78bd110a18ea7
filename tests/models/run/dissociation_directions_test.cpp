// Dissociation after agreement in the history replay, over 30 paired replications (replication k of
// both sides has the same streams): the government stance of the data raises the dissociation share
// of the states whose cabinets lean against the compact, and an early departure of a state raises
// the departure share of its close peers in the General Assembly more than that of distant states,
// and the departure share of its blocs' members (the Visegrad Group, the EU, the Eastern European
// Group) more than that of states sharing no bloc with it (docs/negotiation.md, "After agreement").
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "../loader/load_helpers.hpp"
#include "models/run/simulate.hpp"

using namespace gcmsim;

namespace {

constexpr int kSeeds = 30;

std::shared_ptr<const sim::PreparedScenario> replay(std::vector<std::string> overrides, std::vector<std::string> sets = {}) {
  overrides.insert(overrides.begin(), testing::scenario_file("history/actual-2017-2018.yaml"));
  const sim::Preparation p = sim::prepare({testing::scenario_file("gcm-2017-2018.yaml"), overrides, sets});
  if (!p.ok()) FAIL(p.error_report());
  return p.scenario;
}

// Per member state, the runs (of kSeeds) in which it dissociated after agreement (drawn, not scripted).
std::vector<int> dissociations(const sim::PreparedScenario& prepared) {
  std::vector<int> out(prepared.scenario().member_states.size(), 0);
  for (int r = 0; r < kSeeds; ++r) {
    const model::RunResults run = sim::simulate(prepared, {2017, static_cast<std::uint64_t>(r), nullptr, nullptr});
    for (const model::Withdrawal& w : run.withdrawals)
      if (w.cause == model::WithdrawalCause::dissociated) ++out[w.state];
  }
  return out;
}

}  // namespace

TEST_CASE("the data's government stance raises the dissociation share of cabinets leaning against the compact",
          "[sim][dissociation][direction]") {
  const auto with_stance = replay({});
  const auto without = replay({}, {"negotiation.parameters.dissociation_stance=0"});
  const auto a = dissociations(*with_stance), b = dissociations(*without);
  int leaning_with = 0, leaning_without = 0, leaning = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const auto& stance = with_stance->scenario().member_states[k].stance;
    if (stance.empty() || stance.back().second < 0.3) continue;
    ++leaning;
    leaning_with += a[k];
    leaning_without += b[k];
  }
  INFO(leaning << " states with a cabinet of stance 0.3 or more: " << leaning_without << " dissociations without the stance, "
               << leaning_with << " with it, over " << kSeeds << " runs");
  REQUIRE(leaning >= 10);
  CHECK(leaning_with > 2 * leaning_without + 10);
}

TEST_CASE("an early departure raises the departure share of the leaver's close peers more than of distant states",
          "[sim][dissociation][direction]") {
  // Poland leaves three days after agreement, on top of the replay's own script.
  const std::string file = std::string(GCMSIM_TEST_TMP) + "/poland-leaves-early.yaml";
  // Events merge by id (issue 24): the replay's USA and Hungary stay, Poland's is added.
  std::ofstream(file) << "events:\n"
                         "  - {id: poland_leaves_early, date: 2018-07-16, kind: withdraw, state: POL, note: \"test: an early departure\"}\n";
  // The mechanism at a contagion strong enough to see in 30 runs (the baseline's 0.001 is kept
  // subcritical for the G77's bloc and is weak: docs/negotiation.md, "Stance and contagion").
  const std::vector<std::string> strong = {"negotiation.parameters.dissociation_contagion=0.02"};
  const auto base = replay({}, strong);
  const auto early = replay({file}, strong);
  const model::Scenario& s = base->scenario();
  const std::size_t poland = *s.find_state("POL");
  const std::size_t hungary = *s.find_state("HUN");
  const auto a = dissociations(*base), b = dissociations(*early);
  // Close: agreement with Poland of 0.95 or more (the EU and its neighbours); distant: below the
  // mean of all pairs (0.81), so not close at all.
  int close = 0, distant = 0, close_base = 0, close_early = 0, distant_base = 0, distant_early = 0;
  for (const auto& [pair, agreement] : s.affinity) {
    if (pair.first != poland && pair.second != poland) continue;
    const std::size_t k = pair.first == poland ? pair.second : pair.first;
    if (k == hungary) continue;  // scripted either way
    if (agreement >= 0.95) ++close, close_base += a[k], close_early += b[k];
    if (agreement < 0.81) ++distant, distant_base += a[k], distant_early += b[k];
  }
  INFO(close << " close peers: " << close_base << " -> " << close_early << " dissociations; " << distant << " distant states: "
             << distant_base << " -> " << distant_early);
  REQUIRE(close >= 20);
  REQUIRE(distant >= 20);
  const double close_rise = static_cast<double>(close_early - close_base) / close;
  const double distant_rise = static_cast<double>(distant_early - distant_base) / distant;
  CHECK(close_rise > 0.0);
  CHECK(close_rise > distant_rise + 0.05);  // at least 5 more runs in 100 per close peer
}

TEST_CASE("an early departure raises the departure share of the leaver's bloc members more than of states outside its blocs",
          "[sim][dissociation][direction]") {
  // Poland leaves three days after agreement, on top of the replay's own script; affinity contagion
  // off, so that only the blocs carry the departure, at a bloc weight strong enough to see in 30 runs
  // (the baseline's 0.49 is kept subcritical and is weak: docs/validation.md).
  const std::string file = std::string(GCMSIM_TEST_TMP) + "/poland-leaves-early-bloc.yaml";
  std::ofstream(file) << "events:\n"
                         "  - {id: poland_leaves_early, date: 2018-07-16, kind: withdraw, state: POL, note: \"test: an early departure\"}\n";
  const std::vector<std::string> blocs_only = {"negotiation.parameters.dissociation_contagion=0",
                                               "negotiation.parameters.dissociation_bloc=4"};
  const auto base = replay({}, blocs_only);
  const auto early = replay({file}, blocs_only);
  const model::Scenario& s = base->scenario();
  const model::MemberState& poland = s.member_states[*s.find_state("POL")];
  const auto a = dissociations(*base), b = dissociations(*early);
  int in_bloc = 0, outside = 0, in_base = 0, in_early = 0, out_base = 0, out_early = 0;
  for (std::size_t k = 0; k < s.member_states.size(); ++k) {
    const model::MemberState& st = s.member_states[k];
    if (st.iso3 == "POL" || st.iso3 == "HUN" || st.iso3 == "USA") continue;  // scripted either way
    bool shares = st.group == poland.group;
    for (const std::string& c : st.coalitions)
      shares = shares || std::find(poland.coalitions.begin(), poland.coalitions.end(), c) != poland.coalitions.end();
    if (shares) ++in_bloc, in_base += a[k], in_early += b[k];
    else ++outside, out_base += a[k], out_early += b[k];
  }
  INFO(in_bloc << " states sharing a bloc with Poland: " << in_base << " -> " << in_early << " dissociations; " << outside
               << " others: " << out_base << " -> " << out_early);
  REQUIRE(in_bloc >= 35);  // the EU's 27 others and the Eastern European Group's 22, less the overlap and Hungary
  // Rises in the share of runs a state dissociates in.
  const double bloc_rise = static_cast<double>(in_early - in_base) / in_bloc / kSeeds;
  const double other_rise = static_cast<double>(out_early - out_base) / outside / kSeeds;
  CHECK(bloc_rise > 0.0);
  CHECK(bloc_rise > other_rise + 0.01);  // at least 1 more run in 100 per bloc member
  // The Visegrad peers (a third of their bloc gone at once): Czechia and Slovakia.
  const int czsk_base = a[*s.find_state("CZE")] + a[*s.find_state("SVK")];
  const int czsk_early = b[*s.find_state("CZE")] + b[*s.find_state("SVK")];
  INFO("Czechia and Slovakia: " << czsk_base << " -> " << czsk_early);
  CHECK(czsk_early > czsk_base);
}
