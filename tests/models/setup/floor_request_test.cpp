// The chance that a present delegation asks for the floor, from the named floor parameters, and
// the working language a meeting offers (OP29).
#include "models/setup/floor_request.hpp"

#include <catch2/catch.hpp>

#include "models/setup/attendance.hpp"

using namespace gcmsim::model;

TEST_CASE("the request chance scales with offset plus salience and engagement, up to its cap", "[floor_request]") {
  MemberState state;
  ModelParameters p;
  // Default engagement: rate x (offset + salience).
  CHECK(floor_request_probability(state, 0.5, p) == Approx(0.35 * 1.0));
  CHECK(floor_request_probability(state, 0.0, p) == Approx(0.35 * 0.5));
  p.floor.salience_offset = 1.0;
  CHECK(floor_request_probability(state, 0.0, p) == Approx(0.35 * 1.0));
  state.engagement = 1.2;  // twice the default engagement
  CHECK(floor_request_probability(state, 0.0, p) == Approx(0.70));
  p.floor.request_rate = 5.0;
  CHECK(floor_request_probability(state, 0.0, p) == Approx(0.95));
  p.floor.max_request_probability = 0.5;
  CHECK(floor_request_probability(state, 0.0, p) == Approx(0.5));
}

TEST_CASE("without interpretation a state whose language is not offered asks for the floor less", "[floor_request]") {
  MemberState state;
  const ModelParameters p;
  CHECK(floor_request_probability(state, 0.5, p, false) == Approx(0.5 * floor_request_probability(state, 0.5, p, true)));
  Activity meeting;
  meeting.interpretation = false;
  state.working_language = Language::french;
  CHECK_FALSE(language_offered(meeting, state));
  state.working_language = Language::english;
  CHECK(language_offered(meeting, state));  // without interpretation the meeting runs in English
  meeting.interpretation = true;
  state.working_language = Language::french;
  CHECK(language_offered(meeting, state));
}
