#include "models/negotiation/draft.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace gcmsim::model;

namespace {

// Two states on two dimensions: state 1 cares three times as much about dimension 0.
Eigen::MatrixXd positions() { return (Eigen::MatrixXd(2, 2) << 0.2, 0.9, 0.8, 0.1).finished(); }
Eigen::MatrixXd salience() { return (Eigen::MatrixXd(2, 2) << 1.0, 0.5, 3.0, 0.5).finished(); }

}  // namespace

TEST_CASE("the compromise of two states is their salience-weighted mean", "[negotiation]") {
  const Eigen::RowVectorXd draft = compromise(positions(), salience(), Eigen::Vector2d(1.0, 1.0));
  REQUIRE(draft[0] == Approx((1.0 * 0.2 + 3.0 * 0.8) / 4.0));  // 0.65
  REQUIRE(draft[1] == Approx(0.5));                            // equal salience: the midpoint of .9 and .1
  // Heeding state 0 twice as much: (2 × 1 × .2 + 3 × .8) / (2 + 3) = 0.56.
  REQUIRE(compromise(positions(), salience(), Eigen::Vector2d(2.0, 1.0))[0] == Approx(0.56));
  // A state not at the table does not pull the text.
  REQUIRE(compromise(positions(), salience(), Eigen::Vector2d(0.0, 1.0))[0] == Approx(0.8));
}

TEST_CASE("a dimension nobody weighs stays at the midpoint and shows no dissent", "[negotiation]") {
  const Eigen::MatrixXd s = (Eigen::MatrixXd(2, 2) << 1.0, 0.0, 1.0, 0.0).finished();
  const Eigen::RowVectorXd draft = compromise(positions(), s, Eigen::Vector2d(1.0, 1.0));
  REQUIRE(draft[1] == 0.5);
  REQUIRE(dissent(positions(), s, Eigen::Vector2d(1.0, 1.0), draft)[1] == 0.0);
}

TEST_CASE("dissent is zero at unanimity and the weighted mean distance otherwise", "[negotiation]") {
  const Eigen::MatrixXd same = (Eigen::MatrixXd(3, 2) << 0.3, 0.7, 0.3, 0.7, 0.3, 0.7).finished();
  const Eigen::MatrixXd s = Eigen::MatrixXd::Ones(3, 2);
  const Eigen::VectorXd weight = Eigen::Vector3d(1.0, 0.5, 2.0);
  const Eigen::RowVectorXd unanimous = compromise(same, s, weight);
  // Zero up to the rounding of the weighted mean (3.5 × 0.3 / 3.5 need not be 0.3 exactly).
  REQUIRE(dissent(same, s, weight, unanimous).cwiseAbs().maxCoeff() < 1e-15);

  const Eigen::RowVectorXd d =
      dissent(positions(), salience(), Eigen::Vector2d(1.0, 1.0), Eigen::RowVector2d(0.65, 0.5));
  REQUIRE(d[0] == Approx((1.0 * 0.45 + 3.0 * 0.15) / 4.0));  // 0.225
  REQUIRE(d[1] == Approx(0.4));
}

TEST_CASE("acceptance is 1 at the draft and lower far from it", "[negotiation]") {
  const Eigen::MatrixXd x = (Eigen::MatrixXd(3, 2) << 0.65, 0.5, 0.2, 0.9, 0.0, 1.0).finished();
  const Eigen::MatrixXd s = (Eigen::MatrixXd(3, 2) << 1.0, 0.5, 1.0, 0.5, 1.0, 0.5).finished();
  const Eigen::VectorXd a = acceptance(x, s, Eigen::RowVector2d(0.65, 0.5));
  REQUIRE(a[0] == 1.0);
  REQUIRE(a[1] == Approx(1.0 - (0.45 + 0.5 * 0.4) / 1.5));
  REQUIRE(a[2] < a[1]);
  // A state that cares about nothing accepts anything.
  REQUIRE(acceptance(x.topRows(1), Eigen::MatrixXd::Zero(1, 2), Eigen::RowVector2d(0.0, 0.0))[0] == 1.0);
}

TEST_CASE("conference votes follow the adoption threshold and the reservation level", "[negotiation]") {
  REQUIRE(conference_vote(0.60, 0.6, 0.35) == Vote::adopt);
  REQUIRE(conference_vote(0.95, 0.6, 0.35) == Vote::adopt);
  REQUIRE(conference_vote(0.59, 0.6, 0.35) == Vote::abstain);
  REQUIRE(conference_vote(0.35, 0.6, 0.35) == Vote::abstain);
  REQUIRE(conference_vote(0.34, 0.6, 0.35) == Vote::object);
}

TEST_CASE("draft measures refuse matrices of different sizes", "[negotiation]") {
  REQUIRE_THROWS_AS(compromise(positions(), Eigen::MatrixXd::Ones(3, 2), Eigen::Vector2d(1.0, 1.0)),
                    std::invalid_argument);
  REQUIRE_THROWS_AS(acceptance(positions(), salience(), Eigen::RowVector3d(0.5, 0.5, 0.5)), std::invalid_argument);
}
