#pragma once
// What the output tests share: splitting text into lines, and the minimal fixture with its plan.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "../models/loader/load_helpers.hpp"
#include "engine/calendar.hpp"
#include "models/plan.hpp"

namespace gcmsim::testing {

inline std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

inline bool has_line(const std::string& text, const std::string& line) {
  const auto all = lines(text);
  return std::find(all.begin(), all.end(), line) != all.end();
}

struct Minimal {
  model::Scenario s;
  Calendar cal;
  model::Plan plan;
};

inline Minimal minimal() {
  const auto loaded = load(fixture("minimal.yaml"));
  REQUIRE(loaded.ok());
  const model::Scenario& s = *loaded.scenario;
  const Calendar cal = s.make_calendar();
  return {s, cal, model::make_plan(s, cal)};
}

}  // namespace gcmsim::testing
