#pragma once
// Executors map "run r" over a list of run indices and hand each result to a sink; they know
// nothing of designs, points or metrics (the run function does). Local: a pool of threads. MPI:
// a manager (rank 0) handing out runs one at a time to worker ranks as they finish (dynamic load
// balancing), and calling the sink on rank 0 only. Slurm array tasks need no executor of their
// own: a task is a local run of one shard (journal.hpp's Shard).
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace gcmsim::experiments {

using RunValues = std::vector<std::optional<double>>;
using RunFunction = std::function<RunValues(std::size_t run)>;
// Called once per finished run, from whichever thread ran it; must be thread-safe.
using RunSink = std::function<void(std::size_t run, RunValues values)>;

// Runs are taken in the order given (the caller gives them in interleaved order).
void run_on_threads(const std::vector<std::size_t>& runs, unsigned threads, const RunFunction& run, const RunSink& sink);

// MPI (only when gcmsim is built with it; see mpi_built()).
bool mpi_built();
// True when this process was started by mpirun/srun with more than one rank.
bool launched_by_mpi();

class MpiSession {
 public:
  MpiSession();   // MPI_Init
  ~MpiSession();  // MPI_Finalize
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  // Ends every rank with `code` (an error on one rank must not leave the others waiting).
  [[noreturn]] static void abort(int code);

 private:
  int rank_ = 0;
  int size_ = 1;
};

// Rank 0: hands out `runs` to the workers, gives each result (of `metrics` values) to the sink.
void mpi_manager(const std::vector<std::size_t>& runs, std::size_t metrics, const RunSink& sink);
// Ranks > 0: runs what the manager sends until told to stop.
void mpi_worker(std::size_t metrics, const RunFunction& run);

}  // namespace gcmsim::experiments
