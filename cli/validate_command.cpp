// `gcmsim validate FILE`: "ok" and a one-line count, or every error with its location. Warnings
// (a plan that cannot hold, the rules of resolution 71/280) are printed before the verdict;
// `--strict` makes them errors. `--json` prints the findings as JSON on stdout instead
// (output/validation_report.hpp: errors and warnings with file, line, column, rule and message).
#include <cstdio>
#include <memory>

#include <fmt/core.h>

#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_options.hpp"
#include "output/validation_report.hpp"

namespace gcmsim::cli {
namespace {

struct ValidateOptions {
  ScenarioOptions scenario;
  bool strict = false;
  bool json = false;
};

// The report on stdout whatever the verdict; an invalid scenario still exits 2, its text on stderr.
void validate_json(const ValidateOptions& options) {
  const loader::LoadResult r = load_unchecked(options.scenario);
  const nlohmann::json report = output::validation_report(r, options.scenario.file, options.strict);
  fmt::print("{}\n", report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  std::fflush(stdout);
  if (!report["valid"].get<bool>()) {
    const std::size_t n = r.ok() ? r.diagnostics.warnings().size() : r.diagnostics.size();
    throw ScenarioInvalid(fmt::format("{}{} error{}{} in {}", r.ok() ? r.diagnostics.format_warnings(r.files, "error") : r.error_report(),
                                      n, n == 1 ? "" : "s", r.ok() ? " (warnings, --strict)" : "", options.scenario.file));
  }
}

void validate(const ValidateOptions& options) {
  if (options.json) return validate_json(options);
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
  cmd->add_flag("--json", options->json,
                "Print the errors and warnings as JSON on stdout ({file, valid, errors: [{file, line, column, rule, "
                "message}], warnings: [...]}; docs/scenario-format.md); the exit code is the same");
  cmd->callback([options] { validate(*options); });
}

}  // namespace gcmsim::cli
