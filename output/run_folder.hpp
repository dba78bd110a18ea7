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
#include "output/owned_folder.hpp"

namespace gcmsim::output {

// "rep-0003" for replication 3.
std::string replication_folder_name(std::size_t replication);

// The names a run writes at the top of its folder: the files of docs/outputs.md when R = 1, else
// rep-0000/ ... and summary.csv; the three PNGs with --plots. Folders end with '/'.
std::vector<std::string> run_output_names(std::size_t replications, bool plots);

// Whether `name` may be found inside a replication folder a run wrote (its files, their
// temporary files).
bool is_replication_file(const std::string& name, bool is_folder);

// The run outputs `folder` owns (output/owned_folder.hpp), and the entries that look like a run's
// outputs (its file names, rep-NNNN) but that gcmsim cannot prove it wrote: a user's rep-2024/,
// a gantt.png they drew, a symbolic link named rep-0000. A run never removes the second kind.
std::vector<std::string> owned_run_outputs(const OwnedFolder& folder);
std::vector<std::string> foreign_run_outputs(const OwnedFolder& folder);

// Whether `folder` holds a run that finished writing: its manifest.json, or a replication folder
// (each is renamed into place with its manifest). Owned files without one are an interrupted run's.
bool holds_complete_run(const OwnedFolder& folder);

// Whether the outputs in `dir` were written by the same run as `manifest` describes (same scenario
// path, content hash, seed and replication count): rerunning it gives the same files again.
bool same_run(const std::filesystem::path& dir, const ManifestInfo& manifest);

// Removes the owned run outputs `names`, a replication folder only when it holds nothing but a
// run's files (FolderRefused otherwise).
void remove_run_outputs(OwnedFolder& folder, const std::vector<std::string>& names);

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
