// One-line what-ifs through the built binary: each option end to end, as a planner types it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;
using Catch::Contains;
namespace fs = std::filesystem;


TEST_CASE("shift moves an activity by weeks and keeps its length", "[cli][what-if]") {
  const auto r = run_gcmsim("explain scenarios/gcm-2017-2018.yaml --shift activities.ts3=+8w");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // ts3 is planned for 19-20 June 2017 (Geneva); eight weeks later is 14-15 August, still two days.
  REQUIRE_THAT(r.out, Contains("2017-08-14 2017-08-15    2"));
  const auto back = run_gcmsim("explain scenarios/gcm-2017-2018.yaml --shift activities.ts3=-3d");
  REQUIRE(back.exit_code == 0);
  // Monday-Tuesday 19-20 June, three days back: Friday 16 and Monday 19, still two working days.
  REQUIRE_THAT(back.out, Contains("2017-06-16 2017-06-19    2"));
  const auto bad = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --shift activities.ts3=8w");
  REQUIRE(bad.exit_code == 2);
  REQUIRE_THAT(bad.err, Contains("--shift #1:1:1: error: --shift 'activities.ts3=8w': expected path=+Nw or path=-Nd"));
}

TEST_CASE("a set of an activity's start alone moves its end and keeps its working days", "[cli][what-if]") {
  const auto r = run_gcmsim("explain scenarios/gcm-2017-2018.yaml --set activities.ts3.start=2017-07-03");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Contains("2017-07-03 2017-07-04    2"));
  // Over a weekend: Friday and the Monday after.
  const auto friday = run_gcmsim("explain scenarios/gcm-2017-2018.yaml --set activities.ts3.start=2017-07-07");
  REQUIRE(friday.exit_code == 0);
  REQUIRE_THAT(friday.out, Contains("2017-07-07 2017-07-10    2"));
}

