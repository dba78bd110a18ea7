#pragma once
// Loading a scenario: read the YAML file and its includes, merge --override files and --set options
// on top, check the result against the schema and the rules of the documents, and build the
// model's Scenario. Every problem is reported in one pass, located in the text that caused it.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/loader/diagnostics.hpp"
#include "models/loader/document.hpp"
#include "models/scenario.hpp"

namespace gcmsim::loader {

// Starts the message of an exception caught by load_scenario's safety net: never expected, always a
// defect (the fuzz targets fail on it).
inline constexpr std::string_view kInternalErrorPrefix = "internal error: ";

struct LoadRequest {
  std::string path;                    // the scenario file
  std::vector<std::string> overrides;  // partial scenarios merged on top, in order
  std::vector<std::string> sets;       // "path.to.key=value", applied last, in order
  ReadLimits limits;
};

// What the scenario file's `run` section proposes: defaults for the run control a client may
// override (`--seed`, `-r`). Not part of the model's Scenario.
// The scenario file's `outputs` section: which of a run's files to write, and where. Run control,
// like the seed: the model never sees it; the CLI and output/run_writer use it.
// How often positions.csv and acceptance.csv record every state: never; at the zero draft and the
// end of every round and OP29 consultation (the default: what a planner reads); or also at the end
// of every sitting day (for a convergence plot, ten times the rows).
enum class Snapshots { none, rounds, daily };

// positions.csv's key columns: each dimension has a column of its id beside them, so the loader
// refuses a dimension with one of these ids.
inline constexpr std::array<std::string_view, 4> kPositionsKeyColumns = {"round", "day", "time", "iso3"};

struct OutputSwitches {
  std::string directory;  // empty: the CLI's default folder
  bool timeline = true;
  bool participation = true;
  // attendance.csv, a row per meeting and member state (0.3 MB for the baseline): on request;
  // participation.csv counts the same per group by default.
  bool attendance = false;
  bool dynamics = true;   // dynamics.csv, positions.csv and outcome.json exist only when negotiating
  Snapshots positions = Snapshots::rounds;
  bool outcome = true;
};

struct RunDefaults {
  std::uint64_t seed = 1;
  int replications = 1;
  // Wall-clock seconds a delegation played by a person has to decide before the model decides for
  // it (the classroom, docs/serve.md). Run control, not model: nothing in a run reads it.
  int decision_seconds = 60;
  OutputSwitches outputs;
};

struct LoadResult {
  std::optional<model::Scenario> scenario;  // set only when there is no diagnostic
  RunDefaults defaults;
  Diagnostics diagnostics;
  SourceFiles files;
  Document document;              // the merged document
  std::string content_hash;       // FNV-1a over the overrides, sets and merged document, 16 hex digits
  std::vector<std::string> overrides;  // every override merged, in order
  std::vector<std::string> sets;       // every --set applied, in order

  bool ok() const { return scenario.has_value(); }
  std::string error_report() const { return diagnostics.format(files); }
};

LoadResult load_scenario(const LoadRequest& request);

// `base` (a successful load) with more overrides and sets on top, checked again, as if they had
// been given to load_scenario after base's own: a design point of a sweep or the what-if of a
// comparison. Reads the override files named but never base's files again.
LoadResult extend_scenario(const LoadResult& base, const std::vector<std::string>& overrides,
                           const std::vector<std::string>& sets, const ReadLimits& limits = {});

// Builds the Scenario from a merged document, reporting what the schema cannot check (unknown
// references, impossible dates, cycles, rules of resolution 71/280). Used by load_scenario.
std::optional<model::Scenario> build_scenario(const Document& doc, Diagnostics& diagnostics);

}  // namespace gcmsim::loader
