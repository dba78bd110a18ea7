#include "output/run_writer.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/run/simulate.hpp"
#include "output/atomic_file.hpp"
#include "output/negotiation_outputs.hpp"
#include "output/participation_csv.hpp"
#include "output/timeline_csv.hpp"

namespace gcmsim::output {

void write_run(const std::filesystem::path& dir, const model::Scenario& scenario, const model::Plan& plan,
               const model::RunResults& results, const Calendar& calendar, const ManifestInfo& manifest) {
  // Everything is formatted before anything is written: a formatting error leaves the folder as it was.
  const std::string timeline = timeline_csv(scenario, plan, results, calendar);
  const std::string participation = participation_csv(scenario, results, calendar);
  const std::string stakeholders = stakeholders_csv(scenario, results, calendar);
  const std::string attendance = attendance_csv(scenario, results, calendar);
  // Replacing invalid UTF-8 (a path in a legacy encoding) beats failing after the run has finished.
  const std::string json =
      manifest_json(manifest).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
  std::string dynamics;
  std::string positions;
  std::string acceptance;
  std::string votes;
  std::string outcome;
  if (results.negotiation) {
    dynamics = dynamics_csv(scenario, *results.negotiation, calendar);
    positions = positions_csv(scenario, *results.negotiation, calendar);
    acceptance = acceptance_csv(scenario, *results.negotiation, calendar);
    votes = votes_csv(scenario, results, calendar);
    outcome = outcome_json(scenario, results, calendar).dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + '\n';
  }
  write_file_atomically(dir / "timeline.csv", timeline);
  write_file_atomically(dir / "participation.csv", participation);
  write_file_atomically(dir / "stakeholders.csv", stakeholders);
  write_file_atomically(dir / "attendance.csv", attendance);
  if (results.negotiation) {
    write_file_atomically(dir / "dynamics.csv", dynamics);
    write_file_atomically(dir / "positions.csv", positions);
    write_file_atomically(dir / "acceptance.csv", acceptance);
    write_file_atomically(dir / "votes.csv", votes);
    write_file_atomically(dir / "outcome.json", outcome);
  }
  write_file_atomically(dir / "manifest.json", json);
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
               const model::RunResults& results, const ManifestInfo& manifest) {
  write_run(dir, prepared.scenario(), prepared.plan(), results, prepared.calendar(), manifest);
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
