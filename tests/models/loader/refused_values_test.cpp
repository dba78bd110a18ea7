// Issue 13: a value the schema refuses is reported once. The scenario's own checks (dates against
// days, OP16's total of thematic-session days, a min below its max) read what is left after the
// schema, so an out-of-range value does not come back as two, three or five messages.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load_helpers.hpp"

using gcmsim::testing::error_lines;
using gcmsim::testing::fixture;
using gcmsim::testing::load;

namespace {

std::vector<std::string> errors_with(const std::string& set) {
  const auto result = load(fixture("minimal.yaml"), {}, {set});
  CHECK_FALSE(result.ok());
  return error_lines(result);
}

}  // namespace

TEST_CASE("an out-of-range value is reported once, by the schema, at the value", "[loader]") {
  struct Case {
    const char* set;
    const char* line_col;  // where the value is written: in the --set option
    const char* message;
  };
  // Each of these used to bring follow-on messages from the builder about the same value.
  const Case cases[] = {
      // days of 99999: the schema's range, then the dates against days, the horizon's total and
      // OP16's 12 days (twice, for ts1 and ts2).
      {"activities.ts1.days=99999", "--set #1:1:21:", "'days' in activity 'ts1': found the integer 99999"},
      // a min out of range, then the same min "above max 7".
      {"formats.thematic_session.agenda.1.expert_minutes.min=5000000", "--set #1:1:",
       "found the integer 5000000, expected a number at least 0 and at most 1440"},
  };
  for (const Case& c : cases) {
    INFO(c.set);
    const std::vector<std::string> lines = errors_with(c.set);
    INFO(Catch::Detail::stringify(lines));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find(c.line_col) != std::string::npos);
    CHECK(lines[0].find(c.message) != std::string::npos);
  }
}

TEST_CASE("the scenario's own checks still report values the schema accepts", "[loader]") {
  // days of 200 is in the schema's range: the builder's checks are the ones that know it is wrong.
  const std::vector<std::string> lines = errors_with("activities.ts1.days=200");
  INFO(Catch::Detail::stringify(lines));
  bool dates = false, op16 = false;
  for (const std::string& l : lines) {
    dates = dates || l.find("has 2 working days, but days is 200") != std::string::npos;
    op16 = op16 || l.find("OP16 allows at most 12") != std::string::npos;
  }
  CHECK(dates);
  CHECK(op16);
}

TEST_CASE("a list item the schema refuses keeps the other items in place", "[loader]") {
  // The first holiday is a number (the schema's), the second an impossible date (the builder's):
  // each reported once, the second still found at its own position.
  const std::vector<std::string> lines = errors_with("calendar.holidays=[12, 2017-02-30]");
  INFO(Catch::Detail::stringify(lines));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].find("'calendar.holidays.0': found the integer 12") != std::string::npos);
  CHECK(lines[1].find("invalid date \"2017-02-30\"") != std::string::npos);
}

TEST_CASE("a check relating values says nothing when the schema refused one of them", "[loader]") {
  struct Case {
    const char* set;
    const char* message;
  };
  const Case cases[] = {
      // max refused: "min 5 is above max 0" (its default) would follow.
      {"formats.thematic_session.agenda.1.expert_minutes.max=-3", "'formats.thematic_session.agenda.1.expert_minutes.max': found the integer -3"},
      // 1e300 breaks both the range and the type of an integer: one message for the value.
      {"activities.ts1.days=1e300", "'days' in activity 'ts1': found the number 1e+300"},
  };
  for (const Case& c : cases) {
    INFO(c.set);
    const std::vector<std::string> lines = errors_with(c.set);
    INFO(Catch::Detail::stringify(lines));
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find(c.message) != std::string::npos);
  }
}
