#pragma once
// The output folder of `gcmsim run` and what a run owns in it: the files of docs/outputs.md, the
// replication folders rep-NNNN/ (NNNN is the replication number the manifest records and RunSpec
// uses, from 0000), summary.csv, and the leftovers of an interrupted run (the atomic writer's
// .NAME.PID.N.tmp files and the .rep-NNNN.partial/ folders a replication is written into before it
// is renamed into place). A replication folder is therefore complete, manifest included, or absent.
#include <filesystem>
#include <string>
#include <vector>

#include "models/run/prepared_scenario.hpp"
#include "models/run_results.hpp"
#include "output/manifest.hpp"

namespace gcmsim::output {

// "rep-0003" for replication 3.
std::string replication_folder_name(std::size_t replication);

struct FolderContents {
  std::vector<std::filesystem::path> outputs;    // a run's files and complete replication folders
  std::vector<std::filesystem::path> leftovers;  // temporary files and partial replication folders
};

// What of a run's is in `dir` (which may not exist). Files a run does not own are not listed.
FolderContents run_contents(const std::filesystem::path& dir);

// Whether the outputs in `dir` were written by the same run as `manifest` describes (same scenario
// path, content hash, seed and replication count): rerunning it gives the same files again.
bool same_run(const std::filesystem::path& dir, const ManifestInfo& manifest);

// Removes exactly what run_contents lists. Throws std::runtime_error naming what it cannot remove.
void remove_run_files(const FolderContents& contents);

// Writes replication `manifest.replication` into `out`/rep-NNNN: first into .rep-NNNN.partial/,
// then renamed into place, so that a kill leaves either a complete folder or a partial one that
// the next run removes.
void write_replication(const std::filesystem::path& out, const sim::PreparedScenario& prepared,
                       const model::RunResults& results, const ManifestInfo& manifest);

}  // namespace gcmsim::output
