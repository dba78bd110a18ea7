#include "models/loader/loader.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <iterator>
#include <random>

#include "load_helpers.hpp"

using namespace gcmsim;
using testing::error_lines;
using testing::fixture;
using testing::load;

TEST_CASE("a minimal scenario loads with its includes and resolved references", "[loader]") {
  const auto r = load(fixture("minimal.yaml"));
  INFO(r.error_report());
  REQUIRE(r.ok());
  const model::Scenario& s = *r.scenario;
  REQUIRE(s.member_states.size() == 3);  // from the include
  REQUIRE(s.activities.size() == 5);
  const auto& ts1 = s.activities[*s.find_activity("ts1")];
  REQUIRE(s.venues[*ts1.venue].id == "geneva");
  REQUIRE(ts1.needs == std::vector<std::size_t>{*s.find_activity("ib1")});
  const auto& ib1 = s.activities[*s.find_activity("ib1")];
  REQUIRE(ib1.due->before == *s.find_activity("ts1"));
  REQUIRE(ib1.due->working_days == 20);  // 4 weeks
  // ts2 gives no days: its dates give two sitting days.
  REQUIRE(s.activities[*s.find_activity("ts2")].days == 2);
  REQUIRE(s.formats.at("thematic_session").panels() == 2);
  REQUIRE(s.trust_fund.travel_cost_usd.at("geneva") == 4000);
  REQUIRE(r.defaults.seed == 7);  // run control, handed over beside the scenario
  REQUIRE(r.defaults.replications == 2);
  REQUIRE(s.make_calendar().is_holiday(std::chrono::year{2017} / 5 / 25));
}

TEST_CASE("each kind of error has its exact message and location", "[loader]") {
  struct Case {
    const char* fixture;
    const char* expected;
  };
  const Case cases[] = {
      {"unknown_key", "errors/unknown_key.yaml:3:5: error: unknown key 'venu' in activity 'ts1'; did you mean 'venue'?"},
      {"wrong_type", "errors/wrong_type.yaml:3:11: error: 'days' in activity 'ts1': found the text 'two', expected an integer"},
      {"bad_enum", "errors/bad_enum.yaml:3:11: error: 'kind' in activity 'ts1': found the text 'thematic_sesion', expected one of "
                   "'thematic_session', 'regional_consultation', 'stakeholder_hearing', 'other_input', 'issue_brief', "
                   "'procedural_note', 'summary', 'stocktaking', 'chairs_summary', 'sg_report', 'zero_draft', "
                   "'negotiation_round', 'draft_revision', 'conference', 'conference_note', 'conference_modalities'; did you mean 'thematic_session'?"},
      {"impossible_date", "errors/impossible_date.yaml:3:12: error: invalid date \"2017-02-30\": expected a day in 01-28 for 2017-02"},
      {"end_before_start", "errors/end_before_start.yaml:3:10: error: activity 'ts2': ends 2017-05-19 before it starts 2017-05-22"},
      {"unknown_activity", "errors/unknown_activity.yaml:3:18: error: activity 'sum1' needs unknown activity 'ts7'; did you mean 'ts1'?"},
      {"unknown_venue", "errors/unknown_venue.yaml:3:12: error: activity 'ts1': unknown venue 'genva'; did you mean 'geneva'?"},
      {"unknown_state", "errors/unknown_state.yaml:2:43: error: co-facilitator 'MEZ' is not a member state in this scenario; did you mean 'MEX'?"},
      {"cycle", "errors/cycle.yaml:2:9: error: dependency cycle: ib1 -> ts1 -> sum1 -> ib1 (through needs and due)"},
      {"op16_days", "errors/op16_days.yaml:3:5: error: thematic sessions up to 'ts4' last 14 working days; OP16 allows at most 12 in total"},
      {"duplicate_key", "errors/duplicate_key.yaml:3:3: error: duplicate key 'epoch'; it was first given at line 2"},
      {"bad_yaml", "errors/bad_yaml.yaml:3:1: error: this is not valid YAML: end of sequence flow not found"},
      {"wrong_version", "errors/wrong_version.yaml:1:17: error: 'schema_version': found the integer 2, expected 1"},
      {"bad_hours", "errors/bad_hours.yaml:5:9: error: session hours for venue \"geneva\": window 1 (13:00-10:00) does not end "
                    "after it starts; expected start < end"},
  };
  for (const Case& c : cases) {
    INFO(c.fixture);
    // Overrides are named relative to the fixture folder so messages show a short path.
    const auto r = load(fixture("minimal.yaml"), {fixture(std::string("errors/") + c.fixture + ".yaml")});
    REQUIRE_FALSE(r.ok());
    const auto lines = error_lines(r);
    REQUIRE(lines.size() == 1);
    const std::string line = lines[0].substr(lines[0].find("errors/"));
    REQUIRE(line == c.expected);
  }
}

