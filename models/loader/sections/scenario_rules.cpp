// Rules over the whole scenario, checked once every section is built: no dependency cycle, the
// horizon, and OP16's limits on the thematic sessions.
#include "models/loader/sections/sections.hpp"

#include <set>

#include <fmt/core.h>
#include <fmt/format.h>

#include "engine/dependency_graph.hpp"

namespace gcmsim::loader::sections {
namespace {

// OP16: the informal thematic sessions last at most 12 working days in total and have 2 or 3
// expert panels each.
constexpr int kThematicSessionWorkingDayLimit = 12;
constexpr int kMinPanels = 2;
constexpr int kMaxPanels = 3;

void check_dependencies(BuildContext& ctx) {
  const auto& s = ctx.scenario;
  DependencyGraph graph;
  std::set<std::string> added;
  for (const auto& a : s.activities) {
    if (a.id.empty() || !added.insert(a.id).second) return;  // duplicates already reported
    graph.add_activity(a.id, a.days);
  }
  for (std::size_t i = 0; i < s.activities.size(); ++i) {
    const auto& a = s.activities[i];
    for (std::size_t need : a.needs) graph.add_need(i, need);
    if (a.due) graph.add_need(a.due->before, i);
  }
  if (auto cycle = graph.find_cycle()) {
    const std::size_t first = *s.find_activity(cycle->front());
    ctx.error(pointer_append(pointer_append("/activities", first), "id"),
          fmt::format("dependency cycle: {} (through needs and due)", fmt::join(*cycle, " -> ")),
          static_cast<int>(cycle->front().size()));
  }
}

void check_horizon(BuildContext& ctx) {
  const auto& s = ctx.scenario;
  std::int64_t total = 0;
  for (const auto& a : s.activities) total += a.days + (a.due ? a.due->working_days : 0);
  if (total > kHorizonWorkingDays) {
    ctx.error("/activities", fmt::format("the activities' days and lead times add up to {} working days; expected at most {} "
                                     "(a scenario's horizon is {} years)", total, kHorizonWorkingDays, kHorizonYears));
  }
}

void check_thematic_sessions(BuildContext& ctx) {
  const auto& s = ctx.scenario;
  std::int64_t total = 0;
  for (std::size_t i = 0; i < s.activities.size(); ++i) {
    const auto& a = s.activities[i];
    if (a.kind != model::ActivityKind::thematic_session) continue;
    const std::string p = pointer_append("/activities", i);
    total += a.days;
    if (total > kThematicSessionWorkingDayLimit) {
      ctx.error(pointer_append(p, "days"),
            fmt::format("thematic sessions up to '{}' last {} working days; OP16 allows at most {} in total", a.id,
                        total, kThematicSessionWorkingDayLimit));
    }
    if (a.format && s.formats.contains(*a.format)) {
      const int panels = s.formats.at(*a.format).panels();
      if (panels < kMinPanels || panels > kMaxPanels) {
        ctx.error(pointer_append(p, "format"),
              fmt::format("thematic session '{}' uses format '{}' with {} expert panel{}; OP16 requires 2 or 3", a.id,
                          *a.format, panels, panels == 1 ? "" : "s"));
      }
    }
  }
}

}  // namespace

void check_whole_scenario(BuildContext& ctx) {
  check_dependencies(ctx);
  check_horizon(ctx);
  check_thematic_sessions(ctx);
}

}  // namespace gcmsim::loader::sections
