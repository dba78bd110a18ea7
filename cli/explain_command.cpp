// `gcmsim explain FILE`: the resolved plan as a table, and its critical path with slack.
#include <memory>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "models/plan.hpp"

namespace gcmsim::cli {
namespace {

// The changes of government the dated politics.stance holds: events of the timeline, from data.
void print_government_changes(const model::Scenario& s) {
  if (s.government_changes.empty()) return;
  fmt::print("\nGovernment changes, from politics.stance ({}):\n", s.government_changes.size());
  for (const model::GovernmentChange& g : s.government_changes)
    fmt::print("  {:<32} new cabinet on {}: {}{}, stance {:.3f} -> {:.3f}\n", g.event, iso_date(g.date),
               s.member_states[g.state].iso3, g.cabinet.empty() ? "" : fmt::format(" ({})", g.cabinet), g.before, g.after);
}

// The scripted events that result from the scenario and its overrides and options, by id: what a
// what-if stacked on another kept, changed or added.
void print_events(const model::Scenario& s) {
  if (s.withdrawals.empty() && s.boycotts.empty()) {
    fmt::print("\nScripted events: none.\n");
    return;
  }
  fmt::print("\nScripted events ({}):\n", s.boycotts.size() + [&] {
    std::size_t n = 0;  // a group's withdrawal is one event of many states
    for (std::size_t k = 0; k < s.withdrawals.size(); ++k) n += k == 0 || s.withdrawals[k].event != s.withdrawals[k - 1].event;
    return n;
  }());
  for (std::size_t k = 0; k < s.withdrawals.size();) {
    const model::ScriptedWithdrawal& w = s.withdrawals[k];
    std::vector<std::string> states;
    for (; k < s.withdrawals.size() && s.withdrawals[k].event == w.event; ++k) states.push_back(s.withdrawals[k].state);
    fmt::print("  {:<32} withdraw on {}: {}\n", w.event, iso_date(w.date),
               w.who.empty() ? states.front() : fmt::format("{} ({} states)", w.who, states.size()));
    if (!w.note.empty()) fmt::print("  {:<32} \"{}\"\n", "", w.note);
  }
  for (const model::ScriptedBoycott& b : s.boycotts) {
    fmt::print("  {:<32} boycott of {}: {}\n", b.event, s.activities[b.activity].id,
               b.who.empty() ? s.member_states[b.states.front()].iso3 : fmt::format("{} ({} states)", b.who, b.states.size()));
    if (!b.note.empty()) fmt::print("  {:<32} \"{}\"\n", "", b.note);
  }
}

void explain(const ScenarioOptions& options) {
  const loader::LoadResult r = load_checked(options);
  const model::Scenario& s = *r.scenario;
  const Calendar cal = s.make_calendar();
  const model::Plan plan = model::make_plan(s, cal);

  const std::vector<std::size_t> order = model::by_planned_start(plan);

  fmt::print("{} ({})\n\n", s.name, options.file);
  fmt::print("{:<23} {:<21} {:<13} {:<12} {:<10} {:<10} {:>4} {:>5} {:>6}  {}\n", "activity", "kind", "phase",
             "venue", "start", "end", "days", "slack", "margin", "needs");
  for (std::size_t i : order) {
    const model::Activity& a = s.activities[i];
    const model::PlannedActivity& p = plan.activities[i];
    std::vector<std::string> needs;
    for (std::size_t k : a.needs) needs.push_back(s.activities[k].id);
    if (a.due) needs.push_back(fmt::format("(due {}wd before {})", a.due->working_days, s.activities[a.due->before].id));
    fmt::print("{:<23} {:<21} {:<13} {:<12} {:<10} {:<10} {:>4} {:>5}{} {:>5}  {}\n", a.id, model::to_string(a.kind),
               model::to_string(a.phase), a.venue ? s.venues[*a.venue].id : "-", iso_date(p.start), iso_date(p.end),
               a.days, p.slack_days, p.on_critical_path ? "*" : " ", p.margin_days, fmt::join(needs, ", "));
  }
  std::vector<std::string> chain;
  for (std::size_t i : plan.critical_path) chain.push_back(s.activities[i].id);
  fmt::print("\nCritical path ({} working days of work and lead times; * above):\n  {}\n", plan.critical_path_days,
             fmt::join(chain, " -> "));
  fmt::print("slack:  working days an activity could take longer without lengthening the critical path.\n"
             "margin: working days it can slip from its planned dates before '{}' must move.\n",
             chain.empty() ? "-" : chain.back());
  print_events(s);
  print_government_changes(s);
}

}  // namespace

void add_explain_command(CLI::App& app) {
  auto options = std::make_shared<ScenarioOptions>();
  CLI::App* cmd = app.add_subcommand("explain", "Print the resolved plan (activity, phase, venue, planned dates, "
                                                "needs, slack) and its critical path");
  add_scenario_options(*cmd, *options);
  cmd->callback([options] { explain(*options); });
}

}  // namespace gcmsim::cli
