#include "models/negotiation/influence.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace gcmsim::model;

namespace {

MemberState state(RegionalGroup group, std::vector<std::string> coalitions) {
  MemberState s;
  s.group = group;
  s.coalitions = std::move(coalitions);
  return s;
}

constexpr auto african = RegionalGroup::african;
constexpr auto asia = RegionalGroup::asia_pacific;
constexpr auto weog = RegionalGroup::western_european_others;
constexpr auto eastern = RegionalGroup::eastern_european;

}  // namespace

TEST_CASE("coalition and group memberships give a row-stochastic influence matrix", "[negotiation]") {
  const std::vector<MemberState> states = {state(african, {"G77", "AU"}), state(african, {"G77", "AU", "LDC"}),
                                           state(asia, {"G77", "LDC"}), state(weog, {"EU"}), state(weog, {"EU"}),
                                           state(weog, {})};
  const Influence W = influence_from_memberships(states, {});
  REQUIRE(W.rows() == 6);
  REQUIRE(is_row_stochastic(W));
  for (Eigen::Index i = 0; i < 6; ++i) REQUIRE(W.coeff(i, i) == Approx(0.4));
  // Ties are mutual, though each row shares its 0.6 in its own proportions.
  for (Eigen::Index i = 0; i < 6; ++i)
    for (Eigen::Index j = 0; j < 6; ++j) REQUIRE((W.coeff(i, j) > 0.0) == (W.coeff(j, i) > 0.0));
  REQUIRE(W.coeff(0, 3) == 0.0);
}

TEST_CASE("states sharing more coalitions weigh more on each other", "[negotiation]") {
  // A shares two coalitions with B and one with C; no regional group in common.
  const std::vector<MemberState> states = {state(african, {"x", "y"}), state(asia, {"x", "y"}),
                                           state(weog, {"x"})};
  const Influence W = influence_from_memberships(states, {});
  // Row A: ties 2 (B) and 1 (C) share the 0.6 left after self_weight 0.4.
  REQUIRE(W.coeff(0, 1) == Approx(0.4));
  REQUIRE(W.coeff(0, 2) == Approx(0.2));
  // The regional group adds a weaker tie: same coalitions, now B is also in A's group.
  const std::vector<MemberState> grouped = {state(african, {"x"}), state(african, {"x"}), state(weog, {"x"})};
  const Influence G = influence_from_memberships(grouped, {});
  REQUIRE(G.coeff(0, 1) == Approx(0.6 * 1.5 / 2.5));
  REQUIRE(G.coeff(0, 2) == Approx(0.6 * 1.0 / 2.5));
}

TEST_CASE("a coalition listed twice by a state counts once", "[negotiation]") {
  const std::vector<MemberState> states = {state(african, {"x", "x", "y"}), state(asia, {"y", "x"}),
                                           state(weog, {"x", "y"})};
  const Influence W = influence_from_memberships(states, {});
  REQUIRE(W.coeff(0, 1) == Approx(W.coeff(0, 2)));
}

TEST_CASE("a state with no partner keeps w_ii = 1", "[negotiation]") {
  const std::vector<MemberState> states = {state(african, {"x"}), state(asia, {"x"}), state(eastern, {"alone"})};
  const Influence W = influence_from_memberships(states, {});
  REQUIRE(W.coeff(2, 2) == 1.0);
  REQUIRE(W.row(2).nonZeros() == 1);
  REQUIRE(is_row_stochastic(W));
}

