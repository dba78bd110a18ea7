// `gcmsim explain FILE`: the resolved plan as a table, and its critical path with slack.
#include <memory>

#include <fmt/core.h>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "models/plan.hpp"

namespace gcmsim::cli {
namespace {

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
