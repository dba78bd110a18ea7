// Every what-if shipped in scenarios/what-if/ moves an outcome in the direction its file documents,
// over 30 paired replications (common random numbers: replication k of both sides has the same
// streams). A what-if that moves nothing, or moves the wrong way, is a model defect.
#include <catch2/catch.hpp>

#include "../loader/load_helpers.hpp"
#include "models/run/simulate.hpp"

using namespace gcmsim;

namespace {

constexpr int kSeeds = 30;

std::shared_ptr<const sim::PreparedScenario> baseline() {
  static const auto prepared = [] {
    const sim::Preparation p = sim::prepare({testing::scenario_file("gcm-2017-2018.yaml"), {}, {}});
    if (!p.ok()) FAIL(p.error_report());
    return p.scenario;
  }();
  return prepared;
}

std::shared_ptr<const sim::PreparedScenario> what_if(const std::string& file) {
  const sim::Preparation p = baseline()->with({testing::scenario_file("what-if/" + file)}, {});
  if (!p.ok()) FAIL(p.error_report());
  return p.scenario;
}

// Mean of a metric over the seeds (runs without a value count as `missing`).
double mean(const sim::PreparedScenario& prepared, const std::string& key, double missing = 0.0) {
  const auto i = prepared.metric_catalog().find(key);
  if (!i) FAIL("no metric " << key);
  double sum = 0.0;
  for (int r = 0; r < kSeeds; ++r) {
    const model::RunResults run = sim::simulate(prepared, {2017, static_cast<std::uint64_t>(r), nullptr, nullptr});
    sum += sim::metrics(prepared, run).values[*i].value_or(missing);
  }
  return sum / kSeeds;
}

}  // namespace

TEST_CASE("the halved trust fund funds fewer trips and fewer LDC delegations attend", "[sim][what-if]") {
  const auto halved = what_if("trust-fund-halved.yaml");
  const double trips_base = mean(*baseline(), "trust_fund_trips_funded");
  const double trips_half = mean(*halved, "trust_fund_trips_funded");
  const double ldc_base = mean(*baseline(), "attendance_share.ldc");
  const double ldc_half = mean(*halved, "attendance_share.ldc");
  INFO("trips " << trips_base << " -> " << trips_half << "; LDC attendance " << ldc_base << " -> " << ldc_half);
  REQUIRE(trips_half < trips_base);
  REQUIRE(ldc_half < ldc_base);
}

TEST_CASE("two-minute interventions leave fewer floor requests unserved", "[sim][what-if]") {
  const double base = mean(*baseline(), "unserved_requests");
  const double cut = mean(*what_if("two-minute-interventions.yaml"), "unserved_requests");
  INFO("unserved " << base << " -> " << cut);
  REQUIRE(cut < base);
}

TEST_CASE("a slipping sixth session moves what follows it, but not the hosted stocktaking", "[sim][what-if]") {
  const auto slips = what_if("session-slips.yaml");
  REQUIRE(mean(*slips, "end_day.ts6") > mean(*baseline(), "end_day.ts6") + 30);  // seven weeks later
  REQUIRE(mean(*slips, "end_day.sum6") > mean(*baseline(), "end_day.sum6"));
  REQUIRE(mean(*slips, "start_day.stocktaking") == mean(*baseline(), "start_day.stocktaking"));
}

TEST_CASE("a state that withdraws is one fewer adopting at the conference", "[sim][what-if]") {
  const auto withdraws = what_if("state-withdraws.yaml");
  REQUIRE(mean(*withdraws, "left_process") > mean(*baseline(), "left_process"));
  REQUIRE(mean(*withdraws, "conference_adopt") < mean(*baseline(), "conference_adopt"));
}

TEST_CASE("an extra round holds one more round and does not make agreement less likely", "[sim][what-if]") {
  const auto extra = what_if("extra-round.yaml");
  REQUIRE(mean(*extra, "rounds_held") > mean(*baseline(), "rounds_held"));
  REQUIRE(mean(*extra, "agreed") >= mean(*baseline(), "agreed"));
}

TEST_CASE("four rounds instead of six make agreement by the deadline less likely", "[sim][what-if]") {
  const auto fewer = what_if("fewer-rounds.yaml");
  REQUIRE(mean(*fewer, "rounds_held") == mean(*baseline(), "rounds_held") - 2);
  const double base = mean(*baseline(), "agreed_in_last_round");
  const double four = mean(*fewer, "agreed_in_last_round");
  INFO("agreed at the deadline: six rounds " << base << ", four rounds " << four);
  REQUIRE(four < base);
}
