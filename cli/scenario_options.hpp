#pragma once
// The options every scenario-reading subcommand shares: the file, --set and --override.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <memory>

#include "models/loader/loader.hpp"
#include "models/run/prepared_scenario.hpp"

namespace gcmsim::cli {

inline constexpr const char* kBaselineScenario = "scenarios/gcm-2017-2018.yaml";

struct ScenarioOptions {
  std::string file;
  std::vector<std::string> sets;
  std::vector<std::string> overrides;
  std::vector<std::string> shifts;  // "activities.ts3=+8w"
  std::vector<std::string> scales;  // "policies.trust_fund.contributions.usd=2"
  // The command these options were parsed by (add_scenario_options sets it): its parse order is
  // the order the --set, --shift and --scale options were written in.
  const CLI::App* command = nullptr;

  // The --set, --shift ("shift ...") and --scale ("scale ...") options as the loader takes them, in
  // the order they were written on the command line; options not parsed by `command` (set by
  // code) follow: the sets, then the shifts, then the scales.
  std::vector<std::string> operations() const;
};

// Registers FILE (required unless a default is given), --set and --override on `command`.
void add_scenario_options(CLI::App& command, ScenarioOptions& options, const char* default_file = nullptr);

// Loads the scenario; on any problem throws InvalidInput carrying the full error report.
loader::LoadResult load_checked(const ScenarioOptions& options);
// The same load, its diagnostics returned instead of thrown (validate --json reports them itself).
loader::LoadResult load_unchecked(const ScenarioOptions& options);

// Loads and prepares the scenario for running; on any problem throws InvalidInput (ScenarioInvalid)
// carrying the full error report.
std::shared_ptr<const sim::PreparedScenario> prepare_checked(const ScenarioOptions& options);

// Prints the scenario's warnings on stderr, as `gcmsim validate` does (run and compare say the same
// thing as validate; a warning never stops them).
void print_warnings(const sim::PreparedScenario& prepared);

// Throws ScenarioInvalid with the preparation's error report and count.
[[noreturn]] void throw_scenario_invalid(const sim::Preparation& prepared, const std::string& file);

}  // namespace gcmsim::cli
