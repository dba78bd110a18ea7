#pragma once
// Writes one run's files into a folder (docs/outputs.md describes each): states.csv, timeline.csv,
// participation.csv, stakeholders.csv, trust_fund.csv, attendance.csv (on request), and for a negotiating scenario
// dynamics.csv, positions.csv, acceptance.csv, votes.csv and outcome.json, as the scenario's
// `outputs` switches choose; then manifest.json, always. Each atomically, so a reader (or a
// resumed sweep) never sees a half-written file.
#include <filesystem>
#include <string>
#include <vector>

#include "engine/calendar.hpp"
#include "models/plan.hpp"
#include "models/run/prepared_scenario.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"
#include "output/atomic_file.hpp"
#include "output/manifest.hpp"

namespace gcmsim::output {

// The files of one run, formatted in memory, in the order write_run writes them (manifest.json
// last): what a caller that does not write to a folder of its own (the studio's zip) sends.
struct RunFile {
  std::string name;
  std::string text;
};
std::vector<RunFile> run_files(const model::Scenario& scenario, const model::Plan& plan, const model::RunResults& results,
                               const Calendar& calendar, const ManifestInfo& manifest,
                               const loader::OutputSwitches& which = {});
std::vector<RunFile> run_files(const sim::PreparedScenario& prepared, const model::RunResults& results,
                               const ManifestInfo& manifest);

// Creates `dir` if needed. The manifest is written last: its presence says the run's other files
// are complete. Synced: the other files are put on disk together (one sync of the file system),
// then the manifest is written and synced, so that this holds after a power loss too (three
// flushes, not two per file). Deferred: atomic against a kill, on disk at the caller's next
// sync_file_system. Throws std::runtime_error (naming the file) when a write fails.
void write_run(const std::filesystem::path& dir, const model::Scenario& scenario, const model::Plan& plan,
               const model::RunResults& results, const Calendar& calendar, const ManifestInfo& manifest,
               const loader::OutputSwitches& which = {}, Durability durability = Durability::synced);

// The manifest of one replication of a prepared scenario: its source, hash, seed and replication
// from the results, the version, and what to check a rerun against.
ManifestInfo manifest_info(const sim::PreparedScenario& prepared, const model::RunResults& results, int replications,
                           double wall_seconds);

// "FILE + --override F --set K=V": what ran, as run's summary header and compare's view say it.
std::string describe_source(const sim::ScenarioSource& source);

// write_run for a prepared scenario, with the files its `outputs` section chooses.
void write_run(const std::filesystem::path& dir, const sim::PreparedScenario& prepared,
               const model::RunResults& results, const ManifestInfo& manifest,
               Durability durability = Durability::synced);

}  // namespace gcmsim::output
