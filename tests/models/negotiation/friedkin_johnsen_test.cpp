#include "models/negotiation/friedkin_johnsen.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <stdexcept>

using namespace gcmsim::model;

namespace {

// A strongly connected, aperiodic network: a ring (i listens to i + 1) makes it strongly
// connected, a positive diagonal aperiodic, and two random extra ties per row mix it up.
Influence random_network(Eigen::Index n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.1, 1.0);
  std::uniform_int_distribution<std::size_t> other(0, static_cast<std::size_t>(n) - 1);
  std::vector<std::vector<std::pair<std::size_t, double>>> rows(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i] = {{i, u(rng)}, {(i + 1) % rows.size(), u(rng)}, {other(rng), u(rng)}, {other(rng), u(rng)}};
    double sum = 0.0;
    for (const auto& entry : rows[i]) sum += entry.second;
    for (auto& entry : rows[i]) entry.second /= sum;
  }
  return influence_from_rows(rows, 1e-12);
}

Eigen::MatrixXd random_positions(Eigen::Index n, Eigen::Index d, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::MatrixXd x(n, d);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = u(rng);
  return x;
}

Eigen::MatrixXd iterate_to_rest(const Influence& W, const Eigen::VectorXd& susceptibility, const Eigen::MatrixXd& x0) {
  Eigen::MatrixXd x = x0;
  for (int k = 0; k < 100'000; ++k) {
    Eigen::MatrixXd next = fj_step(W, susceptibility, x, x0);
    const double moved = (next - x).cwiseAbs().maxCoeff();
    x.swap(next);
    if (moved < 1e-14) break;
  }
  return x;
}

}  // namespace

TEST_CASE("the four-person example of Friedkin and Johnsen reaches its published equilibrium", "[negotiation]") {
  // Friedkin & Johnsen (1999), the four-person group: W as printed (three decimals). Each printed
  // row sums to exactly 1.000 (e.g. .147 + .215 + .344 + .294), so it is used as printed, with
  // influence_from_rows' default tolerance, and not renormalised.
  const Influence W = influence_from_rows({{{0, .220}, {1, .120}, {2, .360}, {3, .300}},
                                           {{0, .147}, {1, .215}, {2, .344}, {3, .294}},
                                           {{2, 1.0}},
                                           {{0, .090}, {1, .178}, {2, .446}, {3, .286}}});
  REQUIRE(is_row_stochastic(W));
  // Their susceptibility is 1 − w_ii; person 3 gives no weight to others and never moves.
  const Eigen::Vector4d susceptibility(.780, .785, 0.0, .714);
  // Positions on their 0–100 scale: FJ is affine-invariant, so the scale does not matter.
  const Eigen::MatrixXd x0 = Eigen::Vector4d(25, 25, 75, 85);

  const Eigen::MatrixXd iterated = iterate_to_rest(W, susceptibility, x0);
  const Eigen::MatrixXd closed = fj_equilibrium(W, susceptibility, x0);
  CAPTURE(iterated.transpose(), closed.transpose());
  REQUIRE((iterated - closed).cwiseAbs().maxCoeff() < 1e-6);

  // Published (rounded): 60, 60, 75, 75. Computed here: 60.0208488, 59.9839659, 75, 74.9862049.
  const Eigen::Vector4d published(60, 60, 75, 75);
  REQUIRE((closed - published).cwiseAbs().maxCoeff() < 0.5);
  const Eigen::Vector4d computed(60.0208488259, 59.9839659393, 75.0, 74.9862049378);
  REQUIRE((closed - computed).cwiseAbs().maxCoeff() < 1e-6);
}

TEST_CASE("with every susceptibility 1 (DeGroot) the left-eigenvector-weighted mean stays constant each step",
          "[negotiation]") {
  std::mt19937_64 rng(17);
  const Influence W = random_network(12, rng);
  const Eigen::RowVectorXd pi = left_eigenvector(W);
  REQUIRE(pi.sum() == Approx(1.0));
  REQUIRE((pi * W - pi).cwiseAbs().maxCoeff() < 1e-12);

  const Eigen::VectorXd degroot = Eigen::VectorXd::Ones(12);
  const Eigen::MatrixXd x0 = random_positions(12, 3, rng);
  const Eigen::RowVectorXd mean = pi * x0;
  Eigen::MatrixXd x = x0;
  for (int k = 0; k < 50; ++k) {
    x = fj_step(W, degroot, x, x0);
    REQUIRE(((pi * x) - mean).cwiseAbs().maxCoeff() < 1e-10);
  }
}

