#pragma once
// The options every scenario-reading subcommand shares: the file, --set and --override.
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "models/loader/loader.hpp"

namespace gcmsim::cli {

inline constexpr const char* kBaselineScenario = "scenarios/gcm-2017-2018.yaml";

struct ScenarioOptions {
  std::string file;
  std::vector<std::string> sets;
  std::vector<std::string> overrides;
};

// Registers FILE (required unless a default is given), --set and --override on `command`.
void add_scenario_options(CLI::App& command, ScenarioOptions& options, const char* default_file = nullptr);

// Loads the scenario; on any problem throws InvalidInput carrying the full error report.
loader::LoadResult load_checked(const ScenarioOptions& options);

}  // namespace gcmsim::cli
