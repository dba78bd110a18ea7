#include "models/run/simulate.hpp"

#include "gcmsim/version.hpp"

namespace gcmsim::sim {

RunSpec default_spec(const PreparedScenario& prepared, std::uint64_t replication) {
  RunSpec spec;
  spec.seed = prepared.defaults().seed;
  spec.replication = replication;
  return spec;
}

model::RunResults simulate(const PreparedScenario& prepared, const RunSpec& spec) {
  return model::run_process(prepared.setup(), spec.seed, spec.replication, spec.observer, spec.listener, spec.seats);
}

RunMetrics metrics(const PreparedScenario& prepared, const model::RunResults& results) {
  return measure(prepared.setup(), results);
}

const char* version() { return kVersion; }

}  // namespace gcmsim::sim
