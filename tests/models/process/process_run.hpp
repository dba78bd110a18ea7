#pragma once
// One run of the process model on the baseline scenario (with overrides and --set assignments), and
// the lookups the process tests read it by: shared by process_model_test, fixed_dates_test and
// focal_point_test.

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include "../loader/load_helpers.hpp"
#include "models/plan.hpp"
#include "models/process/process_model.hpp"

namespace gcmsim::testing {

struct ProcessRun {
  model::Scenario scenario;
  Calendar calendar;
  model::Plan plan;
  model::RunResults results;

  const model::Activity& activity(std::string_view id) const { return scenario.activities.at(*scenario.find_activity(id)); }
  const model::ActivityRecord& record(std::string_view id) const { return results.activities.at(*scenario.find_activity(id)); }
  const model::MeetingRecord& meeting(std::string_view id) const {
    const auto i = *scenario.find_activity(id);
    return *std::find_if(results.meetings.begin(), results.meetings.end(), [&](const auto& m) { return m.activity == i; });
  }
  int sitting_days(std::string_view id) const {
    const auto& r = record(id);
    return calendar.working_days_between(calendar.date_of(r.start), calendar.date_of(r.end)) + 1;
  }
};

// The baseline with `overrides` applied in order, then `sets`; replication `replication` of its seed.
inline ProcessRun run_baseline_process(std::vector<std::string> overrides = {}, std::vector<std::string> sets = {},
                                       std::uint64_t replication = 0) {
  const auto loaded = load(scenario_file("gcm-2017-2018.yaml"), std::move(overrides), std::move(sets));
  if (!loaded.ok()) FAIL(loaded.error_report());
  ProcessRun run{*loaded.scenario, loaded.scenario->make_calendar(), {}, {}};
  run.plan = model::make_plan(run.scenario, run.calendar);
  run.results = model::run_process(model::ScenarioSetup(*loaded.scenario), loaded.defaults.seed, replication);
  return run;
}

}  // namespace gcmsim::testing
