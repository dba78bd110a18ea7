// `gcmsim validate`: warnings named and located, --strict turning them into errors.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

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

TEST_CASE("validate, run and compare say the same of a meeting moved into the year-end closure", "[cli][validate]") {
  const std::string shift = " --shift activities.stocktaking=+22d";
  const std::string warning = "--shift #1:1:1: warning[closure]: meeting 'stocktaking' is planned to sit on 2017-12-26, "
                              "2017-12-27 and 2017-12-28, in the UN's year-end closure (estimate)";
  const auto validated = run_gcmsim("validate scenarios/gcm-2017-2018.yaml" + shift);
  INFO(validated.err);
  REQUIRE(validated.exit_code == 0);
  CHECK_THAT(validated.err, Contains(warning));
  CHECK_THAT(validated.out, Contains("; 1 warning"));
  const auto ran = run_gcmsim("run scenarios/gcm-2017-2018.yaml -q -r 1 --force -o " +
                              gcmsim::testing::out_dir("closure-run") + shift);
  INFO(ran.err);
  REQUIRE(ran.exit_code == 0);  // a warning never stops a run
  CHECK_THAT(ran.err, Contains(warning));
  const auto compared = run_gcmsim("compare -q -r 2 -o " + gcmsim::testing::out_dir("closure-compare") + shift);
  INFO(compared.err);
  REQUIRE(compared.exit_code == 0);
  CHECK_THAT(compared.err, Contains(warning));
  // Opening on Christmas Day is refused by all three alike: no meeting opens on a day off.
  const std::vector<std::string> commands = {"validate scenarios/gcm-2017-2018.yaml",
                                             "run -q -r 1 -o " + gcmsim::testing::out_dir("closure-refused"),
                                             "compare -q -r 2 -o " + gcmsim::testing::out_dir("closure-refused-compare")};
  for (const std::string& command : commands) {
    const auto refused = run_gcmsim(command + " --shift activities.stocktaking=+3w");
    INFO(command);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Contains("--shift 'activities.stocktaking=+3w': the new start 2017-12-25 is not a working day"));
  }
}
