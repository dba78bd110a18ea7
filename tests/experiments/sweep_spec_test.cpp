// Sweep files are checked like scenarios: file:line:col, what was found, what was expected.
#include <filesystem>
#include <fstream>
#include <cmath>

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
                    "'latin_hypercube', 'sobol', 'table', 'morris'; did you mean 'latin_hypercube'?") != std::string::npos);
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

TEST_CASE("a distribution's errors are located at the number concerned") {
  const ex::SweepReading r = ex::read_sweep(fixture("distribution-errors.yaml"));
  REQUIRE_FALSE(r.ok());
  const std::string report = r.error_report();
  INFO(report);
  // The schema's: sd above 0, at the 0.
  CHECK(report.find("distribution-errors.yaml:9:44: error: ") != std::string::npos);
  CHECK(report.find("found the integer 0, expected a number more than 0") != std::string::npos);
}

TEST_CASE("a distribution's own rules: the mode inside the triangle, probability in the truncation, one kind") {
  nlohmann::json sweep = {
      {"sweep_version", 1},
      {"name", "x"},
      {"base", {{"scenario", "classroom.yaml"}}},
      {"parameters",
       {{{"name", "a"}, {"set", "p.a"}, {"distribution", {{"triangular", {{"min", 0.7}, {"mode", 0.95}, {"max", 0.9}}}}}},
        {{"name", "c"}, {"set", "p.c"}, {"distribution", {{"normal", {{"mean", 0.5}, {"sd", 0.01}, {"min", 0.9}, {"max", 0.95}}}}}},
        {{"name", "d"}, {"set", "p.d"}, {"distribution", {{"normal", {{"mean", 0.5}, {"sd", 0.1}}}, {"triangular", {{"min", 0}, {"mode", 0.5}, {"max", 1}}}}}},
        {{"name", "e"}, {"set", "p.e"}, {"distribution", {{"normal", {{"mean", 0.5}, {"sd", 0.1}, {"min", 0.6}, {"max", 0.6}}}}}},
        {{"name", "f"}, {"set", "p.f"}, {"range", {{"min", 0}, {"max", 1}}}, {"distribution", {{"normal", {{"mean", 0.5}, {"sd", 0.1}}}}}}}},
      {"design", {{"kind", "latin_hypercube"}, {"points", 4}}},
  };
  const ex::SweepReading r = ex::parse_sweep(sweep, "scenarios");
  REQUIRE_FALSE(r.ok());
  const std::string report = r.error_report();
  INFO(report);
  CHECK(report.find("parameter 'a': the triangle's mode (0.95) must lie between its min (0.7) and max (0.9)") != std::string::npos);
  CHECK(report.find("parameter 'c': the normal (mean 0.5, sd 0.01) has no probability between 0.9 and 0.95") != std::string::npos);
  CHECK(report.find("parameter 'd': a distribution is exactly one of 'normal'") != std::string::npos);
  CHECK(report.find("parameter 'e': the normal's truncation max (0.6) must be above its min (0.6)") != std::string::npos);
  CHECK(report.find("parameter 'f' has more than one of 'levels', 'range' and 'distribution'") != std::string::npos);

  // A grid takes no distribution.
  sweep["parameters"] = {{{"name", "a"}, {"set", "p.a"}, {"distribution", {{"normal", {{"mean", 0.5}, {"sd", 0.1}}}}}}};
  sweep["design"] = {{"kind", "grid"}};
  const ex::SweepReading g = ex::parse_sweep(sweep, "scenarios");
  REQUIRE_FALSE(g.ok());
  CHECK(g.error_report().find("a grid takes 'levels' or a 'range' with 'steps'") != std::string::npos);
}

TEST_CASE("a normal and a triangular parameter are read, the truncation optional") {
  const nlohmann::json sweep = {
      {"sweep_version", 1},
      {"name", "x"},
      {"base", {{"scenario", "classroom.yaml"}}},
      {"parameters",
       {{{"name", "a"}, {"set", "p.a"}, {"distribution", {{"normal", {{"mean", 0.5}, {"sd", 0.1}, {"max", 0.9}}}}}},
        {{"name", "b"}, {"set", "p.b"}, {"distribution", {{"triangular", {{"min", 0}, {"mode", 0.2}, {"max", 1}}}}}}}},
      {"design", {{"kind", "sobol"}, {"samples", 8}}},
  };
  const ex::SweepReading r = ex::parse_sweep(sweep, "scenarios");
  INFO(r.error_report());
  REQUIRE(r.ok());
  const ex::Distribution& a = *r.spec->parameters[0].distribution;
  CHECK(a.kind == ex::DistributionKind::normal);
  CHECK(a.mean == 0.5);
  CHECK(a.sd == 0.1);
  CHECK(std::isinf(a.min));
  CHECK(a.max == 0.9);
  const ex::Distribution& b = *r.spec->parameters[1].distribution;
  CHECK(b.kind == ex::DistributionKind::triangular);
  CHECK(b.mode == 0.2);
}

// Found by the sweep file's fuzzer (issue 25 campaign): a level that is null where the schema allows a
// list of types threw a JSON type error out of the located report (std::terminate, SIGABRT).
TEST_CASE("a level of a type the schema does not list is a located error naming every allowed type") {
  const ex::SweepReading r = ex::read_sweep_text(
      "sweep_version: 1\nname: s\nbase: {scenario: classroom.yaml}\nparameters:\n"
      "  - {name: n, set: x.n, levels: [1, ~, 2]}\ndesign: {kind: grid}\n",
      "nulls.yaml", "scenarios");
  REQUIRE_FALSE(r.ok());
  const std::string report = r.error_report();
  INFO(report);
  CHECK(report.find("nulls.yaml:5:") != std::string::npos);
  CHECK(report.find("found nothing (null), expected a number, a string or true or false") != std::string::npos);
}
