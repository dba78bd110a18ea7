#include "serve/run_job.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

#include <fmt/core.h>

#include "models/run/simulate.hpp"
#include "output/replications.hpp"
#include "output/run_folder.hpp"
#include "output/run_writer.hpp"
#include "output/summary.hpp"

namespace gcmsim::serve {
namespace {

using nlohmann::json;

// Fewer runs than this: the intervals exist but are wide and lean on normality; the studio warns.
constexpr std::size_t kFewRuns = 10;

// What the replications of one run leave behind for the result and the run folder.
struct RunState {
  std::shared_ptr<const sim::PreparedScenario> plan;
  std::uint64_t seed = 0;
  std::size_t replications = 0;
  std::atomic<std::size_t> remaining{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  // By replication: summed in replication order at the end (the same floating-point sums, and
  // summary.csv's bytes, whatever order the threads finish in). Dropped once summed.
  std::vector<std::optional<sim::RunMetrics>> metrics;
  std::vector<std::string> fingerprints;  // what the run folder's rerun is checked against
  std::string first_summary;              // replication 0's terminal summary, as `gcmsim run` prints it
};

json warnings_for(std::size_t runs) {
  json warnings = json::array();
  if (runs < 2) {
    warnings.push_back("With one replication there is no interval but for the yes/no metrics: one run is one draw, not "
                       "the plan's mean. Run 20 or more.");
  } else if (runs < kFewRuns) {
    warnings.push_back(fmt::format("Only {} replications: the intervals are wide and rely on the runs being roughly "
                                   "normal. Run 20 or more before concluding.",
                                   runs));
  }
  return warnings;
}

// `gcmsim run -r R`'s folder: with R = 1 the run's files at the top, else rep-NNNN/ per
// replication and summary.csv. The replications are simulated again (a run is a pure function of
// scenario, seed and replication), each checked against the fingerprint the job recorded.
void write_run_folder(const RunState& state, const Job& job, const Job::FilePut& put) {
  const sim::PreparedScenario& plan = *state.plan;
  const auto replications = static_cast<int>(state.replications);
  for (std::size_t r = 0; r < state.replications; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const model::RunResults results = sim::simulate(plan, {state.seed, r});
    if (results.fingerprint != state.fingerprints[r]) {
      throw std::runtime_error(fmt::format("replication {} ran again to fingerprint {}, not the job's {}", r,
                                           results.fingerprint, state.fingerprints[r]));
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::string folder = replications == 1 ? std::string() : output::replication_folder_name(r) + "/";
    for (const output::RunFile& file : output::run_files(plan, results, output::manifest_info(plan, results, replications, wall))) {
      put(folder + file.name, file.text);
    }
  }
  if (replications > 1) put("summary.csv", (*job.result())["csv"].get<std::string>());
}

json result_of(RunState& state, const std::string& command, const std::string& shipped) {
  const sim::PreparedScenario& plan = *state.plan;
  output::ReplicationSummary summary(plan.metric_catalog());
  for (const std::optional<sim::RunMetrics>& m : state.metrics) summary.add(*m);
  std::string terminal = state.first_summary;
  if (state.replications > 1) {
    terminal += '\n';  // as `gcmsim run` prints it (two appends: GCC 12 misreads "\n" + string as overlapping)
    terminal += summary.terminal(plan.setup());
  }
  json result = {{"kind", "run"},
                 {"table", summary.rows()},
                 {"csv", summary.csv()},
                 {"terminal", terminal},
                 {"command", command},
                 {"seed", state.seed},
                 {"replications", state.replications},
                 {"runs", summary.runs()},
                 {"scenario", {{"name", plan.scenario().name}, {"content_hash", plan.content_hash()}, {"shipped", shipped}}},
                 {"version", sim::version()},
                 {"fingerprints", state.fingerprints},
                 {"warnings", warnings_for(summary.runs())}};
  state.metrics.clear();
  state.metrics.shrink_to_fit();
  return result;
}

}  // namespace

std::shared_ptr<Job> start_run(const CompareRequest& request, const std::string& client, Catalog& catalog,
                               JobRegistry& jobs, WorkerPool& pool, const Limits& limits) {
  const PreparedQuestion q = prepare_question(request, catalog, limits);
  const std::string command = command_line("run", request, catalog, q.ops, q.seed);
  const auto n = static_cast<std::size_t>(request.replications);
  std::shared_ptr<Job> job = jobs.create(client, "run", n);

  auto state = std::make_shared<RunState>();
  state->plan = q.whatif;
  state->seed = q.seed;
  state->replications = n;
  state->remaining = n;
  state->metrics.resize(n);
  state->fingerprints.resize(n);
  const std::string& directory = q.whatif->defaults().outputs.directory;
  job->set_folder(directory.empty() ? std::string("results") : directory,
                  [state](const Job& done, const Job::FilePut& put) { write_run_folder(*state, done, put); });

  const std::string shipped = request.whatif ? request.whatif->name : std::string();
  for (std::size_t r = 0; r < n; ++r) {
    pool.submit([job, state, command, shipped, r] {
      try {
        if (!job->cancel_requested() && !state->failed) {
          const sim::PreparedScenario& plan = *state->plan;
          const model::RunResults results = sim::simulate(plan, {state->seed, r});
          sim::RunMetrics metrics = sim::metrics(plan, results);
          std::string first = r == 0 ? output::terminal_summary(plan.scenario(), plan.plan(), results, plan.calendar())
                                     : std::string();
          {
            const std::lock_guard lock(state->mutex);
            state->metrics[r] = std::move(metrics);
            state->fingerprints[r] = results.fingerprint;
            if (r == 0) state->first_summary = std::move(first);
          }
          job->step_done();
        }
      } catch (const std::exception& e) {
        if (!state->failed.exchange(true)) job->fail(fmt::format("replication {} failed: {}", r, e.what()));
      }
      if (--state->remaining == 0 && !state->failed) {
        const std::lock_guard lock(state->mutex);
        const bool complete = std::all_of(state->metrics.begin(), state->metrics.end(), [](const auto& m) { return m.has_value(); });
        if (!complete) {
          job->cancelled();
        } else {
          try {
            job->finish(result_of(*state, command, shipped));
          } catch (const std::exception& e) {
            job->fail(fmt::format("the result could not be assembled: {}", e.what()));
          }
        }
      }
    });
  }
  return job;
}

}  // namespace gcmsim::serve
