// The dissociation cascade after agreement (models/negotiation/dissociation.hpp): exact against the
// one-shot exponential draw and a hand-integrated two-state case, then direction over paired seeds:
// a higher government stance raises the share that dissociates; a departure raises the share of the
// leaver's close peers and leaves distant states alone, and raises the share of its blocs' members.
#include "models/negotiation/dissociation.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>

using gcmsim::model::DissociationInputs;
using gcmsim::model::dissociation_cascade;

namespace {

constexpr int kSeeds = 40;

// `n` states in, each with base hazard `base` per 30 days, thresholds Exp(1) from `seed`, 150 days
// (agreement to conference, as in 2018).
DissociationInputs inputs(std::size_t n, double base, unsigned seed) {
  DissociationInputs in;
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::size_t r = 0; r < n; ++r) in.threshold.push_back(-std::log1p(-u(gen)));
  in.base.assign(n, base);
  in.active.assign(n, true);
  in.stance.assign(n, 0.0);
  in.span_days = 150.0;
  return in;
}

std::vector<bool> gone(const DissociationInputs& in) {
  std::vector<bool> out(in.threshold.size(), false);
  for (const auto& d : dissociation_cascade(in)) out[d.row] = true;
  return out;
}

// Departures without and with state 0 leaving (scripted) on day 5, over kSeeds paired seeds, counted
// apart for states 1..last_near and for the rest; `setup` adds the mechanism under test to each
// seed's inputs. A departure never saves anyone, checked state by state.
struct PairedDepartures {
  int near_without = 0, near_with = 0, far_without = 0, far_with = 0;
};

template <class Setup>
PairedDepartures departures_after_state_0_leaves(std::size_t n, double base, std::size_t last_near, Setup setup) {
  PairedDepartures c;
  for (unsigned seed = 0; seed < kSeeds; ++seed) {
    DissociationInputs in = inputs(n, base, seed);
    setup(in);
    in.threshold[0] = 1e9;  // state 0 never dissociates by a draw
    const auto without = gone(in);
    in.scripted.emplace_back(5.0, 0);
    const auto with = gone(in);
    for (std::size_t r = 1; r < n; ++r) {
      CHECK((with[r] || !without[r]));
      (r <= last_near ? c.near_without : c.far_without) += without[r];
      (r <= last_near ? c.near_with : c.far_with) += with[r];
    }
  }
  return c;
}

}  // namespace

TEST_CASE("without stance, contagion or new cabinets, each state's day is its threshold x 30 / hazard", "[dissociation]") {
  DissociationInputs in = inputs(50, 0.0, 7);
  for (std::size_t r = 0; r < 50; ++r) in.base[r] = 0.002 * static_cast<double>(r + 1);
  in.base[3] = 0.0;      // no hazard: never
  in.active[4] = false;  // already gone: never
  const auto out = dissociation_cascade(in);
  REQUIRE_FALSE(out.empty());
  std::size_t expected = 0;
  double last = 0.0;
  for (std::size_t r = 0; r < 50; ++r) {
    const double day = in.threshold[r] * 30.0 / in.base[r];
    if (r != 3 && r != 4 && day < 150.0) ++expected;
  }
  CHECK(out.size() == expected);
  for (const auto& [r, day, political] : out) {
    CHECK_FALSE(political);  // nothing but the base: not political
    CHECK(r != 3);
    CHECK(r != 4);
    CHECK(day == in.threshold[r] * 30.0 / in.base[r]);  // bit for bit: the classroom keeps its outputs
    CHECK(day >= last);
    last = day;
  }
}

TEST_CASE("a departure raises a close state's hazard from that day on (integrated by hand)", "[dissociation]") {
  DissociationInputs in;
  in.threshold = {0.3, 1.0};
  in.base = {0.1, 0.05};
  in.active = {true, true};
  in.stance = {0.0, 0.0};
  Eigen::MatrixXd closeness(2, 2);
  closeness << 0.0, 0.8, 0.8, 0.0;
  in.closeness = &closeness;
  in.contagion = 0.5;
  in.span_days = 1000.0;
  const auto out = dissociation_cascade(in);
  REQUIRE(out.size() == 2);
  const double t_a = 0.3 * 30.0 / 0.1;  // 90 days
  CHECK(out[0].row == 0);
  CHECK(out[0].day == Approx(t_a));
  CHECK_FALSE(out[0].political);
  // B's cumulative hazard at 90 days is 0.05 x 3 = 0.15; then 0.05 + 0.5 x 0.8 = 0.45 per 30 days.
  CHECK(out[1].row == 1);
  CHECK(out[1].day == Approx(t_a + (1.0 - 0.15) * 30.0 / 0.45));
  CHECK(out[1].political);  // 0.45 against a base of 0.05: its peer's departure drove it
  // Alone, B would have needed 600 days.
  in.contagion = 0.0;
  CHECK(dissociation_cascade(in).back().day == Approx(600.0));
}

TEST_CASE("a new cabinet changes the hazard from its first day", "[dissociation]") {
  DissociationInputs in = inputs(1, 0.01, 1);
  in.threshold = {0.5};
  in.span_days = 200.0;  // the day it reaches its threshold (177) is within the span
  in.stance_weight = std::log(10.0);
  in.stance_changes.push_back({30.0, 0, 1.0});  // ten times the hazard from day 30
  const auto out = dissociation_cascade(in);
  REQUIRE(out.size() == 1);
  // 0.01 by day 30, then 0.1 per 30 days: 0.49 more takes 147 days.
  CHECK(out[0].day == Approx(30.0 + 0.49 * 30.0 / 0.1));
  CHECK(out[0].political);  // ten times its base when it went
}

