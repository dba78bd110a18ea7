// `remove: true` in an override: the activity goes, and what only ordered the work around it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "load_helpers.hpp"
#include "override_file.hpp"

using namespace gcmsim;
using Catch::Contains;
using testing::load;
using testing::override_file;
using testing::scenario_file;

namespace {

const std::string kBaseline = scenario_file("gcm-2017-2018.yaml");

std::vector<std::string> need_ids(const model::Scenario& s, const std::string& id) {
  std::vector<std::string> out;
  for (std::size_t n : s.activities[*s.find_activity(id)].needs) out.push_back(s.activities[n].id);
  return out;
}

}  // namespace

TEST_CASE("a removed activity is gone and what needed it no longer waits for it", "[loader][remove]") {
  const auto base = load(kBaseline);
  REQUIRE(base.ok());
  const auto r = load(kBaseline, {override_file("remove-h6.yaml", "activities:\n  - {id: h6, remove: true}\n")});
  INFO(r.error_report());
  REQUIRE(r.ok());
  const model::Scenario& s = *r.scenario;
  CHECK(s.activities.size() == base.scenario->activities.size() - 1);
  CHECK_FALSE(s.find_activity("h6"));
  CHECK(need_ids(s, "hearings_summary") == std::vector<std::string>{"h1", "h2", "h3", "h4", "h5"});
  // Every index still points at the activity it named.
  CHECK(need_ids(s, "round6") == need_ids(*base.scenario, "round6"));
}

TEST_CASE("a document due before a removed meeting keeps only its needs", "[loader][remove]") {
  const auto r = load(kBaseline, {override_file("remove-ts6.yaml", "activities:\n  - {id: ts6, remove: true}\n")});
  INFO(r.error_report());
  REQUIRE(r.ok());
  const model::Scenario& s = *r.scenario;
  const auto& brief = s.activities[*s.find_activity("ib6")];
  CHECK_FALSE(brief.due);
  CHECK(need_ids(s, "sum6").empty());  // the session's summary needed only the session
}

TEST_CASE("errors after a removal still point at the text that caused them", "[loader][remove]") {
  const auto r = load(kBaseline, {override_file("remove-then-typo.yaml",
                                                "activities:\n  - {id: ts1, remove: true}\n  - {id: ts2, venu: geneva}\n")});
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error_report(), Contains("remove-then-typo.yaml:3:15: error: unknown key 'venu' in activity 'ts2'; did you mean 'venue'?"));
}

TEST_CASE("removing an activity the scenario does not hold is an error with the closest id", "[loader][remove]") {
  const auto r = load(kBaseline, {override_file("remove-typo.yaml", "activities:\n  - {id: h7, remove: true}\n")});
  REQUIRE_FALSE(r.ok());
  INFO(r.error_report());
  CHECK(testing::error_lines(r).size() == 1);
  CHECK_THAT(r.error_report(), Contains("remove-typo.yaml:2:14: error: remove: there is no activity 'h7' to remove; did you mean 'h1'?"));
}

TEST_CASE("a boycott of a removed activity is an unknown activity", "[loader][remove]") {
  const auto r = load(kBaseline, {override_file("remove-boycott.yaml", "activities:\n  - {id: h6, remove: true}\n"
                                                                       "events:\n  - {id: hun_out_of_h6, kind: boycott, state: HUN, activity: h6}\n")});
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error_report(), Contains("boycott of unknown activity 'h6'"));
}

TEST_CASE("a --set can remove an activity too", "[loader][remove]") {
  const auto r = load(kBaseline, {}, {"activities.h6.remove=true"});
  INFO(r.error_report());
  REQUIRE(r.ok());
  CHECK_FALSE(r.scenario->find_activity("h6"));
  CHECK(need_ids(*r.scenario, "hearings_summary").size() == 5);
}
