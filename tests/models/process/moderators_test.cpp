#include "models/process/moderators.hpp"

#include <array>
#include <set>
#include <stdexcept>

#include <catch2/catch.hpp>

using namespace gcmsim::model;

namespace {

MemberState state_with(RegionalGroup group, int profile) {
  MemberState s;
  s.group = group;
  s.migration = {0.2, 0.2, 0.2};
  if (profile == 0) s.migration.origin = 0.6;
  if (profile == 1) s.migration.transit = 0.6;
  if (profile == 2) s.migration.destination = 0.6;
  return s;
}

// Every group with `per_profile` states of each dominant profile: 5 x 3 x per_profile states.
std::vector<MemberState> synthetic_states(int per_profile = 4) {
  std::vector<MemberState> states;
  for (int g = 0; g < kRegionalGroups; ++g) {
    for (int profile = 0; profile < 3; ++profile) {
      for (int k = 0; k < per_profile; ++k) states.push_back(state_with(static_cast<RegionalGroup>(g), profile));
    }
  }
  return states;
}

// The six thematic sessions of phase I with three panels each, as in the first session's agenda.
std::vector<PanelSlot> panels(std::size_t sessions, int per_session) {
  std::vector<PanelSlot> slots;
  for (std::size_t s = 0; s < sessions; ++s) {
    for (int p = 0; p < per_session; ++p) slots.push_back({10 + s, p});
  }
  return slots;
}

}  // namespace

TEST_CASE("dominant profile is the largest share, ties to the earlier profile", "[moderators]") {
  MemberState s;
  s.migration = {0.5, 0.3, 0.2};
  CHECK(dominant_profile(s) == 0);
  s.migration = {0.1, 0.6, 0.3};
  CHECK(dominant_profile(s) == 1);
  s.migration = {0.1, 0.2, 0.7};
  CHECK(dominant_profile(s) == 2);
  s.migration = {0.4, 0.4, 0.2};
  CHECK(dominant_profile(s) == 0);
  s.migration = {0.2, 0.4, 0.4};
  CHECK(dominant_profile(s) == 1);
}

TEST_CASE("each panel gets one moderator and no state moderates twice", "[moderators]") {
  const std::vector<MemberState> states = synthetic_states();
  const std::vector<PanelSlot> slots = panels(6, 3);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    gcmsim::RandomStream stream(seed);
    const std::vector<std::size_t> moderators = appoint_moderators(slots, states, {}, stream);
    REQUIRE(moderators.size() == slots.size());
    CHECK(std::set<std::size_t>(moderators.begin(), moderators.end()).size() == moderators.size());
    for (const std::size_t m : moderators) CHECK(m < states.size());
  }
}

TEST_CASE("moderators cover every regional group once there are five panels or more", "[moderators]") {
  // OP17: "with due regard for geographical balance".
  const std::vector<MemberState> states = synthetic_states();
  const std::vector<PanelSlot> slots = panels(6, 3);  // 18 panels
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    gcmsim::RandomStream stream(seed);
    const std::vector<std::size_t> moderators = appoint_moderators(slots, states, {}, stream);
    std::array<int, kRegionalGroups> per_group{};
    for (std::size_t k = 0; k < moderators.size(); ++k) {
      ++per_group[static_cast<std::size_t>(states[moderators[k]].group)];
      // No group moderates twice before every group has moderated once: every window of five
      // consecutive panels holds all five groups.
      if (k + 1 >= kRegionalGroups) {
        std::set<RegionalGroup> window;
        for (std::size_t j = k + 1 - kRegionalGroups; j <= k; ++j) window.insert(states[moderators[j]].group);
        CHECK(window.size() == kRegionalGroups);
      }
    }
    // 18 = 5 x 3 + 3: three groups moderate four panels, two moderate three.
    for (const int n : per_group) CHECK((n == 3 || n == 4));
  }
  SECTION("a group with no candidates left loses its turn to the next") {
    std::vector<MemberState> few = synthetic_states();
    std::vector<std::size_t> excluded;
    for (std::size_t i = 0; i < few.size(); ++i) {
      if (few[i].group == RegionalGroup::eastern_european && excluded.size() < 11) excluded.push_back(i);
    }
    gcmsim::RandomStream stream(7);
    const std::vector<std::size_t> moderators = appoint_moderators(slots, few, excluded, stream);
    int eastern = 0;
    for (const std::size_t m : moderators) eastern += few[m].group == RegionalGroup::eastern_european ? 1 : 0;
    CHECK(eastern == 1);  // one eligible Eastern European state: it moderates once, then is skipped
    CHECK(moderators.size() == 18);
  }
}

