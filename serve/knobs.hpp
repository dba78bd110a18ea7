#pragma once
// The knobs the studio's form offers, and how a request's knob changes become the loader's
// operations (the `--set`, `--shift` and `--scale` of `gcmsim compare`) and the command line that
// reproduces them. Each knob has a label, a unit and the paragraph it comes from (OP31, PN §II.c:
// the table in knobs.cpp); its range and description come from the scenario schema, its default
// from the scenario's document. Everything a request sends is checked here: an unknown knob, a
// value out of range or an activity the scenario lacks is a Refusal(400), never passed on.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/run/prepared_scenario.hpp"
#include "serve/common/limits.hpp"

namespace gcmsim::serve {

// The knobs of `base`, as the studio's form is generated from them.
nlohmann::json describe_knobs(const sim::PreparedScenario& base);

struct KnobOperations {
  std::vector<std::string> operations;  // for PreparedScenario::with, in order
  std::vector<std::string> arguments;   // the same as command-line words: "--scale", "K=F", ...
};

// Checks and translates a request's "knobs": [{knob, value?, activity?, group?}, ...].
KnobOperations knob_operations(const sim::PreparedScenario& base, const nlohmann::json& knobs, const Limits& limits);

// A shell word: quoted when it holds anything but safe characters.
std::string shell_quote(const std::string& word);

}  // namespace gcmsim::serve
