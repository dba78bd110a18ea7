#pragma once
// The terminal summary: what a planner reads in ten seconds after a run. Its figures come from the
// same place as the per-run metrics (models/run/participation.hpp), so the two never define a
// metric differently; key_activities() picks the milestones both show.
#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar.hpp"
#include "models/plan.hpp"
#include "models/run/participation.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::output {

// A milestone of the process and the activity that marks it.
struct KeyActivity {
  std::string label;  // "first thematic session"
  std::size_t activity = 0;
};

// First and last thematic session, stocktaking, chair's summary, zero draft, first and last
// negotiation round, the conference's modalities (OP13), conference: found by kind ("first"/"last" by planned start), in that order;
// kinds the scenario lacks are skipped, and a kind with one activity gets one row without
// "first"/"last".
std::vector<KeyActivity> key_activities(const model::Scenario& scenario, const model::Plan& plan);

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