TEST_CASE("OP16: a thematic-session format needs two or three expert panels", "[loader]") {
  const auto r = load(fixture("minimal.yaml"), {fixture("errors/op16_panels.yaml")});
  const auto lines = error_lines(r);
  REQUIRE(lines.size() == 2);
  REQUIRE_THAT(lines[0], Catch::EndsWith("minimal.yaml:29:84: error: thematic session 'ts1' uses format 'thematic_session' "
                                         "with 1 expert panel; OP16 requires 2 or 3"));
}

TEST_CASE("an error report shows the source line and a caret under the culprit", "[loader]") {
  const auto r = load(fixture("minimal.yaml"), {fixture("errors/unknown_key.yaml")});
  REQUIRE_THAT(r.error_report(), Catch::EndsWith("    3 |     venu: geneva\n      |     ^~~~\n"));
}

TEST_CASE("every problem is reported in one pass", "[loader]") {
  const auto r = load(fixture("many_errors.yaml"));
  const auto lines = error_lines(r);
  REQUIRE(lines.size() == 9);
  REQUIRE_THAT(r.error_report(), Catch::Contains("unknown venue 'genva'"));
  REQUIRE_THAT(r.error_report(), Catch::Contains("dependency cycle: ts2 -> ts3 -> ts2"));
  REQUIRE_THAT(r.error_report(), Catch::Contains("invalid date \"2017-02-30\""));
}

TEST_CASE("a --set option changes what it names and nothing else", "[loader]") {
  const auto base = load(fixture("minimal.yaml"));
  const auto changed = load(fixture("minimal.yaml"), {}, {"activities.ts2.start=2017-05-29", "activities.ts2.end=2017-05-30",
                                                          "run.seed=99"});
  INFO(changed.error_report());
  REQUIRE(changed.ok());
  const auto patch = nlohmann::json::diff(base.document.value, changed.document.value);
  REQUIRE(patch.size() == 3);
  REQUIRE(patch[0]["path"] == "/activities/3/end");
  REQUIRE(patch[1]["path"] == "/activities/3/start");
  REQUIRE(patch[2]["path"] == "/run/seed");
  REQUIRE(changed.defaults.seed == 99);
  REQUIRE(changed.content_hash != base.content_hash);
}

TEST_CASE("a --set option reads its value as YAML and reports a bad path at the option", "[loader]") {
  const auto typed = load(fixture("minimal.yaml"), {}, {"run.replications=\"3\""});
  REQUIRE_THAT(error_lines(typed).at(0), Catch::Contains("'run.replications': found the text '3', expected an integer"));
  const auto unknown = load(fixture("minimal.yaml"), {}, {"run.sed=3"});
  REQUIRE(error_lines(unknown) == std::vector<std::string>{"--set #1:1:5: error: unknown key 'sed' in 'run'; did you mean 'seed'?"});
  const auto no_item = load(fixture("minimal.yaml"), {}, {"activities.ts9.days=3"});
  REQUIRE(error_lines(no_item) == std::vector<std::string>{
                                      "--set #1:1:1: error: --set 'activities.ts9.days=3': no item with id 'ts9' in 'activities'; "
                                      "did you mean 'ts1'?"});
  const auto no_equals = load(fixture("minimal.yaml"), {}, {"run.seed"});
  REQUIRE_THAT(error_lines(no_equals).at(0), Catch::EndsWith("--set 'run.seed': expected path.to.key=value"));
}