TEST_CASE("within a session the moderators' profiles differ when candidates allow", "[moderators]") {
  // OP17: panels "take into account situations in countries of origin, transit and destination".
  const std::vector<MemberState> states = synthetic_states();
  const std::vector<PanelSlot> slots = panels(6, 3);
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    gcmsim::RandomStream stream(seed);
    const std::vector<std::size_t> moderators = appoint_moderators(slots, states, {}, stream);
    for (std::size_t s = 0; s < 6; ++s) {
      std::set<int> profiles;
      for (std::size_t p = 0; p < 3; ++p) profiles.insert(dominant_profile(states[moderators[3 * s + p]]));
      CHECK(profiles.size() == 3);
    }
  }
  SECTION("when every candidate shares a profile, panels are still moderated") {
    std::vector<MemberState> origin_only;
    for (int g = 0; g < kRegionalGroups; ++g) {
      for (int k = 0; k < 4; ++k) origin_only.push_back(state_with(static_cast<RegionalGroup>(g), 0));
    }
    gcmsim::RandomStream stream(3);
    CHECK(appoint_moderators(slots, origin_only, {}, stream).size() == 18);
  }
  SECTION("sessions are told apart by their activity index, not by position") {
    // Two sessions whose panels are interleaved in the list.
    const std::vector<PanelSlot> interleaved{{1, 0}, {2, 0}, {1, 1}, {2, 1}, {1, 2}, {2, 2}};
    gcmsim::RandomStream stream(11);
    const std::vector<std::size_t> moderators = appoint_moderators(interleaved, states, {}, stream);
    for (std::size_t first : {0u, 1u}) {
      std::set<int> profiles;
      for (std::size_t k = first; k < 6; k += 2) profiles.insert(dominant_profile(states[moderators[k]]));
      CHECK(profiles.size() == 3);
    }
  }
}

TEST_CASE("excluded states (co-facilitators) never moderate", "[moderators]") {
  // OP15: the co-facilitators co-chair the sessions; they are not appointed as moderators.
  const std::vector<MemberState> states = synthetic_states(1);  // 15 states
  const std::vector<std::size_t> co_facilitators{0, 14};
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    gcmsim::RandomStream stream(seed);
    // 13 eligible states for 13 panels: every eligible state is needed, none of the excluded.
    const std::vector<std::size_t> moderators = appoint_moderators(panels(13, 1), states, co_facilitators, stream);
    for (const std::size_t m : moderators) {
      CHECK(m != 0);
      CHECK(m != 14);
    }
  }
  SECTION("when nobody is left to moderate, the appointment fails") {
    gcmsim::RandomStream stream(1);
    CHECK_THROWS_AS(appoint_moderators(panels(14, 1), states, co_facilitators, stream), std::invalid_argument);
  }
}

TEST_CASE("same stream, same appointments", "[moderators]") {
  const std::vector<MemberState> states = synthetic_states();
  const std::vector<PanelSlot> slots = panels(6, 3);
  gcmsim::RandomStream a(42);
  gcmsim::RandomStream b(42);
  CHECK(appoint_moderators(slots, states, {3, 17}, a) == appoint_moderators(slots, states, {3, 17}, b));
  CHECK(a == b);  // and the streams are left in the same state
  // Different streams give different appointments (a loose check that the stream is used).
  std::set<std::vector<std::size_t>> outcomes;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    gcmsim::RandomStream stream(seed);
    outcomes.insert(appoint_moderators(slots, states, {}, stream));
  }
  CHECK(outcomes.size() > 1);
}
