#pragma once
// A run of R replications of one plan as a job (POST /api/run): the request a compare takes
// (compare_job.hpp), whose plan is the base with the shipped what-if, the upload and the knob
// changes applied. The replications go to the worker pool one by one, through the same
// sim::simulate, sim::metrics and output::ReplicationSummary as `gcmsim run -r R`: the result is the
// summary that command prints and its summary.csv, byte for byte, and the job's run folder
// (folder.zip) holds the files it writes.
#include <memory>
#include <string>

#include "serve/common/catalog.hpp"
#include "serve/common/jobs.hpp"
#include "serve/common/limits.hpp"
#include "serve/compare_job.hpp"
#include "serve/worker_pool.hpp"

namespace gcmsim::serve {

// Prepares the plan (cached), creates the job and queues its replications. Refusals as
// start_compare's: 400 (knobs), 422 (the loader's report), 429/503 (limits).
std::shared_ptr<Job> start_run(const CompareRequest& request, const std::string& client, Catalog& catalog,
                               JobRegistry& jobs, WorkerPool& pool, const Limits& limits);

}  // namespace gcmsim::serve
