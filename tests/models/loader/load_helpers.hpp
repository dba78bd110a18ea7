#pragma once
// Loading fixtures from the test folder and reading the first line of each diagnostic.
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/loader/loader.hpp"

namespace gcmsim::testing {

inline std::string fixture(const std::string& name) { return std::string(GCMSIM_FIXTURES) + "/" + name; }
inline std::string scenario_file(const std::string& name) { return std::string(GCMSIM_SOURCE_DIR) + "/scenarios/" + name; }

inline loader::LoadResult load(const std::string& path, std::vector<std::string> overrides = {},
                               std::vector<std::string> sets = {}) {
  loader::LoadRequest request;
  request.path = path;
  request.overrides = std::move(overrides);
  request.sets = std::move(sets);
  return loader::load_scenario(request);
}

// The shipped baseline with these overrides and sets; a scenario that does not load is a test
// failure (the exception carries the loader's report).
inline model::Scenario baseline_scenario(std::vector<std::string> overrides = {}, std::vector<std::string> sets = {}) {
  const loader::LoadResult loaded = load(scenario_file("gcm-2017-2018.yaml"), std::move(overrides), std::move(sets));
  if (!loaded.ok()) throw std::runtime_error(loaded.error_report());
  return *loaded.scenario;
}

// The "file:line:col: error: message" lines of a report, without the source excerpts.
inline std::vector<std::string> error_lines(const loader::LoadResult& r) {
  std::vector<std::string> out;
  std::istringstream in(r.error_report());
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != ' ') out.push_back(line);
  }
  return out;
}

}  // namespace gcmsim::testing
