#include "models/plan.hpp"

#include <algorithm>

namespace gcmsim::model {
namespace {

// Working-day index of a date: 0 for the first working day after the epoch's own day count.
std::int64_t day_index(const Calendar& cal, Date d) { return cal.working_days_between(cal.epoch(), d); }

Date last_day(const Calendar& cal, Date start, int days) {
  const Date first = cal.is_working_day(start) ? start : cal.add_working_days(start, 1);
  return days <= 1 ? first : cal.add_working_days(first, days - 1);
}

}  // namespace

std::vector<std::size_t> prerequisites(const Scenario& s, std::size_t activity) {
  std::vector<std::size_t> out = s.activities[activity].needs;
  for (std::size_t i = 0; i < s.activities.size(); ++i) {
    const auto& due = s.activities[i].due;
    if (due && due->before == activity) out.push_back(i);
  }
  return out;
}

DependencyGraph dependency_graph(const Scenario& s) {
  DependencyGraph g;
  for (const Activity& a : s.activities) g.add_activity(a.id, a.days);
  for (std::size_t i = 0; i < s.activities.size(); ++i) {
    const Activity& a = s.activities[i];
    for (std::size_t need : a.needs) g.add_need(i, need);
    if (a.due) g.add_need(a.due->before, i, a.due->working_days);
  }
  return g;
}

Plan make_plan(const Scenario& s, const Calendar& cal) {
  const std::size_t n = s.activities.size();
  DependencyGraph graph = dependency_graph(s);
  const std::vector<std::size_t> order = graph.topological_order();

  Plan plan;
  plan.activities.resize(n);
  std::vector<bool> placed(n, false);
  // Fixed dates first, then documents placed by their lead time before a fixed meeting.
  for (std::size_t i = 0; i < n; ++i) {
    const Activity& a = s.activities[i];
    if (!a.start) continue;
    plan.activities[i].start = *a.start;
    plan.activities[i].end = a.end ? *a.end : last_day(cal, *a.start, a.days);
    placed[i] = true;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Activity& a = s.activities[i];
    if (placed[i] || !a.due || !placed[a.due->before]) continue;
    const Date due = cal.add_working_days(plan.activities[a.due->before].start, -a.due->working_days);
    plan.activities[i].end = due;
    plan.activities[i].start = cal.add_working_days(due, -(a.days - 1));
    placed[i] = true;
  }
  for (std::size_t i : order) {
    if (placed[i]) continue;
    const Activity& a = s.activities[i];
    Date start = a.window_earliest ? *a.window_earliest : s.epoch;
    for (std::size_t need : a.needs) {
      start = std::max(start, cal.add_working_days(plan.activities[need].end, 1));
    }
    plan.activities[i].start = start;
    plan.activities[i].end = last_day(cal, start, a.days);
    placed[i] = true;
  }

  const Schedule logical = graph.critical_path();
  // Planned starts of dated activities (and opened windows) are "not before" constraints.
  DependencyGraph dated = graph;
  for (std::size_t i = 0; i < n; ++i) {
    const Activity& a = s.activities[i];
    if (a.start || a.window_earliest) dated.set_earliest_start(i, std::max<std::int64_t>(0, day_index(cal, plan.activities[i].start)));
  }
  const Schedule by_date = dated.critical_path();
  for (std::size_t i = 0; i < n; ++i) {
    plan.activities[i].slack_days = logical.times[i].total_slack;
    plan.activities[i].margin_days = by_date.times[i].total_slack;
  }
  plan.critical_path = logical.critical_path;
  plan.critical_path_days = logical.project_end;
  for (std::size_t i : plan.critical_path) plan.activities[i].on_critical_path = true;
  return plan;
}

std::vector<std::size_t> by_planned_start(const Plan& plan) {
  std::vector<std::size_t> order(plan.activities.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return plan.activities[a].start < plan.activities[b].start;
  });
  return order;
}

}  // namespace gcmsim::model
