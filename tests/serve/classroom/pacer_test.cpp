// The teacher's pace, without a simulation: a paused session waits until resumed; skipping runs to
// the end of the round at full speed; ending releases every wait.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "serve/classroom/pacer.hpp"

using gcmsim::serve::classroom::Pacer;
using namespace std::chrono_literals;

TEST_CASE("the pacer holds the simulation while paused and lets it go on resume", "[serve][classroom]") {
  Pacer pacer(0ms);
  CHECK_FALSE(pacer.pause());  // nothing to pause in the lobby
  REQUIRE(pacer.start());
  CHECK_FALSE(pacer.start());
  REQUIRE(pacer.pause());
  std::atomic<bool> passed{false};
  std::thread sim([&] {
    pacer.after_event(false);
    passed = true;
  });
  std::this_thread::sleep_for(100ms);
  CHECK_FALSE(passed);  // still held
  REQUIRE(pacer.resume());
  sim.join();
  CHECK(passed);
}

TEST_CASE("the pace's delay is cut short by a command and skipped while skipping", "[serve][classroom]") {
  Pacer pacer(10s);
  REQUIRE(pacer.start());
  REQUIRE(pacer.skip_round());
  const auto t0 = std::chrono::steady_clock::now();
  pacer.after_event(false);  // skipping: no delay
  pacer.after_event(true);   // the round ends: skipping stops here
  CHECK_FALSE(pacer.skipping());
  std::thread teacher([&] {
    std::this_thread::sleep_for(50ms);
    pacer.end();
  });
  pacer.after_event(false);  // would wait 10 s; the end cuts it short
  teacher.join();
  CHECK(std::chrono::steady_clock::now() - t0 < 5s);
  CHECK(pacer.state() == Pacer::State::ended);
  pacer.after_event(false);  // ended: never waits again
}

TEST_CASE("ending releases a simulation waiting to start", "[serve][classroom]") {
  Pacer pacer(0ms);
  std::thread sim([&] { pacer.wait_start(); });
  std::this_thread::sleep_for(20ms);
  pacer.end();
  sim.join();
  CHECK(pacer.state() == Pacer::State::ended);
}
