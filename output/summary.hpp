#pragma once
// The terminal summary: what a planner reads in ten seconds after a run. Also the headline metrics
// it shows (key activities, per-group attendance and speaking), which replications.cpp aggregates
// across runs so that the two never define a metric differently.
#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar.hpp"
#include "models/plan.hpp"
#include "models/process/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

// A milestone of the process and the activity that marks it.
struct KeyActivity {
  std::string label;  // "first thematic session"
  std::size_t activity = 0;
};

// First and last thematic session, stocktaking, chair's summary, zero draft, first and last
// negotiation round, conference: found by kind ("first"/"last" by planned start), in that order;
// kinds the scenario lacks are skipped, and a kind with one activity gets one row without
// "first"/"last".
std::vector<KeyActivity> key_activities(const model::Scenario& scenario, const model::Plan& plan);

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// One regional group over all meetings of a run.
struct GroupMetrics {
  int members = 0;
  // Mean over meetings of the share of the group's states present, 0-1; NaN without members or
  // meetings.
  double attendance_share = kNoValue;
  double speaking_minutes = 0.0;
  // The group's share of all speaking minutes, 0-1; NaN when nobody spoke.
  double speaking_share = kNoValue;
  // The group's share of the member states, 0-1: what speaking_share is compared with.
  double membership_share = kNoValue;
  int unserved_requests = 0;
};

struct RunMetrics {
  std::array<GroupMetrics, model::kRegionalGroups> groups;  // by RegionalGroup
  int unserved_requests = 0;
  double speaking_minutes = 0.0;
};

RunMetrics run_metrics(const model::Scenario& scenario, const model::RunResults& results);

// The name a UN reader knows a regional group by: "African", "Asia-Pacific", "Eastern European",
// "GRULAC", "WEOG". Files use model::to_string's identifiers instead.
std::string_view group_label(model::RegionalGroup group);

// Rows as text with every column padded to its widest cell (right-aligned where `right` says),
// two spaces between columns, each line prefixed by `indent`, no trailing spaces, "\n" line ends.
std::string aligned_columns(const std::vector<std::vector<std::string>>& rows,
                            const std::vector<bool>& right, std::string_view indent);

// Plain text, at most 60 lines of at most 80 columns (but for long names), columns aligned with spaces, "\n" line ends.
std::string terminal_summary(const model::Scenario& scenario, const model::Plan& plan,
                             const model::RunResults& results, const Calendar& calendar);

}  // namespace gcmsim::output
