#pragma once
// The studio's compare as a job (and the request a run of R replications takes too, run_job.hpp): a request names a shipped base, optionally a shipped what-if,
// knob changes (knobs.hpp) and R; the job runs R replication pairs on the worker pool through the
// same experiments::PairedCompare as `gcmsim compare`, so its table is compare.csv's, byte for byte.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "serve/common/catalog.hpp"
#include "serve/common/jobs.hpp"
#include "serve/common/limits.hpp"
#include "serve/knobs.hpp"
#include "serve/worker_pool.hpp"

namespace gcmsim::serve {

struct CompareRequest {
  const ShippedFile* base = nullptr;
  const ShippedFile* whatif = nullptr;  // optional shipped override
  std::string uploaded_override;        // optional override YAML sent by the client (in memory)
  nlohmann::json knobs;
  int replications = 20;
  std::uint64_t seed = 0;
  bool seed_given = false;
};

// Checks a request body (already parsed); a Refusal(400) names what is wrong.
CompareRequest parse_compare_request(const nlohmann::json& body, const Catalog& catalog, const Limits& limits);

// The `gcmsim VERB ...` command line (VERB: compare or run) that asks the same question (the form
// shows it as it changes); checks the knobs as start_compare does, and prepares the what-if only
// when it has an upload (whose loader errors are then a 422 at once).
std::string command_line(const std::string& verb, const CompareRequest& request, Catalog& catalog, const Limits& limits);
std::string command_line(const std::string& verb, const CompareRequest& request, const Catalog& catalog,
                         const KnobOperations& ops, std::uint64_t seed);

// A request's scenarios, prepared (and cached): the base, and the base with the shipped what-if,
// the upload and the knob changes applied (the base itself when the request changes nothing).
// Refusals: 400 (knobs), 422 (the loader's located report; an upload named uploaded-override.yaml).
struct PreparedQuestion {
  std::shared_ptr<const sim::PreparedScenario> base;
  std::shared_ptr<const sim::PreparedScenario> whatif;
  KnobOperations ops;
  std::uint64_t seed = 0;  // the request's, else the base's run.seed
};
PreparedQuestion prepare_question(const CompareRequest& request, Catalog& catalog, const Limits& limits);

// Prepares both sides (cached), creates the job and queues its pairs; returns the job. Refusals:
// 400 (knobs), 422 (the scenario the knobs make is invalid: the loader's report), 429/503 (limits).
std::shared_ptr<Job> start_compare(const CompareRequest& request, const std::string& client, Catalog& catalog,
                                   JobRegistry& jobs, WorkerPool& pool, const Limits& limits);

}  // namespace gcmsim::serve
