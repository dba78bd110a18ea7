// AUC, precision and recall against cases computed by hand.
#include "experiments/backtest/skill.hpp"

#include <catch2/catch.hpp>

using namespace gcmsim::backtest;

TEST_CASE("AUC is the share of positive-negative pairs the score orders right, ties one half", "[backtest]") {
  // Perfect and reversed rankings.
  CHECK(*roc_auc({0.9, 0.8, 0.1, 0.2}, {true, true, false, false}) == Approx(1.0));
  CHECK(*roc_auc({0.1, 0.2, 0.9, 0.8}, {true, true, false, false}) == Approx(0.0));
  // Positives 0.8 and 0.4; negatives 0.6, 0.3, 0.1. Pairs: (0.8 > all three) 3, (0.4 > 0.3, 0.1) 2,
  // (0.4 < 0.6) 0: 5 of 6.
  CHECK(*roc_auc({0.8, 0.6, 0.4, 0.3, 0.1}, {true, false, true, false, false}) == Approx(5.0 / 6.0));
  // A tie between a positive and a negative counts one half: positive 0.5 against negatives 0.5 and
  // 0.2: (0.5 + 1) / 2.
  CHECK(*roc_auc({0.5, 0.5, 0.2}, {true, false, false}) == Approx(0.75));
  // Everything tied: chance.
  CHECK(*roc_auc({0.0, 0.0, 0.0, 0.0}, {true, false, true, false}) == Approx(0.5));
  // The situation: a score that never ranks the positives (they never leave) above most
  // negatives. Positives 0, 0; negatives 0.3, 0, 0, 0: each positive beats no negative and ties
  // three: (2 x 3 x 0.5) / (2 x 4) = 0.375.
  CHECK(*roc_auc({0.0, 0.0, 0.3, 0.0, 0.0, 0.0}, {true, true, false, false, false, false}) == Approx(0.375));
}

TEST_CASE("AUC has no value without a positive or a negative, and wants one label per score", "[backtest]") {
  CHECK_FALSE(roc_auc({0.1, 0.2}, {false, false}).has_value());
  CHECK_FALSE(roc_auc({0.1, 0.2}, {true, true}).has_value());
  CHECK_THROWS_AS(roc_auc({0.1, 0.2}, {true}), std::invalid_argument);
}

TEST_CASE("Precision and recall are pooled over runs", "[backtest]") {
  HitCounts c;
  // Real positives: states 0 and 1 of five.
  const std::vector<bool> real{true, true, false, false, false};
  add_run(c, {true, false, true, false, false}, real);   // 1 hit, 2 predicted
  add_run(c, {true, true, true, true, false}, real);     // 2 hits, 4 predicted
  add_run(c, {false, false, false, false, false}, real); // nothing predicted
  CHECK(c.true_positives == 3);
  CHECK(c.predicted == 6);
  CHECK(c.actual == 6);
  CHECK(*precision(c) == Approx(0.5));
  CHECK(*recall(c) == Approx(0.5));
  HitCounts none;
  add_run(none, {false, false}, {true, false});
  CHECK_FALSE(precision(none).has_value());
  CHECK(*recall(none) == Approx(0.0));
  CHECK_THROWS_AS(add_run(none, {true}, {true, false}), std::invalid_argument);
}
