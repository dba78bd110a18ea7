// `gcmsim validate`: warnings named and located, --strict turning them into errors.
#include <catch2/catch.hpp>

#include "run_gcmsim.hpp"

using gcmsim::testing::run_gcmsim;
using Catch::Contains;

TEST_CASE("validate passes the baseline with no warning", "[cli][validate]") {
  const auto r = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --strict");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Contains("ok: scenarios/gcm-2017-2018.yaml:"));
}

TEST_CASE("validate warns of an infeasible plan and of OP28, and --strict refuses them", "[cli][validate]") {
  const std::string args = "validate scenarios/gcm-2017-2018.yaml --override scenarios/what-if/extra-round.yaml";
  const auto warned = run_gcmsim(args);
  INFO(warned.err);
  REQUIRE(warned.exit_code == 0);
  CHECK_THAT(warned.err, Contains("scenarios/what-if/extra-round.yaml:7:47: warning[infeasible-plan]: activity 'rev6'"));
  CHECK_THAT(warned.err, Contains("warning[OP28]: July 2018 has 10 days of negotiations"));
  CHECK_THAT(warned.out, Contains("; 2 warnings"));
  const auto strict = run_gcmsim(args + " --strict");
  REQUIRE(strict.exit_code == 2);
  CHECK_THAT(strict.err, Contains("scenarios/what-if/extra-round.yaml:7:47: error[infeasible-plan]: activity 'rev6'"));
  CHECK_THAT(strict.err, Contains("2 errors (warnings, --strict) in scenarios/gcm-2017-2018.yaml"));
  CHECK(strict.out.empty());
}