TEST_CASE("a strongly connected aperiodic network reaches consensus", "[negotiation]") {
  std::mt19937_64 rng(29);
  const Influence W = random_network(20, rng);
  const Eigen::VectorXd degroot = Eigen::VectorXd::Ones(20);
  const Eigen::MatrixXd x0 = random_positions(20, 2, rng);
  const Eigen::MatrixXd x = iterate_to_rest(W, degroot, x0);
  // Everyone ends at the same place, and that place is the π-weighted mean of where they began.
  const Eigen::RowVectorXd consensus = left_eigenvector(W) * x0;
  for (Eigen::Index i = 0; i < x.rows(); ++i) REQUIRE((x.row(i) - consensus).cwiseAbs().maxCoeff() < 1e-9);
}

TEST_CASE("without an anchor (DeGroot) there is no unique equilibrium to solve for", "[negotiation]") {
  std::mt19937_64 rng(3);
  const Influence W = random_network(6, rng);
  const Eigen::MatrixXd x0 = Eigen::MatrixXd::Constant(6, 1, 0.5);
  REQUIRE_THROWS_AS(fj_equilibrium(W, Eigen::VectorXd::Ones(6), x0), std::runtime_error);
  // One state keeping a little of its own view anchors everyone who listens to it, even indirectly.
  Eigen::VectorXd susceptibility = Eigen::VectorXd::Ones(6);
  susceptibility[4] = 0.9;
  REQUIRE_NOTHROW(fj_equilibrium(W, susceptibility, x0));
}

TEST_CASE("a stubborn delegation (susceptibility 0) never moves, step by step or at equilibrium", "[negotiation]") {
  std::mt19937_64 rng(5);
  const Influence W = random_network(8, rng);
  Eigen::VectorXd susceptibility = Eigen::VectorXd::Constant(8, 0.8);
  susceptibility[3] = 0.0;
  const Eigen::MatrixXd x0 = random_positions(8, 4, rng);
  Eigen::MatrixXd x = x0;
  for (int k = 0; k < 200; ++k) {
    x = fj_step(W, susceptibility, x, x0);
    REQUIRE(x.row(3) == x0.row(3));
  }
  REQUIRE((fj_equilibrium(W, susceptibility, x0).row(3) - x0.row(3)).cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("any other initial positions give their own equilibrium (I − ΛW)^{-1}(I − Λ)x0", "[negotiation]") {
  std::mt19937_64 rng(41);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int trial = 0; trial < 5; ++trial) {
    const Eigen::Index n = 15 + 5 * trial;
    const Influence W = random_network(n, rng);
    Eigen::VectorXd susceptibility(n);
    for (Eigen::Index i = 0; i < n; ++i) susceptibility[i] = u(rng);
    const Eigen::MatrixXd x0 = random_positions(n, 3, rng);
    const Eigen::MatrixXd closed = fj_equilibrium(W, susceptibility, x0);
    REQUIRE((iterate_to_rest(W, susceptibility, x0) - closed).cwiseAbs().maxCoeff() < 1e-9);
    // The residual of the fixed-point equation x = ΛWx + (I − Λ)x0 is rounding only.
    REQUIRE((fj_step(W, susceptibility, closed, x0) - closed).cwiseAbs().maxCoeff() < 1e-12);
  }
}

TEST_CASE("influence steps refuse positions of the wrong size", "[negotiation]") {
  const Influence W = influence_from_rows({{{0, 1.0}}, {{1, 1.0}}});
  REQUIRE_THROWS_AS(fj_step(W, Eigen::VectorXd::Ones(2), Eigen::MatrixXd::Zero(3, 1), Eigen::MatrixXd::Zero(2, 1)),
                    std::invalid_argument);
  REQUIRE_THROWS_AS(fj_equilibrium(W, Eigen::VectorXd::Constant(2, 1.5), Eigen::MatrixXd::Zero(2, 1)),
                    std::invalid_argument);
}

TEST_CASE("the stationary distribution is found even for a periodic network", "[negotiation]") {
  // Period 2: 0 listens to 1 and 2, they listen to 0. Plain power iteration from the uniform start
  // would alternate between (2/3, 1/6, 1/6) and (1/3, 1/3, 1/3); the lazy iteration converges.
  const Influence W = influence_from_rows({{{1, 0.5}, {2, 0.5}}, {{0, 1.0}}, {{0, 1.0}}});
  const Eigen::RowVectorXd pi = left_eigenvector(W);
  REQUIRE((pi - Eigen::RowVector3d(0.5, 0.25, 0.25)).cwiseAbs().maxCoeff() < 1e-11);
}
