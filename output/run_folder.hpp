#pragma once
// The output folder of `gcmsim run` and what a run owns in it: the files of docs/outputs.md, the
// replication folders rep-NNNN/ (NNNN is the replication number the manifest records and RunSpec
// uses, from 0000), summary.csv, and the leftovers of an interrupted run (the atomic writer's
// .NAME.PID.N.tmp files and the .rep-NNNN.partial/ folders a replication is written into before it
// is renamed into place). A replication folder is therefore complete, manifest included, or absent.
#include <atomic>
#include <filesystem>
#include <mutex>
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

// Writes the replication folders of `gcmsim run -r R`, durable in batches rather than with two
// fsyncs per file (20 per replication). Each replication is written, unsynced, into
// .rep-NNNN.partial/ and waits there. Every `batch` replications, and at finish(), the waiting ones
// are committed: one sync of the file system puts their files on disk, then each is renamed into
// place as rep-NNNN/ and the folder's names are synced. The durability point is therefore the
// commit: a rep-NNNN/ folder is complete, manifest included, after a kill -9 and after a power loss
// alike; a kill or a power loss loses the replications waiting or in flight (at most `batch` plus
// one per thread), whose .partial folders the next run into the folder removes. write() may be
// called from several threads at once.
class ReplicationWriter {
 public:
  static constexpr std::size_t kDefaultBatch = 32;

  explicit ReplicationWriter(std::filesystem::path out, std::size_t batch = kDefaultBatch);
  ReplicationWriter(const ReplicationWriter&) = delete;
  ReplicationWriter& operator=(const ReplicationWriter&) = delete;

  void write(const sim::PreparedScenario& prepared, const model::RunResults& results, const ManifestInfo& manifest);
  // Commits the replications still waiting. Call once every write() has returned.
  void finish();

  std::size_t commits() const { return commits_; }

 private:
  void commit(const std::vector<std::size_t>& replications);

  std::filesystem::path out_;
  std::size_t batch_;
  std::mutex mutex_;
  std::vector<std::size_t> waiting_;
  std::atomic<std::size_t> commits_{0};
};

}  // namespace gcmsim::output