TEST_CASE("a G77-sized coalition gives a large but sparse-stored network", "[negotiation]") {
  std::vector<MemberState> states;
  for (int i = 0; i < 193; ++i)
    states.push_back(state(static_cast<RegionalGroup>(i % kRegionalGroups),
                           i < 133 ? std::vector<std::string>{"G77"} : std::vector<std::string>{"other"}));
  const Influence W = influence_from_memberships(states, {});
  REQUIRE(is_row_stochastic(W));
  // 133 × 132 G77 ties, 60 × 59 among the others, the diagonal, and group ties across the two.
  REQUIRE(W.nonZeros() >= 133 * 132 + 60 * 59 + 193);
  REQUIRE(W.nonZeros() <= 40'000);
}

TEST_CASE("influence weights outside their range are rejected", "[negotiation]") {
  const std::vector<MemberState> states = {state(african, {}), state(african, {})};
  REQUIRE_THROWS_AS(influence_from_memberships(states, {1.5, 1.0, 0.5}), std::invalid_argument);
  REQUIRE_THROWS_AS(influence_from_memberships(states, {0.4, -1.0, 0.5}), std::invalid_argument);
}

TEST_CASE("rows that do not sum to one are rejected with the row named", "[negotiation]") {
  REQUIRE_THROWS_WITH(influence_from_rows({{{0, 1.0}}, {{0, 0.5}, {1, 0.4}}}), Catch::Contains("row 1 sums to 0.9"));
  REQUIRE_THROWS_WITH(influence_from_rows({{{0, 1.2}, {1, -0.2}}, {{1, 1.0}}}),
                      Catch::Contains("row 0") && Catch::Contains("negative"));
  REQUIRE_THROWS_WITH(influence_from_rows({{{0, 1.0}}, {{2, 1.0}}}),
                      Catch::Contains("row 1") && Catch::Contains("out of range"));
  // A looser tolerance admits rows rounded in print.
  REQUIRE_NOTHROW(influence_from_rows({{{0, 0.3334}, {1, 0.6667}}, {{1, 1.0}}}, 1e-3));
}

TEST_CASE("apply_voice keeps rows stochastic and lowers a silent state's influence on others", "[negotiation]") {
  const std::vector<MemberState> states = {state(african, {"x"}), state(african, {"x", "y"}),
                                           state(asia, {"x", "y"}), state(asia, {"y"})};
  const Influence W = influence_from_memberships(states, {});
  const Eigen::Vector4d voice(1.0, 1.0, 0.1, 0.5);  // state 2 absent, state 3 present but silent
  const Influence heard = apply_voice(W, voice);
  REQUIRE(is_row_stochastic(heard));
  for (Eigen::Index i = 0; i < 4; ++i) {
    REQUIRE(heard.coeff(i, i) == Approx(W.coeff(i, i)));
    if (i != 2) REQUIRE(heard.coeff(i, 2) < W.coeff(i, 2));
  }
  // Those who spoke gain what the silent lose.
  REQUIRE(heard.coeff(3, 1) > W.coeff(3, 1));
}

TEST_CASE("apply_voice is the identity for equal voices", "[negotiation]") {
  const std::vector<MemberState> states = {state(african, {"x"}), state(african, {"x", "y"}),
                                           state(asia, {"x", "y"}), state(asia, {"y"}), state(weog, {})};
  const Influence W = influence_from_memberships(states, {});
  for (double level : {1.0, 0.5, 0.1}) {
    const Eigen::MatrixXd heard(apply_voice(W, Eigen::VectorXd::Constant(5, level)));
    REQUIRE((heard - Eigen::MatrixXd(W)).cwiseAbs().maxCoeff() < 1e-15);
  }
}

TEST_CASE("a state whose partners are all unheard keeps its own view", "[negotiation]") {
  const Influence W = influence_from_rows({{{0, 0.5}, {1, 0.5}}, {{0, 0.25}, {1, 0.75}}});
  const Influence heard = apply_voice(W, Eigen::Vector2d(1.0, 0.0));
  REQUIRE(heard.coeff(0, 0) == 1.0);
  REQUIRE(heard.coeff(0, 1) == 0.0);
  REQUIRE(heard.coeff(1, 0) == 0.25);  // state 1 still hears state 0
  REQUIRE(is_row_stochastic(heard));
  REQUIRE_THROWS_AS(apply_voice(W, Eigen::Vector3d::Ones()), std::invalid_argument);
}