TEST_CASE("set addresses member states by ISO3 code", "[cli][what-if]") {
  const std::string dir = out_dir("what-if-iso3");
  const auto r = run_gcmsim("run -q --set member_states.USA.engagement=0.9 -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto manifest = nlohmann::json::parse(read_text(dir + "/manifest.json"));
  REQUIRE(manifest["sets"] == nlohmann::json::array({"member_states.USA.engagement=0.9"}));
  const auto typo = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --set member_states.USX.engagement=0.9");
  REQUIRE(typo.exit_code == 2);
  REQUIRE_THAT(typo.err, Contains("no item with id 'USX' in 'member_states'; did you mean 'USA'?"));
}

TEST_CASE("scale multiplies every trust-fund contribution in one option", "[cli][what-if]") {
  const std::string dir = out_dir("what-if-scale");
  const auto r = run_gcmsim("run --scale policies.trust_fund.contributions.usd=0.5 -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // The same as trust-fund-halved.yaml's five amounts: 1.7 million halved.
  REQUIRE_THAT(r.out, Contains("Trust fund: raised 850000.00 USD"));
  REQUIRE_THAT(r.out, Contains("Ran scenarios/gcm-2017-2018.yaml + --scale policies.trust_fund.contributions.usd=0.5"));
  const auto bad = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --scale policies.trust_fund.contributions.usd=-1");
  REQUIRE(bad.exit_code == 2);
  REQUIRE_THAT(bad.err, Contains("expected path=factor with a factor >= 0"));
}

TEST_CASE("compare takes a one-line what-if and names it", "[cli][what-if][compare]") {
  const std::string dir = out_dir("what-if-compare-shift");
  const auto r = run_gcmsim("compare --shift activities.ts6=+7w -r 3 -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Contains("What-if: scenarios/gcm-2017-2018.yaml + --shift activities.ts6=+7w"));
  // The same move as session-slips.yaml: ts6 ends 49 days later in every run.
  REQUIRE_THAT(read_text(dir + "/compare.csv"), Contains("\nend_day,ts6,days moved,,,2017-10-03,2017-11-21,49.00,49.00,49.00,3,true\n"));
}

namespace {

std::string write_override(const std::string& name, const std::string& text) {
  const std::string path = std::string(GCMSIM_TEST_TMP) + "/" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

}  // namespace

TEST_CASE("a regional group boycotts one meeting in one event", "[cli][what-if][events]") {
  const std::string dir = out_dir("what-if-boycott");
  const std::string file = write_override("boycott-round3.yaml",
                                          "events:\n  - {id: eeg_out_of_round3, kind: boycott, who: {group: eastern_european}, activity: round3}\n");
  const auto r = run_gcmsim("run --narrate --set outputs.attendance=true --override " + file + " -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("Intergovernmental negotiations, round 3 opens in United Nations Headquarters: ") &&
                        Contains("; 23 stay away in a boycott by the eastern_european group"));
  // attendance.csv: no Eastern European state at round 3; at round 4 they are back.
  const std::string attendance = read_text(dir + "/attendance.csv");
  // The row of a meeting and state: meeting, iso3, present, ...
  const auto present = [&](const std::string& meeting, const std::string& iso3) {
    for (std::size_t line = attendance.find("\n" + meeting + ","); line != std::string::npos;
         line = attendance.find("\n" + meeting + ",", line + 1)) {
      const std::string row = attendance.substr(line + 1, attendance.find('\n', line + 1) - line - 1);
      const std::size_t code = row.find("," + iso3 + ",");
      if (code == std::string::npos) continue;
      return row.find(",true,", code) < row.find(",false,", code);  // the first flag after the code
    }
    FAIL("no attendance row for " << meeting << " and " << iso3);
    return false;
  };
  CHECK_FALSE(present("round3", "POL"));
  CHECK_FALSE(present("round3", "HUN"));
  CHECK(present("round4", "POL"));
}

TEST_CASE("a removed hearing and a round on listed days, as the history replay writes them", "[cli][what-if][dates]") {
  const std::string file = write_override("round1-dates-h6.yaml",
                                          "activities:\n"
                                          "  - {id: round1, dates: [2018-02-20, 2018-02-22, 2018-02-23]}\n"
                                          "  - {id: h4, start: 2018-02-21, end: 2018-02-21}\n"
                                          "  - {id: h6, remove: true}\n");
  const auto plan = run_gcmsim("explain scenarios/gcm-2017-2018.yaml --override " + file);
  INFO(plan.err);
  REQUIRE(plan.exit_code == 0);
  CHECK_THAT(plan.out, Contains("2018-02-20 2018-02-23    3"));
  CHECK_THAT(plan.out, !Contains("h6 "));
  const std::string dir = out_dir("what-if-dates");
  const auto r = run_gcmsim("run --narrate --override " + file + " -o " + dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Round 1 sits on the 20th, 22nd and 23rd; the 21st belongs to the hearing.
  CHECK_THAT(r.out, Contains("2018-02-20  Round 1, day 1") && Contains("2018-02-22  Round 1, day 2") &&
                        Contains("2018-02-23  Round 1, day 3"));
  CHECK_THAT(r.out, !Contains("2018-02-21  Round 1"));
  const auto strict = run_gcmsim("validate scenarios/gcm-2017-2018.yaml --strict --override " + file);
  INFO(strict.err);
  CHECK(strict.exit_code == 2);  // five hearing days' worth less h6's half: OP30 counts 3.5
  CHECK_THAT(strict.err, Contains("error[OP30]: the hearings last 3.5 days in total"));
}

TEST_CASE("explain lists the scripted events a stack of what-ifs leaves, by id", "[cli][what-if][events]") {
  const auto r = run_gcmsim("explain scenarios/gcm-2017-2018.yaml --override scenarios/history/actual-2017-2018.yaml "
                            "--override scenarios/what-if/group-boycotts-round2.yaml --set events.hungary_leaves.remove=true");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("\nScripted events (2):\n"));
  CHECK_THAT(r.out, Contains("  usa_leaves                       withdraw on 2017-12-02: USA\n"));
  CHECK_THAT(r.out, Contains("  eastern_european_boycotts_round2 boycott of round2: the eastern_european group (23 states)\n"));
  CHECK_THAT(r.out, !Contains("hungary_leaves"));
  const auto none = run_gcmsim("explain scenarios/gcm-2017-2018.yaml");
  REQUIRE(none.exit_code == 0);
  CHECK_THAT(none.out, Contains("\nScripted events: none.\n"));
}

TEST_CASE("explain lists the changes of government in the scenario's data as events, by id, with the stance before and after",
          "[cli][events]") {
  // scenarios/data/state_politics.yaml (ParlGov; scenarios/data/README.md, "Government stance"). The
  // baseline has them too: they are data about the states, not the replay's script.
  const auto r = run_gcmsim("explain scenarios/gcm-2017-2018.yaml");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("\nScripted events: none.\n\nGovernment changes, from politics.stance (36):\n"));
  CHECK_THAT(r.out, Contains("  government_AUT_2017-12-18        new cabinet on 2017-12-18: AUT (Kurz I), stance 0.249 -> 0.605\n"));
  CHECK_THAT(r.out, Contains("  government_ITA_2018-06-01        new cabinet on 2018-06-01: ITA (Conte I), stance 0.046 -> 0.205\n"));
  // The classroom scenario has no politics: nothing is listed.
  const auto classroom = run_gcmsim("explain scenarios/classroom.yaml");
  REQUIRE(classroom.exit_code == 0);
  CHECK_THAT(classroom.out, !Contains("Government changes"));
}
