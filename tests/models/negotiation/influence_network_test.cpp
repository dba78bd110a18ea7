// The influence network as an operator: the membership form applies exactly the pairwise matrix of
// influence_from_memberships (with apply_voice's voices) without building it; the explicit form
// applies the classroom matrix as written.
#include "models/negotiation/influence_network.hpp"

#include <catch2/catch.hpp>

#include "../loader/load_helpers.hpp"
#include "engine/random_streams.hpp"
#include "models/negotiation/friedkin_johnsen.hpp"

using namespace gcmsim;
using namespace gcmsim::model;

namespace {

std::vector<MemberState> baseline_states() {
  const auto loaded = testing::load(testing::scenario_file("gcm-2017-2018.yaml"));
  if (!loaded.ok()) FAIL(loaded.error_report());
  return loaded.scenario->member_states;
}

Eigen::VectorXd voices(Eigen::Index n, std::uint64_t key) {
  RandomStream stream(key);
  Eigen::VectorXd v(n);
  // Spoke, silent, absent, left: the four values a sitting day gives.
  const double levels[] = {1.0, 0.5, 0.1, 0.0};
  for (Eigen::Index i = 0; i < n; ++i) v[i] = levels[stream.uniform_index(4)];
  return v;
}

Eigen::MatrixXd positions(Eigen::Index n, Eigen::Index d, std::uint64_t key) {
  RandomStream stream(key);
  Eigen::MatrixXd x(n, d);
  for (Eigen::Index c = 0; c < d; ++c)
    for (Eigen::Index i = 0; i < n; ++i) x(i, c) = stream.uniform01();
  return x;
}

}  // namespace

TEST_CASE("the membership form applies the pairwise matrix of the 193 member states exactly", "[negotiation]") {
  const auto states = baseline_states();
  const InfluenceWeights w{0.4, 1.0, 0.5};
  const Influence W = influence_from_memberships(states, w);
  const InfluenceNetwork net = InfluenceNetwork::from_memberships(states, w);
  const auto n = static_cast<Eigen::Index>(states.size());
  const Eigen::MatrixXd x = positions(n, 7, 11);
  Hearing h = net.hearing(7);
  for (std::uint64_t day = 0; day < 5; ++day) {
    const Eigen::VectorXd v = day == 0 ? Eigen::VectorXd::Ones(n) : voices(n, day);
    net.set_voice(h, v);
    Eigen::MatrixXd y;
    net.multiply(h, x, y);
    const Eigen::MatrixXd expected = apply_voice(W, v) * x;
    REQUIRE((y - expected).cwiseAbs().maxCoeff() < 1e-12);
    REQUIRE(is_row_stochastic(net.materialise(h), 1e-12));
    REQUIRE((Eigen::MatrixXd(net.materialise(h)) - Eigen::MatrixXd(apply_voice(W, v))).cwiseAbs().maxCoeff() < 1e-12);
  }
}

TEST_CASE("through the operator, a state whose partners are all unheard keeps its own view", "[negotiation]") {
  MemberState a, b, c;
  a.group = b.group = RegionalGroup::african;
  c.group = RegionalGroup::asia_pacific;
  const InfluenceNetwork net = InfluenceNetwork::from_memberships({a, b, c}, {});
  Hearing h = net.hearing(1);
  net.set_voice(h, Eigen::Vector3d(1.0, 0.0, 1.0));
  Eigen::MatrixXd x(3, 1), y;
  x << 0.2, 0.8, 0.5;
  net.multiply(h, x, y);
  REQUIRE(y(0, 0) == 0.2);  // its only partner, b, was not heard
  REQUIRE(y(1, 0) == Approx(0.4 * 0.8 + 0.6 * 0.2));
  REQUIRE(y(2, 0) == 0.5);  // no partner at all
}

TEST_CASE("the explicit form is the classroom matrix with the day's voices", "[negotiation]") {
  const Influence W = influence_from_rows({{{0, 0.5}, {1, 0.25}, {2, 0.25}}, {{1, 1.0}}, {{0, 0.3}, {1, 0.3}, {2, 0.4}}});
  const InfluenceNetwork net = InfluenceNetwork::from_matrix(W);
  Hearing h = net.hearing(2);
  const Eigen::MatrixXd x = positions(3, 2, 5);
  for (const Eigen::Vector3d& v : {Eigen::Vector3d(1, 1, 1), Eigen::Vector3d(1, 0.5, 0), Eigen::Vector3d(0, 0, 1)}) {
    net.set_voice(h, v);
    Eigen::MatrixXd y;
    net.multiply(h, x, y);
    REQUIRE((y - apply_voice(W, v) * x).cwiseAbs().maxCoeff() < 1e-14);
  }
}

TEST_CASE("an FJ step through the operator equals the matrix step", "[negotiation]") {
  const auto states = baseline_states();
  const InfluenceNetwork net = InfluenceNetwork::from_memberships(states, {});
  const Influence W = influence_from_memberships(states, {});
  const auto n = static_cast<Eigen::Index>(states.size());
  const Eigen::MatrixXd x0 = positions(n, 3, 1);
  const Eigen::MatrixXd x = positions(n, 3, 2);
  Eigen::VectorXd lambda = Eigen::VectorXd::Constant(n, 0.5);
  lambda[0] = 0.0;
  Hearing h = net.hearing(3);
  Eigen::MatrixXd out;
  fj_step_into(net, h, lambda, x, x0, out);
  REQUIRE((out - fj_step(W, lambda, x, x0)).cwiseAbs().maxCoeff() < 1e-12);
  REQUIRE(out.row(0) == x0.row(0));  // a stubborn delegation stays on its anchor bit for bit
}

TEST_CASE("bad voices are refused", "[negotiation]") {
  const InfluenceNetwork net = InfluenceNetwork::from_memberships({MemberState{}, MemberState{}}, {});
  Hearing h = net.hearing(1);
  REQUIRE_THROWS_AS(net.set_voice(h, Eigen::VectorXd::Ones(3)), std::invalid_argument);
  REQUIRE_THROWS_AS(net.set_voice(h, Eigen::Vector2d(1.0, -0.1)), std::invalid_argument);
}
