// The mechanisms behind the hostile-input fixes (issue 13), tested where they live: UTF-8 and
// terminal-safe text, --set options that change nothing when refused, and the size checks that run
// before the schema validator.
#include <catch2/catch.hpp>

#include <string>

#include "load_helpers.hpp"
#include "models/loader/text_checks.hpp"

using namespace gcmsim;
using testing::error_lines;
using testing::fixture;
using testing::load;

TEST_CASE("UTF-8 is checked strictly: truncated, overlong, surrogate and out-of-range sequences are invalid", "[loader]") {
  REQUIRE_FALSE(loader::first_invalid_utf8("plain, caf\xC3\xA9, \xE2\x82\xAC, \xF0\x9F\x98\x80"));
  REQUIRE(loader::first_invalid_utf8("ab\xC3") == 2u);           // truncated
  REQUIRE(loader::first_invalid_utf8("\xC0\xAF") == 0u);         // overlong '/'
  REQUIRE(loader::first_invalid_utf8("x\xED\xA0\x80") == 1u);    // a surrogate
  REQUIRE(loader::first_invalid_utf8("\xF4\x90\x80\x80") == 0u); // above U+10FFFF
  REQUIRE(loader::first_invalid_utf8("\xFF") == 0u);
}

TEST_CASE("text shown to a person has its control characters escaped", "[loader]") {
  REQUIRE(loader::printable("a\x1b[31mb\tc\x7f") == "a\\x1b[31mb\tc\\x7f");
  REQUIRE(loader::printable("\xC2\x9B" "2J") == "\\xc2\\x9b2J");  // C1 CSI
  REQUIRE(loader::printable("caf\xC3\xA9 \xFF") == "caf\xC3\xA9 \\xff");
  REQUIRE(loader::shortened(std::string(100, 'x'), 10) == "xxxxxxxxxx...");
}

TEST_CASE("a refused --set option leaves the document as it was", "[loader]") {
  const auto base = load(fixture("minimal.yaml"));
  for (const char* option : {"a..b=1", "run.seed.x=1", "activities.ts9.days=3", "newkey.sub=[unclosed"}) {
    INFO(option);
    const auto changed = load(fixture("minimal.yaml"), {}, {option});
    REQUIRE(error_lines(changed).size() == 1);
    REQUIRE(changed.document.value == base.document.value);
  }
}

TEST_CASE("lists beyond their maxItems and over-long names stop before the schema validator", "[loader]") {
  // A needs list of 5,000 items would cost the validator's uniqueItems 12.5 million comparisons.
  std::string list = "[";
  for (int i = 0; i < 5000; ++i) list += (i ? ",a" : "a") + std::to_string(i);
  list += "]";
  const auto long_list = load(fixture("minimal.yaml"), {}, {"activities.ts1.needs=" + list});
  REQUIRE(error_lines(long_list) == std::vector<std::string>{
                                       "--set #1:1:22: error: 'needs' in activity 'ts1': found a list of 5000 items, expected at most 100"});
  // std::regex recurses per character: a pattern is never run on a long text.
  const auto long_id = load(fixture("minimal.yaml"), {}, {"activities.ts1.venue=" + std::string(200000, 'g')});
  REQUIRE(error_lines(long_id) == std::vector<std::string>{
                                     "--set #1:1:22: error: 'venue' in activity 'ts1': found a text of 200000 bytes, expected at most 64"});
  const auto long_key = load(fixture("minimal.yaml"), {}, {"formats." + std::string(300, 'f') + "={agenda: []}"});
  REQUIRE_THAT(error_lines(long_key).at(0), Catch::Contains("error: a key of 300 bytes ('ffff"));
}

TEST_CASE("the diagnostics of a hostile file are counted, not all kept", "[loader]") {
  loader::Diagnostics d;
  for (std::size_t i = 0; i < loader::Diagnostics::kMaxKept + 5; ++i) d.error({-1, 0, 0}, "x");
  REQUIRE(d.size() == loader::Diagnostics::kMaxKept + 5);
  REQUIRE(d.list().size() == loader::Diagnostics::kMaxKept);
  REQUIRE_THAT(d.format({}), Catch::EndsWith("error: 5 more errors not shown\n"));
}
