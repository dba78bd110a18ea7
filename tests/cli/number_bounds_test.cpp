// No crash, no silent default (issue 25): every number gcmsim reads is range-checked at its exact
// width, the same way in every command, and a malformed file is a located error with exit 2.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "run_gcmsim.hpp"

using gcmsim::testing::out_dir;
using gcmsim::testing::read_text;
using gcmsim::testing::run_gcmsim;
using Catch::Contains;
namespace fs = std::filesystem;

namespace {

std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = std::string(GCMSIM_TEST_TMP) + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// A calibration of the classroom scenario; `extra` replaces or adds top-level keys.
std::string calibration(const std::string& name, const std::string& seed_line, const std::string& observed = "1") {
  return write_file(name, std::string("scenario: ") + GCMSIM_SOURCE_DIR + "/scenarios/classroom.yaml\n" + seed_line +
                              "\ndraws: 2\naccept: 0.5\nreplications: 1\n"
                              "parameters:\n  negotiation.parameters.susceptibility: {prior: uniform, min: 0.2, max: 0.6}\n"
                              "targets:\n  - {metric: agreed, observed: " + observed + ", scale: 1}\n");
}

// A sweep of the classroom scenario with `parameters` and `design`.
std::string sweep(const std::string& name, const std::string& parameters, const std::string& design = "{kind: grid}",
                  const std::string& seed = "5") {
  return write_file(name, std::string("sweep_version: 1\nname: bounds\nbase:\n  scenario: ") + GCMSIM_SOURCE_DIR +
                              "/scenarios/classroom.yaml\nparameters:\n" + parameters + "design: " + design +
                              "\nreplications: 1\nseed: " + seed + "\nmetrics: [agreed]\n");
}

}  // namespace

TEST_CASE("compare reads --seed as run does: -1, 2^64 and 1e23 are refused", "[cli][bounds]") {
  for (const std::string seed : {"-1", "18446744073709551616", "1e23", "0x10"}) {
    const auto r = run_gcmsim("compare -r 1 -q --seed " + seed + " -o " + out_dir("compare-seed"));
    INFO(seed << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("expected an unsigned 64-bit integer"));
  }
}

TEST_CASE("calibrate refuses a seed of -1 or 1e300 and an observed .nan, at their lines", "[cli][bounds]") {
  const struct {
    std::string seed, observed, expected;
  } cases[] = {{"seed: -1", "1", ":2:7: error: 'seed' must be a whole number from 0 to 18446744073709551615"},
               {"seed: 1e300", "1", ":2:7: error: 'seed' must be a whole number"},
               {"seed: 18446744073709551616", "1", ":2:7: error: 'seed' must be a whole number"},
               {"seed: 3", ".nan", ":9:32: error: 'observed' must be a finite number, found '.nan'"}};
  for (const auto& c : cases) {
    const std::string file = calibration("calibrate-bounds.yaml", c.seed, c.observed);
    const auto r = run_gcmsim("calibrate -q " + file + " -o " + out_dir("calibrate-bounds"));
    INFO(c.seed << " " << c.observed << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(file + c.expected));
  }
}

TEST_CASE("calibrate refuses malformed shapes with exit 2 and a location, not a library message", "[cli][bounds]") {
  for (const std::string body : {"scenario: x.yaml\noverrides: {a: 1}\nparameters: {a: {min: 0, max: 1}}\ntargets: [{metric: a, observed: 1}]\n",
                                 "scenario: x.yaml\nparameters: {[1, 2]: {min: 0, max: 1}}\ntargets: [{metric: a, observed: 1}]\n",
                                 "scenario: x.yaml\nparameters: {a: 3}\ntargets: [{metric: a, observed: 1}]\n",
                                 "scenario: x.yaml\nparameters: {a: {min: 0, max: 1}}\ntargets: 7\n",
                                 "- a list\n- not a mapping\n"}) {
    const std::string file = write_file("calibrate-shape.yaml", body);
    const auto r = run_gcmsim("calibrate -q " + file + " -o " + out_dir("calibrate-shape"));
    INFO(body << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(file + ":"));
    CHECK_THAT(r.err, !Contains("yaml-cpp"));
  }
}

TEST_CASE("calibrate checks an unwritable --out before it computes anything", "[cli][bounds]") {
  const std::string file = calibration("calibrate-out.yaml", "seed: 3");
  const std::string blocker = write_file("calibrate-out-is-a-file", "x");
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_gcmsim("calibrate -q --draws 200000 " + file + " -o " + blocker + "/sub");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("cannot create the folder"));
  CHECK(seconds < 20.0);  // 200,000 draws would take far longer: nothing was simulated
}

TEST_CASE("a grid whose point count overflows, or steps beyond the bound, is an error and runs nothing", "[cli][bounds]") {
  std::string many;
  for (int i = 0; i < 5; ++i) {
    many += "  - {name: p" + std::to_string(i) + ", set: negotiation.parameters.susceptibility, range: {min: 0, max: 1, steps: 65536}}\n";
  }
  const std::string overflow = sweep("sweep-overflow.yaml", many);
  const auto r = run_gcmsim("sweep --dry-run " + overflow);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains("the design has more than 1000000 points"));

  const std::string steps =
      sweep("sweep-steps.yaml", "  - {name: s, set: negotiation.parameters.susceptibility, range: {min: 0, max: 1, steps: 4294967297}}\n");
  const auto s = run_gcmsim("sweep --dry-run " + steps);
  INFO(s.err);
  CHECK(s.exit_code == 2);
  CHECK_THAT(s.err, Contains("steps"));
}

TEST_CASE("an integer range of +-1e308 and a sweep seed beyond 64 bits are refused at their place", "[cli][bounds]") {
  const std::string huge = sweep("sweep-huge-range.yaml",
                                 "  - {name: n, set: run.replications, range: {min: -1e308, max: 1e308, scale: integer}}\n",
                                 "{kind: latin_hypercube, points: 4}");
  const auto r = run_gcmsim("sweep --dry-run " + huge);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Contains(huge + ":"));

  const std::string seed = sweep("sweep-big-seed.yaml", "  - {name: s, set: negotiation.parameters.susceptibility, levels: [0.3]}\n",
                                 "{kind: grid}", "18446744073709551616");
  const auto s = run_gcmsim("sweep --dry-run " + seed);
  INFO(s.err);
  CHECK(s.exit_code == 2);
  CHECK_THAT(s.err, Contains(seed + ":"));
  CHECK_THAT(s.err, Contains("seed"));
}

TEST_CASE("a scenario's outputs.directory stays relative and below the working folder", "[cli][bounds]") {
  fs::remove_all("/tmp/gcmsim-escape");  // a gcmsim before issue 25 wrote there
  for (const std::string dir : {"/tmp/gcmsim-escape", "../escape", "results/../../escape", ".."}) {
    const auto r = run_gcmsim("run -q --set outputs.directory=" + dir);
    INFO(dir << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains("--set #1:"));
    CHECK_THAT(r.err, Contains("outputs.directory"));
  }
  CHECK_FALSE(fs::exists("/tmp/gcmsim-escape"));
}
