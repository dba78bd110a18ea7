// Sweep files are checked like scenarios: file:line:col, what was found, what was expected.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "experiments/sweep_spec.hpp"

namespace ex = gcmsim::experiments;

namespace {

std::string fixture(const std::string& name) { return std::string(GCMSIM_SOURCE_DIR) + "/tests/experiments/fixtures/" + name; }

}  // namespace

TEST_CASE("the shipped sweeps are valid") {
  for (const char* f : {"trust-fund-by-intervention-limit.yaml", "negotiation-lhs.yaml", "negotiation-sobol.yaml"}) {
    const ex::SweepReading r = ex::read_sweep(std::string(GCMSIM_SOURCE_DIR) + "/scenarios/sweeps/" + f);
    INFO(r.error_report());
    CHECK(r.ok());
  }
}

TEST_CASE("a sweep file is read into its parameters, design and run control") {
  const ex::SweepReading r = ex::read_sweep(fixture("classroom-grid.yaml"));
  INFO(r.error_report());
  REQUIRE(r.ok());
  const ex::SweepSpec& s = *r.spec;
  CHECK(s.name == "classroom-grid");
  CHECK(s.base.path == std::string(GCMSIM_SOURCE_DIR) + "/scenarios/classroom.yaml");
  REQUIRE(s.parameters.size() == 2);
  CHECK(s.parameters[0].paths == std::vector<std::string>{"negotiation.parameters.adopt_threshold"});
  CHECK(s.parameters[0].levels == std::vector<std::string>{"0.8", "0.85"});
  CHECK(s.design.kind == ex::DesignKind::grid);
  CHECK(s.replications == 3);
  CHECK(s.seed == 5);
}

TEST_CASE("errors in a sweep file are located, with a caret and did-you-mean") {
  const ex::SweepReading r = ex::read_sweep(fixture("errors.yaml"));
  REQUIRE_FALSE(r.ok());
  const std::string report = r.error_report();
  INFO(report);
  CHECK(report.find("errors.yaml:9:5: error: unknown key 'levles' in 'parameters.0'; did you mean 'levels'?") != std::string::npos);
  CHECK(report.find("errors.yaml:12:9: error: 'design.kind': found the text 'latin_hypercub', expected one of 'grid', "
                    "'latin_hypercube', 'sobol', 'table'; did you mean 'latin_hypercube'?") != std::string::npos);
  CHECK(report.find("^~~~~~") != std::string::npos);
}

TEST_CASE("a sweep's own rules: one of set and shorthand, levels for a grid, a range above its min") {
  const nlohmann::json sweep = {
      {"sweep_version", 1},
      {"name", "x"},
      {"base", {{"scenario", "classroom.yaml"}}},
      {"parameters", {{{"name", "a"}, {"set", "p.a"}, {"range", {{"min", 2}, {"max", 1}}}}, {{"name", "b"}, {"levels", {1, 2}}}}},
      {"design", {{"kind", "grid"}}},
  };
  const ex::SweepReading r = ex::parse_sweep(sweep, "scenarios");
  REQUIRE_FALSE(r.ok());
  const std::string report = r.error_report();
  INFO(report);
  CHECK(report.find("parameter 'a': the range's max (1) must be above its min (2)") != std::string::npos);
  CHECK(report.find("parameter 'a': a grid needs 'levels', or a 'range' with 'steps'") != std::string::npos);
  CHECK(report.find("parameter 'b' needs exactly one of 'set' (a --set path) and 'shorthand'") != std::string::npos);
}

TEST_CASE("a sweep from memory resolves the base against the given folder") {
  const nlohmann::json sweep = {
      {"sweep_version", 1},
      {"name", "mem"},
      {"base", {{"scenario", "classroom.yaml"}}},
      {"parameters", {{{"name", "a"}, {"set", "negotiation.parameters.adopt_threshold"}, {"range", {{"min", 0.8}, {"max", 0.9}}}}}},
      {"design", {{"kind", "latin_hypercube"}, {"points", 4}}},
      {"seed", 3},
  };
  const ex::SweepReading r = ex::parse_sweep(sweep, "scenarios");
  INFO(r.error_report());
  REQUIRE(r.ok());
  CHECK(r.spec->base.path == "scenarios/classroom.yaml");
  CHECK(r.spec->design.seed == 3);
}
