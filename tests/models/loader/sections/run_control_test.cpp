// The `run:` and `outputs:` sections (models/loader/sections/run_control.cpp).
#include <catch2/catch.hpp>

#include "models/loader/loader.hpp"
#include "section_helpers.hpp"

using namespace gcmsim::loader;

namespace {
RunDefaults read(std::string_view yaml) {
  SourceFiles files;
  Diagnostics diagnostics;
  const Document doc = parse_yaml(files, files.add("run.yaml", yaml), yaml, diagnostics);
  REQUIRE(diagnostics.empty());
  return sections::read_run_control(doc.value);
}
}  // namespace

TEST_CASE("the run section proposes the seed and the replications (absent: one run of seed 1)", "[loader][sections]") {
  const RunDefaults given = read("run: {seed: 18446744073709551615, replications: 30}\n");
  CHECK(given.seed == 18446744073709551615ULL);
  CHECK(given.replications == 30);
  const RunDefaults absent = read("name: x\n");
  CHECK(absent.seed == 1);
  CHECK(absent.replications == 1);
}

TEST_CASE("the outputs section switches files off and names the folder, with or without a run section", "[loader][sections]") {
  const RunDefaults o = read("outputs: {directory: out/here, positions: false, timeline: false}\n");
  CHECK(o.outputs.directory == "out/here");
  CHECK(o.outputs.positions == Snapshots::none);
  CHECK_FALSE(o.outputs.timeline);
  CHECK(o.outputs.participation);
  CHECK(o.outputs.dynamics);
  CHECK(o.outputs.outcome);
  CHECK(o.seed == 1);
}
