#include <catch2/catch.hpp>

#include "run_gcmsim.hpp"

using gcmsim::testing::run_gcmsim;

TEST_CASE("validate says ok with a count for the baseline", "[cli]") {
  const auto r = run_gcmsim("validate scenarios/gcm-2017-2018.yaml");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Catch::StartsWith("ok: scenarios/gcm-2017-2018.yaml: 193 member states, 60 activities "
                                        "(6 thematic sessions, 6 negotiation rounds)"));
}

TEST_CASE("validate reports every error with file, line and caret, and exits 2", "[cli]") {
  const auto r = run_gcmsim("validate tests/models/loader/fixtures/many_errors.yaml");
  REQUIRE(r.exit_code == 2);
  REQUIRE(r.out.empty());
  REQUIRE_THAT(r.err, Catch::Contains("tests/models/loader/fixtures/many_errors.yaml:11:60: error: unknown key 'venu' in "
                                      "activity 'ts1'; did you mean 'venue'?"));
  REQUIRE_THAT(r.err, Catch::Contains("      |                                                            ^~~~\n"));
  REQUIRE_THAT(r.err, Catch::EndsWith("9 errors in tests/models/loader/fixtures/many_errors.yaml\n"));
}

TEST_CASE("validate applies --set and --override before checking", "[cli]") {
  const auto bad = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --set activities.ts1.start=2017-02-30");
  REQUIRE(bad.exit_code == 2);
  REQUIRE_THAT(bad.err, Catch::Contains("invalid date \"2017-02-30\""));
  const auto ok = run_gcmsim("validate tests/models/loader/fixtures/minimal.yaml --override "
                             "tests/models/loader/fixtures/override_slip.yaml");
  REQUIRE(ok.exit_code == 0);
  REQUIRE_THAT(ok.out, Catch::Contains("6 activities"));
}

TEST_CASE("explain prints the plan table and the critical path", "[cli]") {
  const auto r = run_gcmsim("explain scenarios/gcm-2017-2018.yaml");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Catch::Contains("stocktaking             stocktaking           stocktaking   mexico       2017-12-04 "
                                      "2017-12-06    3"));
  REQUIRE_THAT(r.out, Catch::Contains("-> stocktaking -> sg_report -> zero_draft -> round1 -> "));
  REQUIRE_THAT(r.out, Catch::Contains("-> round6 -> conference\n"));
}

TEST_CASE("a missing scenario file is a clear error", "[cli]") {
  const auto r = run_gcmsim("validate no/such/file.yaml");
  REQUIRE(r.exit_code == 2);
  REQUIRE_THAT(r.err, Catch::Contains("cannot read 'no/such/file.yaml'"));
}
