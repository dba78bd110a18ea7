// A decision answered from another thread within a wall-clock deadline: the answer is taken, a late
// or missing one falls back to the model, a closed mailbox never waits, a held clock waits on.
// The deadlines are generous against the machine's scheduling; nothing here measures speed. Catch's
// assertions are not thread-safe: the player threads note what they saw, checked after join().
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>
#include <vector>

#include "engine/decision_mailbox.hpp"

using namespace gcmsim;
using namespace std::chrono_literals;

namespace {
ExternalQuestion question(int options = 3) { return ExternalQuestion{100, 7, 2, 1, options, 1}; }
}  // namespace

TEST_CASE("an answer given before the deadline is the decision", "[engine][decision]") {
  DecisionMailbox box(10s);
  bool seen = false, taken = false;
  std::thread player([&] {
    const auto q = box.wait_for_question(0, 10s);
    seen = q && q->number == 1 && q->question.agent == 7 && q->question.model_choice == 1;
    taken = q && box.answer(q->number, 2);
  });
  REQUIRE(box.decide(question()) == 2);
  player.join();
  REQUIRE(seen);
  REQUIRE(taken);
  REQUIRE(box.asked() == 1);
  REQUIRE(box.timed_out() == 0);
  REQUIRE_FALSE(box.pending());
}

TEST_CASE("no answer by the deadline leaves the model's choice, and a late answer is refused", "[engine][decision]") {
  DecisionMailbox box(50ms);
  REQUIRE_FALSE(box.decide(question()).has_value());
  REQUIRE(box.timed_out() == 1);
  REQUIRE_FALSE(box.answer(1, 0));  // question 1 is gone
}

TEST_CASE("an answer outside the options or to another question is refused", "[engine][decision]") {
  DecisionMailbox box(10s);
  std::vector<bool> results;
  std::thread player([&] {
    const auto q = box.wait_for_question(0, 10s);
    if (!q) return;
    results.push_back(box.answer(q->number, 3));      // options are 0..2
    results.push_back(box.answer(q->number, -1));
    results.push_back(box.answer(q->number + 1, 0));  // not the question asked
    results.push_back(box.answer(q->number, 0));
    results.push_back(box.answer(q->number, 1));      // answered already
  });
  REQUIRE(box.decide(question()) == 0);
  player.join();
  REQUIRE(results == std::vector<bool>{false, false, false, true, false});
}

TEST_CASE("a closed mailbox answers at once with the model's choice", "[engine][decision]") {
  DecisionMailbox box(1h);
  box.close();
  const auto start = std::chrono::steady_clock::now();
  REQUIRE_FALSE(box.decide(question()).has_value());
  REQUIRE(std::chrono::steady_clock::now() - start < 30s);  // not the hour
}

TEST_CASE("while the clock is held a question waits past its deadline", "[engine][decision]") {
  DecisionMailbox box(50ms);
  box.hold(true);
  bool taken = false;
  std::thread teacher([&] {
    const auto q = box.wait_for_question(0, 10s);
    std::this_thread::sleep_for(300ms);    // six deadlines
    taken = q && box.answer(q->number, 2);  // still waiting: the clock was stopped
    box.hold(false);
  });
  REQUIRE(box.decide(question()) == 2);
  teacher.join();
  REQUIRE(taken);
  REQUIRE(box.timed_out() == 0);
}
