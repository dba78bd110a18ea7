#include "models/process/floor.hpp"

#include <catch2/catch.hpp>

using namespace gcmsim::model;

namespace {

FloorRequest ask(std::size_t state, RegionalGroup group, double wanted = 3.0) { return {state, group, wanted}; }

std::vector<std::size_t> speakers(const FloorOutcome& outcome) {
  std::vector<std::size_t> states;
  for (const Intervention& i : outcome.interventions) states.push_back(i.state);
  return states;
}

double time_used(const FloorOutcome& outcome) {
  double used = 0.0;
  for (const Intervention& i : outcome.interventions) used += i.minutes;
  return used;
}

// Every request asks for `wanted` minutes; groups cycle so both policies see a realistic mix.
std::vector<FloorRequest> uniform_requests(std::size_t n, double wanted) {
  std::vector<FloorRequest> requests;
  for (std::size_t i = 0; i < n; ++i) requests.push_back(ask(i, static_cast<RegionalGroup>(i % kRegionalGroups), wanted));
  return requests;
}

constexpr auto african = RegionalGroup::african;
constexpr auto asia_pacific = RegionalGroup::asia_pacific;
constexpr auto eastern = RegionalGroup::eastern_european;
constexpr auto latin = RegionalGroup::latin_american_caribbean;
constexpr auto western = RegionalGroup::western_european_others;

}  // namespace

TEST_CASE("floor interventions never exceed the limit", "[floor]") {
  // Procedural note of the first thematic session: "The limit for interventions from the floor is
  // three minutes."
  const std::vector<FloorRequest> requests{ask(0, african, 5.0), ask(1, western, 2.0), ask(2, latin, 3.5),
                                           ask(3, eastern, 3.0)};
  const FloorOutcome outcome = give_floor(requests, 60.0, 3.0, FloorPolicy::first_come);
  REQUIRE(outcome.interventions.size() == 4);
  for (const Intervention& i : outcome.interventions) CHECK(i.minutes <= 3.0);
  CHECK(outcome.interventions[0].minutes == 3.0);  // wanted 5, cut to the limit
  CHECK(outcome.interventions[1].minutes == 2.0);  // shorter than the limit: as wanted
  CHECK(outcome.interventions[2].minutes == 3.0);
  CHECK(outcome.unserved.empty());
}

TEST_CASE("with first come the order of requests is kept", "[floor]") {
  const std::vector<FloorRequest> requests{ask(7, western), ask(3, western), ask(9, african, 2.0), ask(1, latin)};
  const FloorOutcome outcome = give_floor(requests, 60.0, 3.0, FloorPolicy::first_come);
  CHECK(speakers(outcome) == std::vector<std::size_t>{7, 3, 9, 1});
  // Start minutes are cumulative from the opening of the discussion.
  REQUIRE(outcome.interventions.size() == 4);
  CHECK(outcome.interventions[0].start_minute == 0.0);
  CHECK(outcome.interventions[1].start_minute == 3.0);
  CHECK(outcome.interventions[2].start_minute == 6.0);
  CHECK(outcome.interventions[3].start_minute == 8.0);
}

TEST_CASE("alternating groups interleave regional groups", "[floor]") {
  SECTION("the cycle starts with the first requester's group and passes over empty groups") {
    const std::vector<FloorRequest> requests{ask(10, african), ask(11, african), ask(12, african),
                                             ask(40, western), ask(30, latin),   ask(20, eastern)};
    const FloorOutcome outcome = give_floor(requests, 60.0, 3.0, FloorPolicy::alternating_groups);
    // african, (no Asia-Pacific), eastern, latin, western, then african twice as the others are done.
    CHECK(speakers(outcome) == std::vector<std::size_t>{10, 20, 30, 40, 11, 12});
  }
  SECTION("the cycle wraps round from a later group") {
    const std::vector<FloorRequest> requests{ask(30, latin), ask(10, african), ask(31, latin), ask(15, asia_pacific),
                                             ask(40, western)};
    const FloorOutcome outcome = give_floor(requests, 60.0, 3.0, FloorPolicy::alternating_groups);
    CHECK(speakers(outcome) == std::vector<std::size_t>{30, 40, 10, 15, 31});
  }
  SECTION("within a group requests keep their order, and the unserved are those the chair would have called next") {
    const std::vector<FloorRequest> requests{ask(1, african), ask(2, african), ask(3, western), ask(4, western)};
    const FloorOutcome outcome = give_floor(requests, 9.0, 3.0, FloorPolicy::alternating_groups);
    CHECK(speakers(outcome) == std::vector<std::size_t>{1, 3, 2});
    CHECK(outcome.unserved == std::vector<std::size_t>{4});
  }
}

