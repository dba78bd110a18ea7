#include "engine/parallel.hpp"
#include "experiments/executors.hpp"

namespace gcmsim::experiments {

void run_on_threads(const std::vector<std::size_t>& runs, unsigned threads, const RunFunction& run, const RunSink& sink) {
  parallel_for(runs.size(), threads == 0 ? default_threads() : threads, [&](std::size_t i) { sink(runs[i], run(runs[i])); });
}

}  // namespace gcmsim::experiments
