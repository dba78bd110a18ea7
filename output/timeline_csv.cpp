#include "output/timeline_csv.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "output/csv.hpp"

namespace gcmsim::output {
namespace {

std::string started_after(const model::Scenario& scenario, const model::ActivityRecord& record) {
  if (!record.started) return {};
  if (record.cause.planned) return "planned";
  // The scenario's key for the Secretary-General of the Conference, whose appointment it waited for (OP10).
  if (record.cause.waited_for_appointment) return "conference_secretary_general";
  // Neither its date nor a prerequisite: the model did not say, and guessing would mislead.
  if (!record.cause.waited_for) return {};
  const std::size_t waited = *record.cause.waited_for;
  if (waited >= scenario.activities.size()) {
    throw std::invalid_argument(fmt::format("start cause names activity #{}, but the scenario has {}",
                                            waited, scenario.activities.size()));
  }
  return scenario.activities[waited].id;
}

}  // namespace

std::string timeline_csv(const model::Scenario& scenario, const model::Plan& plan,
                         const model::RunResults& results, const Calendar& calendar) {
  const std::size_t n = scenario.activities.size();
  if (plan.activities.size() != n || results.activities.size() != n) {
    throw std::invalid_argument(fmt::format(
        "timeline: the scenario has {} activities, the plan {} and the results {}; expected one each",
        n, plan.activities.size(), results.activities.size()));
  }
  CsvTable table({"id", "kind", "phase", "venue", "planned_start", "planned_end", "simulated_start",
                  "simulated_end", "slip_days", "on_critical_path", "started_after"});
  for (std::size_t i = 0; i < n; ++i) {
    const model::Activity& a = scenario.activities[i];
    const model::PlannedActivity& p = plan.activities[i];
    const model::ActivityRecord& r = results.activities[i];
    table.add_row({a.id, std::string(model::to_string(a.kind)), std::string(model::to_string(a.phase)),
                   a.venue ? scenario.venues.at(*a.venue).id : std::string(), iso_date(p.start),
                   iso_date(p.end), r.started ? iso_datetime(calendar, r.start) : std::string(),
                   r.finished ? iso_datetime(calendar, r.end) : std::string(),
                   r.finished ? fmt::format("{}", slip_days(p, r, calendar)) : std::string(),
                   p.on_critical_path ? "true" : "false", started_after(scenario, r)});
  }
  return std::move(table).str();
}

}  // namespace gcmsim::output