TEST_CASE("requests that do not fit are counted unserved", "[floor]") {
  SECTION("the discussion closes when the next speaker cannot finish") {
    // 20 minutes hold six interventions of three minutes; the seventh would end at minute 21.
    const FloorOutcome outcome = give_floor(uniform_requests(10, 3.0), 20.0, 3.0, FloorPolicy::first_come);
    CHECK(outcome.interventions.size() == 6);
    CHECK(outcome.unserved == std::vector<std::size_t>{6, 7, 8, 9});
  }
  SECTION("the chair does not skip ahead to a shorter speaker") {
    const std::vector<FloorRequest> requests{ask(0, african), ask(1, african), ask(2, african), ask(3, african, 1.0)};
    const FloorOutcome outcome = give_floor(requests, 7.5, 3.0, FloorPolicy::first_come);
    CHECK(speakers(outcome) == std::vector<std::size_t>{0, 1});
    CHECK(outcome.unserved == std::vector<std::size_t>{2, 3});
  }
  SECTION("an intervention that ends exactly at the close still fits") {
    const FloorOutcome outcome = give_floor(uniform_requests(4, 3.0), 9.0, 3.0, FloorPolicy::first_come);
    CHECK(outcome.interventions.size() == 3);
    CHECK(outcome.unserved.size() == 1);
  }
  SECTION("no time at all: everyone is unserved") {
    for (const double available : {0.0, -5.0}) {
      const FloorOutcome outcome = give_floor(uniform_requests(3, 3.0), available, 3.0, FloorPolicy::alternating_groups);
      CHECK(outcome.interventions.empty());
      CHECK(outcome.unserved.size() == 3);
    }
  }
  SECTION("no requests: nothing happens") {
    const FloorOutcome outcome = give_floor({}, 30.0, 3.0, FloorPolicy::alternating_groups);
    CHECK(outcome.interventions.empty());
    CHECK(outcome.unserved.empty());
  }
}

TEST_CASE("time used never exceeds the time available", "[floor]") {
  gcmsim::RandomStream stream(2017);
  for (int trial = 0; trial < 500; ++trial) {
    const auto n = static_cast<std::size_t>(stream.uniform_index(40));
    std::vector<FloorRequest> requests;
    for (std::size_t i = 0; i < n; ++i) {
      const auto group = static_cast<RegionalGroup>(stream.uniform_index(kRegionalGroups));
      const double wanted = stream.uniform(0.5, 6.0);
      requests.push_back(ask(i, group, wanted));
    }
    const double available = stream.uniform(-5.0, 90.0);
    const double limit = stream.uniform(1.0, 5.0);
    const bool alternate = stream.bernoulli(0.5);
    const FloorOutcome outcome =
        give_floor(requests, available, limit, alternate ? FloorPolicy::alternating_groups : FloorPolicy::first_come);

    CHECK(outcome.interventions.size() + outcome.unserved.size() == n);
    double end = 0.0;
    for (const Intervention& i : outcome.interventions) {
      CHECK(i.start_minute == end);  // back to back, no gaps
      CHECK(i.minutes <= limit);
      end += i.minutes;
    }
    if (!outcome.interventions.empty()) CHECK(end <= available);
    CHECK(time_used(outcome) == end);
  }
}

TEST_CASE("two-minute interventions serve more speakers than three-minute ones", "[floor]") {
  // A what-if: the same 60 requests and 90 minutes of floor. Three minutes each: 90 / 3 = 30
  // speakers; two minutes each: 90 / 2 = 45.
  const std::vector<FloorRequest> requests = uniform_requests(60, 3.0);
  for (const FloorPolicy policy : {FloorPolicy::first_come, FloorPolicy::alternating_groups}) {
    const FloorOutcome three = give_floor(requests, 90.0, 3.0, policy);
    const FloorOutcome two = give_floor(requests, 90.0, 2.0, policy);
    CHECK(three.interventions.size() == 30);
    CHECK(three.unserved.size() == 30);
    CHECK(two.interventions.size() == 45);
    CHECK(two.unserved.size() == 15);
    CHECK(time_used(three) == 90.0);
    CHECK(time_used(two) == 90.0);
  }
}
