#include "cli/scenario_options.hpp"

#include <array>

#include <fmt/core.h>

#include "cli/exit_codes.hpp"
#include "cli/scenario_data.hpp"

namespace gcmsim::cli {

namespace {

// Override files, like the scenario, are found in the data folder when not in the current one.
std::vector<std::string> resolved_overrides(const ScenarioOptions& options) {
  std::vector<std::string> files;
  for (const std::string& file : options.overrides) files.push_back(resolve_scenario_file(file));
  return files;
}

}  // namespace

void add_scenario_options(CLI::App& command, ScenarioOptions& options, const char* default_file) {
  if (default_file != nullptr) {
    options.file = default_file;
    command.add_option("FILE", options.file, "Scenario file (YAML)")->capture_default_str();
  } else {
    command.add_option("FILE", options.file, "Scenario file (YAML)")->required();
  }
  options.command = &command;
  command.add_option("--set", options.sets,
                     "Change one value: path.to.key=value; list items by index or id, e.g. "
                     "--set activities.ts1.start=2017-05-15 (repeatable)")
      ->take_all()
      ->allow_extra_args(false);
  command.add_option("--override", options.overrides,
                     "Merge a partial scenario on top (repeatable; lists merge by id or iso3)")
      ->allow_extra_args(false);
  command.add_option("--shift", options.shifts,
                     "Move an activity and keep its length: path=+Nw or path=-Nd, e.g. --shift activities.ts3=+8w "
                     "(repeatable; --set, --shift and --scale apply in the order written)")
      ->allow_extra_args(false);
  command.add_option("--scale", options.scales,
                     "Multiply every number a path reaches (a list step reaches every item): e.g. --scale "
                     "policies.trust_fund.contributions.usd=0.5 (repeatable; --set, --shift and --scale apply in the order written)")
      ->allow_extra_args(false);
}

std::vector<std::string> ScenarioOptions::operations() const {
  struct Kind {
    const char* name;
    const std::vector<std::string>* values;
    const char* prefix;
    std::size_t taken = 0;
  };
  std::array<Kind, 3> kinds = {{{"set", &sets, ""}, {"shift", &shifts, "shift "}, {"scale", &scales, "scale "}}};
  std::vector<std::string> out;
  if (command != nullptr) {
    for (const CLI::Option* option : command->parse_order()) {
      for (Kind& kind : kinds) {
        if (option->check_lname(kind.name) && kind.taken < kind.values->size()) {
          out.push_back(kind.prefix + (*kind.values)[kind.taken++]);
        }
      }
    }
  }
  for (Kind& kind : kinds) {
    for (; kind.taken < kind.values->size(); ++kind.taken) out.push_back(kind.prefix + (*kind.values)[kind.taken]);
  }
  return out;
}

loader::LoadResult load_unchecked(const ScenarioOptions& options) {
  loader::LoadRequest request;
  request.path = resolve_scenario_file(options.file);
  request.sets = options.operations();
  request.overrides = resolved_overrides(options);
  return loader::load_scenario(request);
}

loader::LoadResult load_checked(const ScenarioOptions& options) {
  loader::LoadResult result = load_unchecked(options);
  if (!result.ok()) {
    const std::size_t n = result.diagnostics.size();
    throw ScenarioInvalid(fmt::format("{}{} error{} in {}", result.error_report(), n, n == 1 ? "" : "s", options.file));
  }
  return result;
}

std::shared_ptr<const sim::PreparedScenario> prepare_checked(const ScenarioOptions& options) {
  sim::Preparation prepared = sim::prepare({resolve_scenario_file(options.file), resolved_overrides(options), options.operations()});
  if (!prepared.ok()) throw_scenario_invalid(prepared, options.file);
  return prepared.scenario;
}

void print_warnings(const sim::PreparedScenario& prepared) {
  const std::string report = prepared.warnings_report();
  if (!report.empty()) fmt::print(stderr, "{}", report);
}

void throw_scenario_invalid(const sim::Preparation& prepared, const std::string& file) {
  const std::size_t n = prepared.diagnostics.size();
  throw ScenarioInvalid(fmt::format("{}{} error{} in {}", prepared.error_report(), n, n == 1 ? "" : "s", file));
}

}  // namespace gcmsim::cli
