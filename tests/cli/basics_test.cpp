#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "run_gcmsim.hpp"

using gcmsim::testing::run_gcmsim;

TEST_CASE("gcmsim --version prints the version", "[cli]") {
  const auto r = run_gcmsim("--version");
  REQUIRE(r.exit_code == 0);
  REQUIRE(r.out.rfind("gcmsim ", 0) == 0);
}

TEST_CASE("gcmsim --help lists the subcommands and exit codes", "[cli]") {
  const auto r = run_gcmsim("--help");
  REQUIRE(r.exit_code == 0);
  REQUIRE_THAT(r.out, Catch::Contains("bench"));
  REQUIRE_THAT(r.out, Catch::Contains("2 invalid input"));
}

TEST_CASE("bench phold --json prints one object with the documented keys", "[cli]") {
  const auto r = run_gcmsim("bench phold --lps 64 --population 4 --end 20 --repeat 1 --json");
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  for (const char* key : {"events", "kernel_events_per_s", "bare_events_per_s", "ratio", "cpu_ratio", "load_average"}) {
    INFO(key);
    REQUIRE(j.contains(key));
  }
  // 64 x 4 events in flight for 20 time units at mean delay 1: about 5120 events.
  REQUIRE(j["events"].get<double>() > 4000);
  REQUIRE(j["events"].get<double>() < 6500);
  REQUIRE(j["ratio"].get<double>() > 0.0);
  REQUIRE(j["cpu_ratio"].get<double>() > 0.0);
}

TEST_CASE("bad arguments exit with code 2 and a message on stderr, no stack trace", "[cli]") {
  const auto unknown = run_gcmsim("bench phold --lps nine");
  REQUIRE(unknown.exit_code == 2);
  REQUIRE_THAT(unknown.err, Catch::Contains("--lps"));

  const auto invalid = run_gcmsim("bench phold --remote 1.5");
  REQUIRE(invalid.exit_code == 2);
  REQUIRE_THAT(invalid.err, Catch::Contains("gcmsim: error: --remote must be a probability"));

  const auto none = run_gcmsim("");
  REQUIRE(none.exit_code == 2);
}

TEST_CASE("an unknown command exits 2 with a clear message, with or without --help", "[cli]") {
  for (const char* args : {"frobnicate --help", "frobnicate", "valdate --help"}) {
    INFO(args);
    const auto r = run_gcmsim(args);
    REQUIRE(r.exit_code == 2);
    REQUIRE(r.out.empty());
    REQUIRE_THAT(r.err, Catch::Contains("unknown command '"));
    REQUIRE_THAT(r.err, Catch::Contains("expected one of run, compare, validate"));
  }
  REQUIRE_THAT(run_gcmsim("valdate --help").err, Catch::Contains("did you mean 'validate'?"));
}

TEST_CASE("the --help of a command or of gcmsim exits 0 and run's help names the files it writes", "[cli]") {
  for (const char* args : {"--help", "run --help", "validate --help", "sweep --help"}) {
    INFO(args);
    REQUIRE(run_gcmsim(args).exit_code == 0);
  }
  const auto run = run_gcmsim("run --help");
  for (const char* file : {"timeline.csv", "participation.csv", "attendance.csv", "stakeholders.csv", "trust_fund.csv", "states.csv",
                           "manifest.json", "dynamics.csv", "positions.csv", "acceptance.csv", "votes.csv",
                           "outcome.json", "decisions.csv", "summary.csv"}) {
    INFO(file);
    REQUIRE_THAT(run.out, Catch::Contains(file));
  }
  // ... and so is every file a run of the baseline (with its negotiation) writes, so that a new
  // output cannot be left out of the help; `--plots` names its PNGs as "PNGs".
  const std::string dir = gcmsim::testing::out_dir("help-names-files");
  REQUIRE(run_gcmsim("run -q --force -o " + dir).exit_code == 0);
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.front() == '.') continue;  // gcmsim's own bookkeeping (.gcmsim-outputs, .gcmsim.lock)
    INFO(name);
    CHECK_THAT(run.out, Catch::Contains(name));
    ++files;
  }
  CHECK(files >= 11);  // the baseline negotiates: all but decisions.csv and summary.csv
}
