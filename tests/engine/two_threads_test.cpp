#include <catch2/catch.hpp>

#include <thread>

#include "mm1_model.hpp"

using namespace gcmsim;

TEST_CASE("two simulators on two threads give the same fingerprints as when run alone", "[threads]") {
  const auto alone_a = testing::run_mm1(0.7, 1.0, 42, 0, 20000, 0);
  const auto alone_b = testing::run_mm1(0.9, 1.0, 43, 5, 20000, 0);
  REQUIRE(alone_a.fingerprint != alone_b.fingerprint);

  testing::Mm1Result threaded_a;
  testing::Mm1Result threaded_b;
  std::thread ta([&] { threaded_a = testing::run_mm1(0.7, 1.0, 42, 0, 20000, 0); });
  std::thread tb([&] { threaded_b = testing::run_mm1(0.9, 1.0, 43, 5, 20000, 0); });
  ta.join();
  tb.join();
  REQUIRE(threaded_a.fingerprint == alone_a.fingerprint);
  REQUIRE(threaded_b.fingerprint == alone_b.fingerprint);
  REQUIRE(threaded_a.events == alone_a.events);
}
