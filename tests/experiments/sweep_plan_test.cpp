// A sweep's points are prepared once, before the first run, and kept for every run whatever the
// size of the design (the interleaved order visits each point once per replication: a cache smaller
// than the design would miss on every run).
#include <set>

#include <catch2/catch.hpp>

#include "experiments/sweep_plan.hpp"

namespace ex = gcmsim::experiments;

TEST_CASE("every point of a 300-point design is prepared once and kept, without its document") {
  const nlohmann::json sweep = {
      {"sweep_version", 1},
      {"name", "many-points"},
      {"base", {{"scenario", "classroom.yaml"}}},
      {"parameters",
       {{{"name", "adopt_threshold"}, {"set", "negotiation.parameters.adopt_threshold"},
         {"distribution", {{"triangular", {{"min", 0.78}, {"mode", 0.8}, {"max", 0.88}}}}}}}},
      {"design", {{"kind", "latin_hypercube"}, {"points", 300}, {"criterion", "centred"}}},
      {"replications", 2},
  };
  const ex::SweepReading reading = ex::parse_sweep(sweep, std::string(GCMSIM_SOURCE_DIR) + "/scenarios");
  INFO(reading.error_report());
  REQUIRE(reading.ok());
  const ex::PlanResult planned = ex::plan_sweep(*reading.spec, std::nullopt, 2);
  INFO(planned.report);
  REQUIRE(planned.ok());
  const ex::SweepPlan& plan = *planned.plan;
  REQUIRE(plan.points() == 300);
  std::set<const gcmsim::sim::PreparedScenario*> seen;
  for (std::size_t p = 0; p < plan.points(); ++p) {
    const auto first = plan.point_scenario(p);
    REQUIRE(first.get() == plan.point_scenario(p).get());  // the same object: not prepared again
    REQUIRE_FALSE(first->extendable());                    // the document is not kept per point
    seen.insert(first.get());
  }
  REQUIRE(seen.size() == 300);
}