TEST_CASE("an --override file merges a partial scenario by id and changes nothing else", "[loader]") {
  const auto base = load(fixture("minimal.yaml"));
  const auto slipped = load(fixture("minimal.yaml"), {fixture("override_slip.yaml")});
  INFO(slipped.error_report());
  REQUIRE(slipped.ok());
  const auto patch = nlohmann::json::diff(base.document.value, slipped.document.value);
  std::vector<std::string> paths;
  for (const auto& op : patch) paths.push_back(op["path"]);
  // ts2 is the fourth activity; the new one is appended ("/-" in JSON Patch); Niger is merged by iso3.
  REQUIRE(paths == std::vector<std::string>{"/activities/3/end", "/activities/3/start", "/activities/-",
                                            "/member_states/2/engagement"});
  REQUIRE(slipped.scenario->activities.size() == 6);
}

TEST_CASE("includes cannot leave the scenario's folder", "[loader]") {
  const auto r = load(fixture("outside/escape.yaml"));
  REQUIRE_FALSE(r.ok());
  REQUIRE_THAT(r.error_report(), Catch::Contains("escape.yaml:3:11: error: include '../included/states.yaml' leaves the "
                                                 "scenario's folder"));
  // The member states it tried to include are missing too; that is reported, and nothing else breaks.
  REQUIRE_THAT(r.error_report(), Catch::Contains("missing the required key 'member_states'"));
}

TEST_CASE("hostile input is an error, not a crash or a hang", "[loader]") {
  const auto start = std::chrono::steady_clock::now();
  const auto bomb = load(fixture("alias_bomb.yaml"));
  // The expansion is charged alias by alias: it stops at the alias that crosses the limit.
  REQUIRE(error_lines(bomb) == std::vector<std::string>{
                                   fixture("alias_bomb.yaml") + ":6:45: error: the document expands to more than 100000 "
                                                                "nodes (through anchors and aliases?); expected a scenario of reasonable size"});
  const auto deep = load(fixture("deep_nesting.yaml"));
  REQUIRE_THAT(error_lines(deep).at(0), Catch::Contains("error: the YAML nests too deeply to be a scenario"));
  const auto missing = load(fixture("no_such_file.yaml"));
  REQUIRE_THAT(error_lines(missing).at(0), Catch::Contains("cannot read"));
  const auto folder = load(fixture("included"));
  REQUIRE_THAT(error_lines(folder).at(0), Catch::Contains("is a directory"));
  REQUIRE(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
}

TEST_CASE("randomly damaged scenarios never crash the loader", "[loader]") {
  std::ifstream in(fixture("minimal.yaml"));
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::mt19937 gen(12345);
  const std::string alphabet = ":-[]{}&*!|>'\"#,? \n\tabc0123456789";
  const std::string damaged_path = std::string(GCMSIM_TEST_TMP) + "/damaged.yaml";
  int rejected = 0;
  for (int round = 0; round < 300; ++round) {
    std::string copy = text;
    const int edits = 1 + static_cast<int>(gen() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = gen() % copy.size();
      switch (gen() % 3) {
        case 0: copy[at] = alphabet[gen() % alphabet.size()]; break;
        case 1: copy.erase(at, 1 + gen() % 20); break;
        default: copy.insert(at, 1, alphabet[gen() % alphabet.size()]); break;
      }
    }
    std::ofstream(damaged_path, std::ios::binary) << copy;
    loader::LoadResult r;
    REQUIRE_NOTHROW(r = load(damaged_path));
    if (!r.ok()) {
      ++rejected;
      REQUIRE_FALSE(r.error_report().empty());
    }
  }
  REQUIRE(rejected > 100);  // most damage is caught
}
