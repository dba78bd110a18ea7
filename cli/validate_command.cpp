// `gcmsim validate FILE`: "ok" and a one-line count, or every error with its location. Warnings
// (a plan that cannot hold, the rules of resolution 71/280) are printed before the verdict;
// `--strict` makes them errors.
#include <memory>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_options.hpp"

namespace gcmsim::cli {
namespace {

struct ValidateOptions {
  ScenarioOptions scenario;
  bool strict = false;
};

void validate(const ValidateOptions& options) {
  const loader::LoadResult r = load_checked(options.scenario);
  const auto& warnings = r.diagnostics.warnings();
  if (!warnings.empty() && options.strict) {
    throw ScenarioInvalid(fmt::format("{}{} error{} (warnings, --strict) in {}", r.diagnostics.format_warnings(r.files, "error"),
                                      warnings.size(), warnings.size() == 1 ? "" : "s", options.scenario.file));
  }
  if (!warnings.empty()) fmt::print(stderr, "{}", r.diagnostics.format_warnings(r.files));
  const model::Scenario& s = *r.scenario;
  const auto count = [&](model::ActivityKind kind) {
    return std::count_if(s.activities.begin(), s.activities.end(), [&](const model::Activity& a) { return a.kind == kind; });
  };
  fmt::print("ok: {}: {} member states, {} activities ({} thematic sessions, {} negotiation rounds), {} venues, "
             "{} formats, {} stakeholder populations{}\n",
             options.scenario.file, s.member_states.size(), s.activities.size(),
             count(model::ActivityKind::thematic_session), count(model::ActivityKind::negotiation_round), s.venues.size(),
             s.formats.size(), s.stakeholders.size(),
             warnings.empty() ? std::string() : fmt::format("; {} warning{}", warnings.size(), warnings.size() == 1 ? "" : "s"));
}

}  // namespace

void add_validate_command(CLI::App& app) {
  auto options = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario: schema, references, dates, cycles and the "
                                                 "rules of resolution 71/280; exit 2 with every error if invalid. "
                                                 "Warnings (warning[OP28], warning[infeasible-plan], ...) do not fail "
                                                 "unless --strict");
  add_scenario_options(*cmd, options->scenario);
  cmd->add_flag("--strict", options->strict, "Treat warnings as errors (exit 2)");
  cmd->callback([options] { validate(*options); });
}

}  // namespace gcmsim::cli
