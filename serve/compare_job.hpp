#pragma once
// The studio's compare as a job: a request names a shipped base, optionally a shipped what-if,
// knob changes (knobs.hpp) and R; the job runs R replication pairs on the worker pool through the
// same experiments::PairedCompare as `gcmsim compare`, so its table is compare.csv's, byte for byte.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "serve/catalog.hpp"
#include "serve/jobs.hpp"
#include "serve/limits.hpp"
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

// The `gcmsim compare ...` command line that asks the same question (the form shows it as it
// changes); checks the knobs as start_compare does, without preparing the what-if.
std::string compare_command_line(const CompareRequest& request, Catalog& catalog, const Limits& limits);

// Prepares both sides (cached), creates the job and queues its pairs; returns the job. Refusals:
// 400 (knobs), 422 (the scenario the knobs make is invalid: the loader's report), 429/503 (limits).
std::shared_ptr<Job> start_compare(const CompareRequest& request, const std::string& client, Catalog& catalog,
                                   JobRegistry& jobs, WorkerPool& pool, const Limits& limits);

}  // namespace gcmsim::serve
