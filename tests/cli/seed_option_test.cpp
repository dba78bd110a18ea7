#include "cli/seed_option.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>

using gcmsim::cli::parse_seed;

TEST_CASE("a seed is plain decimal from 0 to 2^64-1 and nothing else", "[cli]") {
  REQUIRE(parse_seed("0") == std::optional<std::uint64_t>(0));
  REQUIRE(parse_seed("42") == std::optional<std::uint64_t>(42));
  REQUIRE(parse_seed("18446744073709551615") == std::numeric_limits<std::uint64_t>::max());
  for (const char* bad : {"", "-1", "+1", " 1", "1 ", "0x10", "1e3", "1.0", "18446744073709551616",
                          "99999999999999999999999", "seven"}) {
    INFO(bad);
    REQUIRE_FALSE(parse_seed(bad));
  }
}

TEST_CASE("the seed option refuses what is not a seed, with the range in the message", "[cli]") {
  CLI::App app;
  std::optional<std::uint64_t> seed;
  app.add_option("--seed", seed)->check(gcmsim::cli::seed_validator());
  REQUIRE_NOTHROW(app.parse(std::vector<std::string>{"18446744073709551615", "--seed"}));
  REQUIRE(seed == std::numeric_limits<std::uint64_t>::max());
  try {
    app.parse(std::vector<std::string>{"-1", "--seed"});  // CLI11 takes the vector in reverse
    FAIL("-1 was accepted");
  } catch (const CLI::ValidationError& e) {
    REQUIRE_THAT(e.what(), Catch::Contains("'-1' is not a seed; expected an unsigned 64-bit integer, 0 to 18446744073709551615"));
  }
}
