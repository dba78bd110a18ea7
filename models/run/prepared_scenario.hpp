#pragma once
// A scenario ready to run: loaded, checked and set up once (calendar, plan, metric catalogue),
// immutable, shared read-only by any number of threads, MPI ranks or Python calls. A design point
// of a sweep, or the what-if of a comparison, is derived from it in memory with with(): the base
// files are never read again.
#include <memory>
#include <string>
#include <vector>

#include "models/loader/loader.hpp"
#include "models/run/run_metrics.hpp"
#include "models/setup/scenario_setup.hpp"

namespace gcmsim::sim {

// Where a prepared scenario came from, as a manifest records it.
struct ScenarioSource {
  std::string path;
  std::vector<std::string> overrides;
  std::vector<std::string> sets;
};

class PreparedScenario;

// The outcome of preparing: a scenario, or the located diagnostics of everything wrong with it.
struct Preparation {
  std::shared_ptr<const PreparedScenario> scenario;  // null when there are diagnostics
  loader::Diagnostics diagnostics;
  loader::SourceFiles files;

  bool ok() const { return scenario != nullptr; }
  // Every diagnostic as "file:line:col: error: ..." with the source line and a caret.
  std::string error_report() const { return diagnostics.format(files); }
};

// Loads FILE with its overrides and sets (in that order) and prepares it.
Preparation prepare(const ScenarioSource& source, const loader::ReadLimits& limits = {});

class PreparedScenario {
 public:
  // Use prepare() or with(); public for std::make_shared.
  PreparedScenario(loader::LoadResult loaded, std::string path);

  // This scenario with more overrides and sets on top, prepared anew from the merged document in
  // memory. Equal to prepare() with the combined lists.
  Preparation with(const std::vector<std::string>& overrides, const std::vector<std::string>& sets) const;
  // with() for a design point that is only run, never extended: the result keeps what running and
  // writing outputs need (setup, catalogue, run defaults, hash, source) but not the merged document,
  // its origins and the files' text, most of a prepared scenario's memory, so that a sweep can keep
  // every point prepared. Calling with() on it throws std::logic_error.
  Preparation point(const std::vector<std::string>& sets) const;
  bool extendable() const { return !loaded_.document.value.is_null(); }
  // The merged document (null for a point()): where a client reads the value a key has now.
  const nlohmann::json& document() const { return loaded_.document.value; }

  const model::ScenarioSetup& setup() const { return setup_; }
  const model::Scenario& scenario() const { return setup_.scenario(); }
  const Calendar& calendar() const { return setup_.calendar(); }
  const model::Plan& plan() const { return setup_.plan(); }
  const MetricCatalog& metric_catalog() const { return catalog_; }

  // The scenario file's run section: defaults for RunSpec's seed and the replication count.
  const loader::RunDefaults& defaults() const { return loaded_.defaults; }
  // FNV-1a over the overrides, sets and the merged document (16 hex digits).
  const std::string& content_hash() const { return loaded_.content_hash; }
  ScenarioSource source() const { return {path_, loaded_.overrides, loaded_.sets}; }

 private:
  loader::LoadResult loaded_;  // the merged document, kept so that with() need not read files again
  std::string path_;
  model::ScenarioSetup setup_;
  MetricCatalog catalog_;
};

}  // namespace gcmsim::sim
