#include "output/run_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"
#include "output/decision_log.hpp"
#include "output/negotiation_outputs.hpp"
#include "output/participation_csv.hpp"
#include "output/states_csv.hpp"
#include "output/timeline_csv.hpp"
#include "output/trust_fund_csv.hpp"

namespace gcmsim::output {

std::vector<RunFile> run_files(const model::Scenario& scenario, const model::Plan& plan, const model::RunResults& results,
                               const Calendar& calendar, const ManifestInfo& manifest, const loader::OutputSwitches& which) {
  const auto dump = [](const nlohmann::ordered_json& j) {
    // Replacing invalid UTF-8 (a path in a legacy encoding) beats failing after the run has finished.
    return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
  };
  const bool negotiating = results.negotiation.has_value();
  std::vector<RunFile> files;
  // The states' names and groups, once: every per-state table is keyed by iso3 alone.
  files.push_back({"states.csv", states_csv(scenario)});
  if (which.timeline) files.push_back({"timeline.csv", timeline_csv(scenario, plan, results, calendar)});
  if (which.participation) {
    files.push_back({"participation.csv", participation_csv(scenario, results, calendar)});
    files.push_back({"stakeholders.csv", stakeholders_csv(scenario, results, calendar)});
    files.push_back({"trust_fund.csv", trust_fund_csv(scenario, results, calendar)});
  }
  if (which.attendance) files.push_back({"attendance.csv", attendance_csv(scenario, results, calendar)});
  if (negotiating && which.dynamics) files.push_back({"dynamics.csv", dynamics_csv(scenario, *results.negotiation, calendar)});
  if (negotiating && which.positions != loader::Snapshots::none) {
    files.push_back({"positions.csv", positions_csv(scenario, *results.negotiation, calendar, which.positions)});
    files.push_back({"acceptance.csv", acceptance_csv(scenario, *results.negotiation, calendar, which.positions)});
  }
  // Only a run with played seats has decisions to show: the model's own runs write no empty file.
  if (negotiating && !results.negotiation->decisions.empty())
    files.push_back({"decisions.csv", decisions_csv(scenario, *results.negotiation, calendar)});
  if (negotiating && which.outcome) {
    files.push_back({"outcome.json", dump(outcome_json(scenario, results, calendar))});
    files.push_back({"votes.csv", votes_csv(scenario, results, calendar)});
  }
  files.push_back({"manifest.json", dump(manifest_json(manifest))});
  return files;
}

std::vector<RunFile> run_files(const sim::PreparedScenario& prepared, const model::RunResults& results,
                               const ManifestInfo& manifest) {
  return run_files(prepared.scenario(), prepared.plan(), results, prepared.calendar(), manifest,
                   prepared.defaults().outputs);
}

void write_run(const std::filesystem::path& dir, const model::Scenario& scenario, const model::Plan& plan,
               const model::RunResults& results, const Calendar& calendar, const ManifestInfo& manifest,
               const loader::OutputSwitches& which, Durability durability) {
  // Everything is formatted before anything is written: a formatting error leaves the folder as it was.
  const std::vector<RunFile> files = run_files(scenario, plan, results, calendar, manifest, which);
  for (std::size_t i = 0; i + 1 < files.size(); ++i) {
    write_file_atomically(dir / files[i].name, files[i].text, Durability::deferred);
  }
  if (durability == Durability::synced) sync_file_system(dir);
  write_file_atomically(dir / files.back().name, files.back().text, durability);  // manifest.json, last
}

ManifestInfo manifest_info(const sim::PreparedScenario& prepared, const model::RunResults& results, int replications,
                           double wall_seconds) {
  const sim::ScenarioSource source = prepared.source();
  ManifestInfo info;
  info.scenario_path = source.path;
  info.content_hash = prepared.content_hash();
  info.overrides = source.overrides;
  info.sets = source.sets;
  info.seed = results.seed;
  info.replication = results.replication;
  info.replications = replications;
  info.version = sim::version();
  info.events = results.events;
  info.fingerprint = results.fingerprint;
  info.wall_seconds = wall_seconds;
  return info;
}

void write_run(const std::filesystem::path& dir, const sim::PreparedScenario& prepared,
               const model::RunResults& results, const ManifestInfo& manifest, Durability durability) {
  write_run(dir, prepared.scenario(), prepared.plan(), results, prepared.calendar(), manifest, prepared.defaults().outputs,
            durability);
}

std::string describe_source(const sim::ScenarioSource& source) {
  std::vector<std::string> parts;
  for (const std::string& o : source.overrides) parts.push_back("--override " + o);
  for (const std::string& s : source.sets) {
    if (s.rfind("shift ", 0) == 0 || s.rfind("scale ", 0) == 0) {
      parts.push_back("--" + s.substr(0, 5) + " " + s.substr(6));
    } else {
      parts.push_back("--set " + s);
    }
  }
  if (parts.empty()) return source.path;
  return fmt::format("{} + {}", source.path, fmt::join(parts, " "));
}

}  // namespace gcmsim::output
