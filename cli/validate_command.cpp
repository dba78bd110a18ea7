// `gcmsim validate FILE`: "ok" and a one-line count, or every error with its location.
#include <memory>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"

namespace gcmsim::cli {
namespace {

void validate(const ScenarioOptions& options) {
  const loader::LoadResult r = load_checked(options);
  const model::Scenario& s = *r.scenario;
  const auto count = [&](model::ActivityKind kind) {
    return std::count_if(s.activities.begin(), s.activities.end(), [&](const model::Activity& a) { return a.kind == kind; });
  };
  fmt::print("ok: {}: {} member states, {} activities ({} thematic sessions, {} negotiation rounds), {} venues, "
             "{} formats, {} stakeholder populations\n",
             options.file, s.member_states.size(), s.activities.size(), count(model::ActivityKind::thematic_session),
             count(model::ActivityKind::negotiation_round), s.venues.size(), s.formats.size(), s.stakeholders.size());
}

}  // namespace

void add_validate_command(CLI::App& app) {
  auto options = std::make_shared<ScenarioOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario: schema, references, dates, cycles and the "
                                                 "rules of resolution 71/280; exit 2 with every error if invalid");
  add_scenario_options(*cmd, *options);
  cmd->callback([options] { validate(*options); });
}

}  // namespace gcmsim::cli
