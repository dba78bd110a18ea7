// The process state is plain data: a test builds it, steps it with a policy and inspects it.
#include "models/process/process_state.hpp"

#include <catch2/catch.hpp>

#include "../loader/load_helpers.hpp"

using namespace gcmsim;
using namespace gcmsim::model;

TEST_CASE("the initial state: nothing started, nobody withdrawn, the fund empty", "[process_state]") {
  const auto loaded = testing::load(testing::fixture("minimal.yaml"));
  REQUIRE(loaded.ok());
  const Scenario& s = *loaded.scenario;
  const ScenarioSetup setup(s);
  const ProcessState state = initial_state(setup, 7, 3);
  CHECK(state.results.seed == 7);
  CHECK(state.results.replication == 3);
  REQUIRE(state.results.activities.size() == s.activities.size());
  for (const auto& rec : state.results.activities) CHECK_FALSE(rec.started);
  CHECK(state.withdrawn == std::vector<bool>(s.member_states.size(), false));
  CHECK(state.waiting[*s.find_activity("ib1")] == 0);
  // The stocktaking needs sum1 and ts2 but, hosted on a fixed date, waits for neither (soft needs).
  CHECK(s.activities[*s.find_activity("stocktaking")].needs.size() == 2);
  CHECK(state.waiting[*s.find_activity("stocktaking")] == 0);
  CHECK(state.fund.balance == 0.0);
  CHECK(state.consultation_minutes == std::vector<double>(s.member_states.size(), 0.0));
  CHECK_FALSE(state.negotiation.has_value());  // the minimal scenario does not negotiate
}
