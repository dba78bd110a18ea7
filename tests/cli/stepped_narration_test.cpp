// `run --narrate --step` through the built binary: the reader paces the story from a pipe, and a
// run without stdin (CI) never waits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::run_gcmsim;
using Catch::Contains;

namespace {

constexpr const char* kPrompt = "[Enter: next line, r: to the end of the round, q: quit] ";

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("a piped reader steps line by line, runs to the end of a round and quits", "[cli][step]") {
  const std::string dir = out_dir("step-piped");
  // Two lines, then `r` (on to the end of the current round: round 1's end, the first RoundEnded),
  // then quit at the prompt after it.
  const std::string input = "\n\nr\nq\n";
  const auto r = run_gcmsim("run --narrate --step -o " + dir, &input);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(count(r.out, kPrompt) == 4);
  const std::size_t quit = r.out.find("stopped at the reader's request; no outputs written.");
  REQUIRE(quit != std::string::npos);
  // The line before the last prompt is the end of round 1.
  const std::size_t last_prompt = r.out.rfind(kPrompt);
  const std::size_t line_start = r.out.rfind('\n', last_prompt - 2);  // the newline before that line
  CHECK_THAT(r.out.substr(line_start, last_prompt - line_start), Contains("Round 1 ends."));
  CHECK_FALSE(std::filesystem::exists(dir + "/timeline.csv"));
}

TEST_CASE("stepping with no stdin, or past the end of the input, never waits", "[cli][step]") {
  const std::string closed = out_dir("step-closed");
  const auto none = run_gcmsim("run --narrate --step -o " + closed);  // </dev/null, as in CI
  REQUIRE(none.exit_code == 0);
  CHECK(count(none.out, kPrompt) == 0);
  CHECK(std::filesystem::exists(closed + "/timeline.csv"));
  const std::string ended = out_dir("step-ended");
  const std::string one_line = "\n";
  const auto short_input = run_gcmsim("run --narrate --step -o " + ended, &one_line);
  REQUIRE(short_input.exit_code == 0);
  CHECK(count(short_input.out, kPrompt) == 2);  // answered once, then the input ended
  CHECK(std::filesystem::exists(ended + "/timeline.csv"));
}
