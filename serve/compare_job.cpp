#include "serve/compare_job.hpp"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <fmt/core.h>

#include "experiments/paired_compare.hpp"
#include "serve/compare_charts.hpp"
#include "serve/knobs.hpp"
#include "serve/private_folder.hpp"

namespace gcmsim::serve {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Fewer pairs than this: the intervals exist but are wide and lean on normality; the studio warns.
constexpr int kFewPairs = 10;

// An uploaded override is handed to the loader as a file in a private folder (removed as soon as
// it is read): the loader's limits apply, and no name the client chose reaches the disk.
class PrivateOverride {
 public:
  explicit PrivateOverride(const std::string& text) : path_((folder_.path() / "uploaded-override.yaml").string()) {
    std::ofstream out(path_, std::ios::binary);
    out << text;
    if (!out) throw Refusal(500, "cannot write the uploaded override to a private temporary folder");
  }
  const std::string& path() const { return path_; }

 private:
  PrivateFolder folder_;
  std::string path_;
};

std::string fnv_hex(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", h);
}

}  // namespace

CompareRequest parse_compare_request(const json& body, const Catalog& catalog, const Limits& limits) {
  if (!body.is_object()) throw Refusal(400, "the request body must be a JSON object");
  static const char* known[] = {"scenario", "whatif", "override_yaml", "knobs", "replications", "seed"};
  for (const auto& [key, value] : body.items()) {
    if (std::find(std::begin(known), std::end(known), key) == std::end(known)) {
      throw Refusal(400, fmt::format("unknown field {} in the request; expected scenario, whatif, override_yaml, knobs, "
                                     "replications, seed",
                                     json(key).dump(-1, ' ', false, json::error_handler_t::replace)));
    }
  }
  CompareRequest r;
  const std::string base = body.value("scenario", std::string("gcm-2017-2018"));
  r.base = catalog.scenario(base);
  if (r.base == nullptr) {
    throw Refusal(404, fmt::format("no shipped scenario named {} (GET /api/scenarios lists them; paths are not accepted)",
                                   json(base).dump(-1, ' ', false, json::error_handler_t::replace)));
  }
  if (body.contains("whatif") && !body["whatif"].is_null()) {
    if (!body["whatif"].is_string()) throw Refusal(400, "\"whatif\" must be the name of a shipped what-if");
    r.whatif = catalog.whatif(body["whatif"].get<std::string>());
    if (r.whatif == nullptr) {
      throw Refusal(404, fmt::format("no shipped what-if named {} (GET /api/scenarios lists them; paths are not accepted)",
                                     body["whatif"].dump(-1, ' ', false, json::error_handler_t::replace)));
    }
  }
  if (body.contains("override_yaml") && !body["override_yaml"].is_null()) {
    if (!body["override_yaml"].is_string()) throw Refusal(400, "\"override_yaml\" must be the text of an override");
    r.uploaded_override = body["override_yaml"].get<std::string>();
    if (r.uploaded_override.size() > limits.max_override_bytes) {
      throw Refusal(413, fmt::format("the uploaded override has {} bytes; at most {}", r.uploaded_override.size(),
                                     limits.max_override_bytes));
    }
  }
  r.knobs = body.value("knobs", json::array());
  if (body.contains("replications")) {
    const json& reps = body["replications"];
    if (!reps.is_number_integer() || reps.get<long long>() < 1 || reps.get<long long>() > limits.max_replications) {
      throw Refusal(400, fmt::format("\"replications\" must be a whole number from 1 to {}, not {}", limits.max_replications,
                                     reps.dump()));
    }
    r.replications = reps.get<int>();
  }
  if (body.contains("seed")) {
    if (!body["seed"].is_number_unsigned()) throw Refusal(400, "\"seed\" must be a whole number from 0 to 2^64-1");
    r.seed = body["seed"].get<std::uint64_t>();
    r.seed_given = true;
  }
  return r;
}

std::string command_line(const std::string& verb, const CompareRequest& request, const Catalog& catalog,
                         const KnobOperations& ops, std::uint64_t seed) {
  std::vector<std::string> command = {"gcmsim", verb, catalog.shown(*request.base)};
  if (request.whatif) command.insert(command.end(), {"--override", catalog.shown(*request.whatif)});
  if (!request.uploaded_override.empty()) command.insert(command.end(), {"--override", "uploaded-override.yaml"});
  command.insert(command.end(), ops.arguments.begin(), ops.arguments.end());
  command.insert(command.end(), {"-r", std::to_string(request.replications), "--seed", std::to_string(seed)});
  std::string line;
  for (const std::string& word : command) line += fmt::format("{}{}", line.empty() ? "" : " ", shell_quote(word));
  return line;
}

std::string command_line(const std::string& verb, const CompareRequest& request, Catalog& catalog, const Limits& limits) {
  // An upload is read by the loader here already: its located errors show as soon as it is chosen.
  if (!request.uploaded_override.empty()) {
    const PreparedQuestion q = prepare_question(request, catalog, limits);
    return command_line(verb, request, catalog, q.ops, q.seed);
  }
  const auto base = catalog.base(*request.base);
  const KnobOperations ops = knob_operations(*base, request.knobs, limits);
  return command_line(verb, request, catalog, ops, request.seed_given ? request.seed : base->defaults().seed);
}

