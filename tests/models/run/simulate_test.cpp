// The run facade's promises: a run is a pure function of (scenario, seed, replication); a prepared
// scenario is shared by threads; a design point derived in memory equals one loaded from disk.
#include "models/run/simulate.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "../loader/load_helpers.hpp"
#include "engine/parallel.hpp"

using namespace gcmsim;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<const sim::PreparedScenario> prepare(const std::string& path, std::vector<std::string> sets = {}) {
  const sim::Preparation p = sim::prepare({path, {}, std::move(sets)});
  if (!p.ok()) FAIL(p.error_report());
  return p.scenario;
}

const sim::PreparedScenario& baseline() {
  static const auto prepared = prepare(testing::scenario_file("gcm-2017-2018.yaml"));
  return *prepared;
}

// Everything a run records that a reader could compare, reduced to what must match exactly.
void require_same(const model::RunResults& a, const model::RunResults& b) {
  REQUIRE(a.fingerprint == b.fingerprint);
  REQUIRE(a.events == b.events);
  REQUIRE(a.activities.size() == b.activities.size());
  for (std::size_t i = 0; i < a.activities.size(); ++i) REQUIRE(a.activities[i].end == b.activities[i].end);
  REQUIRE(a.trust_fund.spent == b.trust_fund.spent);
  REQUIRE(a.withdrawals.size() == b.withdrawals.size());
}

}  // namespace

TEST_CASE("two simulate calls with the same spec give identical results and metrics", "[sim]") {
  const sim::PreparedScenario& p = baseline();
  const sim::RunSpec spec = sim::default_spec(p, 2);
  const model::RunResults a = sim::simulate(p, spec);
  const model::RunResults b = sim::simulate(p, spec);
  require_same(a, b);
  REQUIRE(sim::metrics(p, a).values == sim::metrics(p, b).values);
  REQUIRE(a.seed == p.defaults().seed);  // the seed comes from the spec, defaulting to run.seed
  REQUIRE(a.replication == 2);
}

TEST_CASE("the seed is run control: another seed, another run of the same scenario", "[sim]") {
  const sim::PreparedScenario& p = baseline();
  const model::RunResults a = sim::simulate(p, {11, 0, nullptr, nullptr});
  const model::RunResults b = sim::simulate(p, {12, 0, nullptr, nullptr});
  REQUIRE(a.seed == 11);
  REQUIRE(a.fingerprint != b.fingerprint);
}

TEST_CASE("four threads sharing one prepared scenario give the same results as one thread", "[sim]") {
  const sim::PreparedScenario& p = baseline();
  constexpr std::size_t kRuns = 8;
  std::vector<model::RunResults> alone(kRuns), shared(kRuns);
  for (std::size_t r = 0; r < kRuns; ++r) alone[r] = sim::simulate(p, sim::default_spec(p, r));
  parallel_for(kRuns, 4, [&](std::size_t r) { shared[r] = sim::simulate(p, sim::default_spec(p, r)); });
  for (std::size_t r = 0; r < kRuns; ++r) require_same(alone[r], shared[r]);
}

TEST_CASE("a design point derived in memory equals the scenario loaded with that --set", "[sim]") {
  const std::vector<std::string> sets = {"activities.ts6.start=2017-11-20", "activities.ts6.end=2017-11-21"};
  const sim::Preparation derived = baseline().with({}, sets);
  REQUIRE(derived.ok());
  const auto loaded = prepare(testing::scenario_file("gcm-2017-2018.yaml"), sets);
  REQUIRE(derived.scenario->content_hash() == loaded->content_hash());
  REQUIRE(derived.scenario->source().sets == sets);
  const auto ts6 = *loaded->scenario().find_activity("ts6");
  REQUIRE(derived.scenario->plan().activities[ts6].start == loaded->plan().activities[ts6].start);
  require_same(sim::simulate(*derived.scenario, sim::default_spec(*derived.scenario)),
               sim::simulate(*loaded, sim::default_spec(*loaded)));
  // ... and differs from the base it came from.
  REQUIRE(derived.scenario->content_hash() != baseline().content_hash());
}

TEST_CASE("a design point never reads the base files again", "[sim]") {
  const fs::path dir = fs::path(GCMSIM_TEST_TMP) / "prepared-copy";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(testing::fixture("minimal.yaml"), dir / "minimal.yaml");
  fs::create_directories(dir / "included");
  fs::copy(testing::fixture("included/states.yaml"), dir / "included" / "states.yaml");
  const auto base = prepare((dir / "minimal.yaml").string());
  fs::remove_all(dir);  // from here on, only memory holds the scenario
  const sim::Preparation point = base->with({}, {"run.seed=99"});
  INFO(point.error_report());
  REQUIRE(point.ok());
  REQUIRE(point.scenario->defaults().seed == 99);
  REQUIRE(point.scenario->scenario().member_states.size() == base->scenario().member_states.size());
}

TEST_CASE("an invalid design point is reported with its --set's location", "[sim]") {
  const sim::Preparation point = baseline().with({}, {"activities.ts1.days=banana"});
  REQUIRE_FALSE(point.ok());
  REQUIRE_THAT(point.error_report(), Catch::Contains("--set #1"));
}

TEST_CASE("a point prepared for running only runs as with() does, and cannot be extended", "[sim]") {
  const std::vector<std::string> sets = {"policies.trust_fund.contributions.0.usd=1000"};
  const sim::Preparation full = baseline().with({}, sets);
  const sim::Preparation point = baseline().point(sets);
  INFO(point.error_report());
  REQUIRE(point.ok());
  REQUIRE_FALSE(point.scenario->extendable());
  REQUIRE(point.scenario->content_hash() == full.scenario->content_hash());
  REQUIRE(point.scenario->source().sets == full.scenario->source().sets);
  require_same(sim::simulate(*point.scenario, {3, 1, nullptr, nullptr}), sim::simulate(*full.scenario, {3, 1, nullptr, nullptr}));
  REQUIRE_THROWS_AS(point.scenario->with({}, {"run.seed=1"}), std::logic_error);
  // An invalid point is reported as with() reports it.
  const sim::Preparation invalid = baseline().point({"activities.ts1.days=banana"});
  REQUIRE_FALSE(invalid.ok());
  REQUIRE_THAT(invalid.error_report(), Catch::Contains("--set #1"));
}
