#pragma once
// A sweep as one library call, for the CLI, the Python module and calibration:
//   auto reading = experiments::read_sweep("scenarios/sweeps/grid.yaml");   // or parse_sweep(dict, folder)
//   auto outcome = experiments::run_sweep(*reading.spec, {.out = "results/grid", .threads = 2});
// writes DIR/runs.csv and DIR/points.csv (and sensitivity.csv for a Sobol design), journaling each
// run as it finishes so that calling it again on the same DIR finishes only what is missing.
#include <atomic>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "experiments/journal.hpp"
#include "experiments/sweep_plan.hpp"
#include "experiments/sweep_results.hpp"
#include "experiments/sweep_spec.hpp"

namespace gcmsim::experiments {

// Input the user must fix (a sweep file, a design table, an invalid point, a DIR holding another
// sweep); what() is the full report, file:line:col lines included.
struct SweepInvalid : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

struct SweepOptions {
  std::string out = "sweep-results";
  unsigned threads = 0;                 // 0: every core
  std::optional<int> replications;      // replaces the file's
  std::optional<Shard> shard;           // run only this slice; the tables are left to merge
  bool resume = false;                  // require DIR to hold this sweep already
  bool keep_runs = false;               // also write each run's full outputs in DIR/runs/
  bool progress = false;                // a progress line on stderr
  std::size_t journal_batch = 64;       // records per durability batch (fdatasync, and syncfs with keep_runs)
  bool mpi = false;                     // manager/worker over MPI_COMM_WORLD (an MpiSession must be open)
  // Set from another thread (Python's Ctrl-C) to stop: runs not yet started are skipped, those in
  // flight finish and are journaled, the journal is synced, and no table is written; calling again
  // on the same folder resumes. Not owned; null: never stopped.
  const std::atomic<bool>* stop = nullptr;
};

struct SweepOutcome {
  SweepInfo info;
  std::size_t shard_runs = 0;   // runs this call was responsible for
  std::size_t already = 0;      // of those, found in the journal
  std::size_t ran = 0;          // of those, run now
  bool tables = false;          // runs.csv and points.csv written
  bool stopped = false;         // options.stop was set: the journal holds what ran, no tables
  std::vector<std::string> skipped;   // corrupt journal records skipped (their runs were run again)
  std::vector<std::string> warnings;  // from the tables (TableFiles::warnings)
  double seconds = 0.0;
  // Of those seconds: spent journaling on the runs' threads (summed over threads; the batch
  // syncs run on the journal's own thread and count only in the final wait), and writing tables.
  double journal_seconds = 0.0;
  double tables_seconds = 0.0;
};

// Plans (throws SweepInvalid with the report) and runs.
SweepOutcome run_sweep(const SweepSpec& spec, const SweepOptions& options);
SweepOutcome run_plan(const SweepPlan& plan, const SweepOptions& options);
SweepPlan plan_or_throw(const SweepSpec& spec, const SweepOptions& options, PointCheck check = PointCheck::every);

// Under MPI, rank 0 calls run_plan with options.mpi (it manages, journals and writes the tables)
// and every other rank calls this: it runs what rank 0 hands out until told to stop.
void serve_as_mpi_worker(const SweepPlan& plan, const SweepOptions& options);

// Joins the journals of DIR into its tables; throws std::runtime_error naming what is missing.
TableFiles merge_sweep(const std::string& dir);

// Slurm's SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT as a shard, when both are set. The shard
// count is the one the sweep's folder `dir` was split into at its first start (the K of its
// journal-I-of-K.txt files) when it holds shard journals: a failed task rerun alone
// (`sbatch --array=3`) has SLURM_ARRAY_TASK_COUNT=1, the size of the rerun, not of the split.
// Only a folder without shard journals takes the count from the environment.
std::optional<Shard> shard_from_environment(const std::filesystem::path& dir);
// The K of the shard journals in DIR (journal-I-of-K.txt, K > 1); nullopt when there are none;
// throws SweepInvalid when they disagree.
std::optional<std::size_t> shard_count_in(const std::filesystem::path& dir);
// "I/K" with 0 <= I < K; throws SweepInvalid otherwise.
Shard parse_shard(const std::string& text);

}  // namespace gcmsim::experiments