PreparedQuestion prepare_question(const CompareRequest& request, Catalog& catalog, const Limits& limits) {
  PreparedQuestion q;
  q.base = catalog.base(*request.base);
  q.ops = knob_operations(*q.base, request.knobs, limits);
  q.seed = request.seed_given ? request.seed : q.base->defaults().seed;
  const auto& base = q.base;
  const auto& ops = q.ops;
  std::vector<std::string> overrides;
  std::string key;
  if (request.whatif) {
    overrides.push_back(request.whatif->path);
    key += fmt::format("o:{};", request.whatif->name);
  }
  std::unique_ptr<PrivateOverride> uploaded;
  if (!request.uploaded_override.empty()) {
    uploaded = std::make_unique<PrivateOverride>(request.uploaded_override);
    overrides.push_back(uploaded->path());
    key += fmt::format("u:{};", fnv_hex(request.uploaded_override));
  }
  for (const std::string& op : ops.operations) key += fmt::format("s:{};", op);
  if (overrides.empty() && ops.operations.empty()) {
    q.whatif = base;  // the request changes nothing: the base itself
    return q;
  }
  try {
    q.whatif = catalog.derived(base, overrides, ops.operations, key);
  } catch (const Refusal& refusal) {
    // The private folder's name means nothing to the client: name the upload as it knows it.
    std::string report = refusal.what();
    if (uploaded) {
      for (std::size_t at = report.find(uploaded->path()); at != std::string::npos; at = report.find(uploaded->path())) {
        report.replace(at, uploaded->path().size(), "uploaded-override.yaml");
      }
    }
    throw Refusal(refusal.status, report);
  }
  return q;
}

std::shared_ptr<Job> start_compare(const CompareRequest& request, const std::string& client, Catalog& catalog,
                                   JobRegistry& jobs, WorkerPool& pool, const Limits& limits) {
  const PreparedQuestion q = prepare_question(request, catalog, limits);
  const auto& base = q.base;
  const auto& whatif = q.whatif;
  const std::uint64_t seed = q.seed;
  const std::string line = command_line("compare", request, catalog, q.ops, seed);

  const auto n = static_cast<std::size_t>(request.replications);
  std::shared_ptr<Job> job = jobs.create(client, "compare", n);
  auto charts = std::make_shared<CompareCharts>(*base, *whatif, n);
  auto compare = std::make_shared<experiments::PairedCompare>(
      base, whatif, seed, n,
      [charts](std::size_t r, const model::RunResults& b, const model::RunResults& w) { charts->add(r, b, w); });
  auto remaining = std::make_shared<std::atomic<std::size_t>>(n);
  auto failed = std::make_shared<std::atomic<bool>>(false);

  const auto finish = [job, charts, compare, line, whatif_name = request.whatif ? request.whatif->name : std::string()]() {
    json result = charts->json(*compare);
    const output::PairedComparison& c = compare->comparison();
    const auto base_epoch = compare->base().calendar().epoch();
    const auto whatif_epoch = compare->whatif().calendar().epoch();
    result["table"] = c.rows(base_epoch, whatif_epoch);
    result["csv"] = c.csv(base_epoch, whatif_epoch);
    result["command"] = line;
    result["seed"] = compare->seed();
    result["replications"] = compare->replications();
    result["pairs"] = c.pairs();
    result["base"] = {{"name", compare->base().scenario().name}, {"content_hash", compare->base().content_hash()}};
    result["whatif"] = {{"name", compare->whatif().scenario().name}, {"content_hash", compare->whatif().content_hash()},
                        {"shipped", whatif_name}};
    result["version"] = sim::version();
    json warnings = json::array();
    if (c.pairs() < 2) {
      warnings.push_back("With one replication there is no interval: nothing can be said to have moved. Run 20 or more.");
    } else if (c.pairs() < static_cast<std::size_t>(kFewPairs)) {
      warnings.push_back(fmt::format("Only {} replications: the intervals are wide and rely on the differences being "
                                     "roughly normal. Run 20 or more before concluding.",
                                     c.pairs()));
    }
    result["warnings"] = std::move(warnings);
    job->finish(std::move(result));
  };
  // The CLI's compare writes compare.csv alone.
  job->set_folder("results-compare", [](const Job& done, const Job::FilePut& put) {
    put("compare.csv", (*done.result())["csv"].get<std::string>());
  });
  for (std::size_t r = 0; r < n; ++r) {
    pool.submit([job, compare, remaining, failed, finish, r] {
      try {
        if (!job->cancel_requested() && !*failed) {
          compare->run_pair(r);
          job->step_done();
        }
      } catch (const std::exception& e) {
        if (!failed->exchange(true)) job->fail(fmt::format("replication {} failed: {}", r, e.what()));
      }
      if (--*remaining == 0 && !*failed) {
        if (job->cancel_requested() && !compare->complete()) {
          job->cancelled();
        } else {
          try {
            finish();
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