TEST_CASE("a higher government stance raises the share that dissociates (paired seeds)", "[dissociation][direction]") {
  int low = 0, high = 0;
  for (unsigned seed = 0; seed < kSeeds; ++seed) {
    DissociationInputs in = inputs(30, 0.005, seed);
    in.stance_weight = 4.0;
    in.stance.assign(30, 0.2);
    for (bool b : gone(in)) low += b;
    in.stance.assign(30, 0.5);
    const auto raised = gone(in);
    for (bool b : raised) high += b;
  }
  INFO("dissociations over " << kSeeds << " seeds of 30 states: stance 0.2 " << low << ", stance 0.5 " << high);
  // Expected shares 1 - exp(-5 x 0.005 e^0.8) = 5.4 % and 1 - exp(-5 x 0.005 e^2) = 16.9 %.
  CHECK(low == Approx(0.054 * 30 * kSeeds).margin(25));
  CHECK(high == Approx(0.169 * 30 * kSeeds).margin(45));
  CHECK(high > 2 * low);
}

TEST_CASE("an early departure raises the departure share of the leaver's close peers, not of distant states",
          "[dissociation][direction]") {
  // State 0 leaves on day 5 (scripted); states 1-10 are close to it (closeness 0.8), 11-29 are not.
  constexpr std::size_t n = 30;
  Eigen::MatrixXd closeness = Eigen::MatrixXd::Zero(n, n);
  for (std::size_t r = 1; r <= 10; ++r) closeness(0, static_cast<Eigen::Index>(r)) = closeness(static_cast<Eigen::Index>(r), 0) = 0.8;
  const PairedDepartures c = departures_after_state_0_leaves(n, 0.005, 10, [&](DissociationInputs& in) {
    in.closeness = &closeness;
    in.contagion = 0.05;
  });
  INFO("close peers " << c.near_without << " -> " << c.near_with << ", distant " << c.far_without << " -> " << c.far_with);
  // Close peers: 1 - exp(-5 x 0.005) = 2.5 % without, about 1 - exp(-0.025 - 0.04 x 145/30) = 19 % with.
  CHECK(c.near_with >= c.near_without + 40);
  CHECK(c.far_with == c.far_without);
}

TEST_CASE("a departure multiplies the hazard of its bloc's members by exp(weight x share gone) (integrated by hand)",
          "[dissociation]") {
  // States 0, 1, 2 form a bloc; 0 leaves (scripted) on day 30. State 1's hazard is then
  // 0.05 x exp(3 x 1/2) from day 30; state 3, outside the bloc, keeps its own.
  DissociationInputs in;
  in.threshold = {1e9, 0.5, 5.0, 0.5};
  in.base = {0.05, 0.05, 0.05, 0.05};
  in.active = {true, true, true, true};
  in.stance = {0.0, 0.0, 0.0, 0.0};
  const std::vector<std::vector<std::size_t>> blocs{{0, 1, 2}};
  in.blocs = &blocs;
  in.bloc_weight = 3.0;
  in.span_days = 1000.0;
  in.scripted.emplace_back(30.0, 0);
  const auto out = dissociation_cascade(in);
  REQUIRE(out.size() >= 2);
  // State 1: 0.05 by day 30, then 0.05 e^1.5 per 30 days for the remaining 0.45.
  CHECK(out[0].row == 1);
  CHECK(out[0].day == Approx(30.0 + 0.45 * 30.0 / (0.05 * std::exp(1.5))));
  CHECK(out[0].political);  // e^1.5 = 4.5 times its base
  // State 3: 0.5 x 30 / 0.05 = 300 days, untouched by the bloc.
  const auto three = std::find_if(out.begin(), out.end(), [](const auto& d) { return d.row == 3; });
  REQUIRE(three != out.end());
  CHECK(three->day == Approx(300.0));
  CHECK_FALSE(three->political);
}

TEST_CASE("an early departure raises the departure share of its bloc's members, not of others (paired seeds)",
          "[dissociation][direction]") {
  // State 0 leaves on day 5 (scripted); states 0-3 are a bloc of four (as the Visegrad group);
  // states 4-29 share no bloc with it.
  constexpr std::size_t n = 30;
  const std::vector<std::vector<std::size_t>> blocs{{0, 1, 2, 3}, {4, 5, 6, 7, 8, 9}};
  const PairedDepartures c = departures_after_state_0_leaves(n, 0.02, 3, [&](DissociationInputs& in) {
    in.blocs = &blocs;
    in.bloc_weight = 4.0;
  });
  INFO("bloc members " << c.near_without << " -> " << c.near_with << ", others " << c.far_without << " -> " << c.far_with);
  // Bloc members: 1 - exp(-5 x 0.02) = 9.5 % without; with a third of their peers gone, at least
  // 1 - exp(-4.8 x 0.02 e^(4/3)) = 31 % with (more as the others follow): of 120, 11 -> about 40.
  CHECK(c.near_with >= c.near_without + 20);
  CHECK(c.far_with == c.far_without);
}
