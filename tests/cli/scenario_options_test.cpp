// The options every scenario command shares: their order, and errors that name the option or file
// they come from.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "run_gcmsim.hpp"

using gcmsim::testing::run_gcmsim;
using Catch::Contains;

TEST_CASE("the options --set --shift and --scale apply in the order they are written", "[cli][options]") {
  // ts3 is planned for 19-20 June 2017. Set to 10 July, then two weeks later: 24-25 July.
  const auto set_first = run_gcmsim("explain scenarios/gcm-2017-2018.yaml --set activities.ts3.start=2017-07-10 "
                                    "--shift activities.ts3=+2w");
  INFO(set_first.err);
  REQUIRE(set_first.exit_code == 0);
  CHECK_THAT(set_first.out, Contains("2017-07-24 2017-07-25    2"));
  // Shift then set: the set has the last word.
  const auto shift_first = run_gcmsim("explain scenarios/gcm-2017-2018.yaml --shift activities.ts3=+2w "
                                      "--set activities.ts3.start=2017-07-10");
  INFO(shift_first.err);
  REQUIRE(shift_first.exit_code == 0);
  CHECK_THAT(shift_first.out, Contains("2017-07-10 2017-07-11    2"));
  // A shift onto a holiday the scenario lists (Eid al-Fitr, 26 June 2017) is refused, alone.
  const auto holiday = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --shift activities.ts3=+1w");
  REQUIRE(holiday.exit_code == 2);
  CHECK_THAT(holiday.err, Contains("the new start 2017-06-26 is not a working day") && Contains("1 error in"));
  // One contribution set to 100 and scaled by 3, in both orders; the other four give 1.3 million.
  const auto scaled_last = run_gcmsim("run -o " + gcmsim::testing::out_dir("order-scale-last") +
                                      " --set policies.trust_fund.contributions.0.usd=100 "
                                      "--scale policies.trust_fund.contributions.0.usd=3");
  REQUIRE(scaled_last.exit_code == 0);
  CHECK_THAT(scaled_last.out, Contains("Trust fund: raised 1300300.00 USD"));
  const auto set_last = run_gcmsim("run -o " + gcmsim::testing::out_dir("order-set-last") +
                                   " --scale policies.trust_fund.contributions.0.usd=3 "
                                   "--set policies.trust_fund.contributions.0.usd=100");
  REQUIRE(set_last.exit_code == 0);
  CHECK_THAT(set_last.out, Contains("Trust fund: raised 1300100.00 USD"));
  // The manifest records them in the order they applied.
  const auto manifest =
      nlohmann::json::parse(gcmsim::testing::read_text(std::string(GCMSIM_TEST_TMP) + "/order-set-last/manifest.json"));
  CHECK(manifest["sets"] == nlohmann::json::array({"scale policies.trust_fund.contributions.0.usd=3",
                                                   "policies.trust_fund.contributions.0.usd=100"}));
}

TEST_CASE("a misspelled key in --set is reported against the option, with the closest key", "[cli][options]") {
  const auto r = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --set activities.ts1.start=2017-05-08 "
                            "--set activites.ts3.start=2017-06-20");
  REQUIRE(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--set #2:1:1: error: unknown key 'activites' in the scenario; did you mean 'activities'?"));
  CHECK_THAT(r.err, Contains("    1 | activites.ts3.start=2017-06-20"));
}

TEST_CASE("a missing override file is reported as the option that named it", "[cli][options]") {
  const auto r = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --override no-such-what-if.yaml");
  REQUIRE(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("--override #1:1:1: error: cannot read 'no-such-what-if.yaml': no such file or not readable"));
}

TEST_CASE("a misspelled key in an override is located in the override with the closest key", "[cli][options]") {
  const std::string path = std::string(GCMSIM_TEST_TMP) + "/typo-override.yaml";
  std::ofstream(path) << "activities:\n  - {id: ts3, strat: 2017-06-20}\n";
  const auto r = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --override " + path);
  REQUIRE(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("typo-override.yaml:2:15: error: unknown key 'strat' in activity 'ts3'; did you mean 'start'?"));
}

TEST_CASE("an unknown option suggests the closest one", "[cli][options]") {
  const auto r = run_gcmsim("run --narate");
  REQUIRE(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("gcmsim: unknown option '--narate'; did you mean '--narrate'?"));
  const auto v = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --overide x.yaml");
  REQUIRE(v.exit_code == 2);
  CHECK_THAT(v.err, Contains("did you mean '--override'?"));
}
