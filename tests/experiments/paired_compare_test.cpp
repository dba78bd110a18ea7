// experiments::PairedCompare, the code behind `gcmsim compare` and `gcmsim serve`: pairs run in any
// order give the same table, and pair k runs replication k of both sides on the same streams.
#include <chrono>
#include <catch2/catch.hpp>

#include <string>

#include "experiments/paired_compare.hpp"

namespace ex = gcmsim::experiments;
namespace sim = gcmsim::sim;

namespace {

std::shared_ptr<const sim::PreparedScenario> classroom() {
  const sim::Preparation p = sim::prepare({std::string(GCMSIM_SOURCE_DIR) + "/scenarios/classroom.yaml", {}, {}});
  REQUIRE(p.ok());
  return p.scenario;
}

}  // namespace

TEST_CASE("pairs finishing in any order give the same compare table", "[paired_compare]") {
  const auto base = classroom();
  const sim::Preparation whatif = ex::derive_whatif(*base, {}, {"negotiation.parameters.reservation=0.5"});
  REQUIRE(whatif.ok());
  ex::PairedCompare forward(base, whatif.scenario, 7, 6);
  ex::PairedCompare backward(base, whatif.scenario, 7, 6);
  for (std::size_t r = 0; r < 6; ++r) forward.run_pair(r);
  for (std::size_t r = 6; r-- > 0;) {
    backward.run_pair(r);
    // Nothing reaches the comparison before pair 0 has: sums are taken in replication order.
    CHECK(backward.pairs_done() == (r == 0 ? 6u : 0u));
  }
  CHECK(forward.complete());
  const std::chrono::year_month_day epoch{std::chrono::year{2017}, std::chrono::month{4}, std::chrono::day{1}};
  CHECK(forward.comparison().csv(epoch, epoch) == backward.comparison().csv(epoch, epoch));
}

TEST_CASE("a what-if equal to its base differs by exactly zero in every metric", "[paired_compare]") {
  const auto base = classroom();
  std::size_t hooked = 0;
  ex::PairedCompare same(base, base, 3, 4, [&](std::size_t, const gcmsim::model::RunResults& b,
                                               const gcmsim::model::RunResults& w) {
    CHECK(b.fingerprint == w.fingerprint);  // the same streams on both sides
    ++hooked;
  });
  for (std::size_t r = 0; r < 4; ++r) same.run_pair(r);
  CHECK(hooked == 4);
  for (const auto& m : same.comparison().metrics()) {
    if (m.difference.count() == 0) continue;
    CHECK(m.difference.min() == 0.0);
    CHECK(m.difference.max() == 0.0);
    CHECK_FALSE(gcmsim::output::PairedComparison::excludes_zero(m));
  }
  CHECK_THROWS_AS(same.run_pair(4), std::out_of_range);
}
