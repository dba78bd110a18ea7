// The MPI manager/worker, built when CMake finds MPI (GCMSIM_HAVE_MPI). A worker's message to the
// manager is the result of its last run (its index then the values, NaN for "no value"), or, the
// first time, an index of -1; the manager answers with the next run's index, or -1 to stop.
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>

#include "experiments/executors.hpp"

#ifdef GCMSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace gcmsim::experiments {

bool launched_by_mpi() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE"}) {
    if (const char* v = std::getenv(var); v != nullptr && std::atoi(v) > 1) return true;
  }
  return false;
}

#ifdef GCMSIM_HAVE_MPI

namespace {
constexpr int kWorkTag = 1;
constexpr int kResultTag = 2;
}  // namespace

bool mpi_built() { return true; }

MpiSession::MpiSession() {
  MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void MpiSession::abort(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

void mpi_manager(const std::vector<std::size_t>& runs, std::size_t metrics, const RunSink& sink) {
  int size = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (size < 2) throw std::runtime_error("an MPI sweep needs at least 2 ranks (a manager and a worker)");
  std::vector<double> message;
  std::size_t next = 0;
  int active = size - 1;
  while (active > 0) {
    // A result's length varies with the run's series (run_series.hpp): probed before it is received.
    MPI_Status status;
    MPI_Probe(MPI_ANY_SOURCE, kResultTag, MPI_COMM_WORLD, &status);
    int length = 0;
    MPI_Get_count(&status, MPI_DOUBLE, &length);
    message.resize(static_cast<std::size_t>(length));
    MPI_Recv(message.data(), length, MPI_DOUBLE, status.MPI_SOURCE, kResultTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (message[0] >= 0) {
      RunValues values(message.size() - 1);
      for (std::size_t i = 0; i + 1 < message.size(); ++i) {
        if (i >= metrics || !std::isnan(message[i + 1])) values[i] = message[i + 1];  // series values are always there
      }
      sink(static_cast<std::size_t>(message[0]), std::move(values));
    }
    long long work = -1;
    if (next < runs.size()) {
      work = static_cast<long long>(runs[next++]);
    } else {
      --active;
    }
    MPI_Send(&work, 1, MPI_LONG_LONG, status.MPI_SOURCE, kWorkTag, MPI_COMM_WORLD);
  }
}

void mpi_worker(std::size_t metrics, const RunFunction& run) {
  std::vector<double> message(metrics + 1, std::numeric_limits<double>::quiet_NaN());
  message[0] = -1;
  for (;;) {
    MPI_Send(message.data(), static_cast<int>(message.size()), MPI_DOUBLE, 0, kResultTag, MPI_COMM_WORLD);
    long long work = -1;
    MPI_Recv(&work, 1, MPI_LONG_LONG, 0, kWorkTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (work < 0) return;
    const RunValues values = run(static_cast<std::size_t>(work));
    message.assign(values.size() + 1, 0.0);
    message[0] = static_cast<double>(work);
    for (std::size_t i = 0; i < values.size(); ++i) message[i + 1] = values[i] ? *values[i] : std::numeric_limits<double>::quiet_NaN();
  }
}

#else

bool mpi_built() { return false; }
MpiSession::MpiSession() { throw std::runtime_error("this gcmsim was built without MPI (install libopenmpi-dev and rebuild)"); }
MpiSession::~MpiSession() = default;
void MpiSession::abort(int code) { std::exit(code); }
void mpi_manager(const std::vector<std::size_t>&, std::size_t, const RunSink&) { throw std::runtime_error("built without MPI"); }
void mpi_worker(std::size_t, const RunFunction&) { throw std::runtime_error("built without MPI"); }

#endif

}  // namespace gcmsim::experiments
