#pragma once
// The scenario builder's entry for a document the schema has refused values of (loader.cpp):
// `doc` is without_refused(...) of the checked document, `refused` the values left out. A check
// that relates one of them to others (a min to its max, weights to their sum) is not reported, so
// that each problem is reported once, by the schema.
#include <optional>
#include <string>
#include <vector>

#include "models/loader/diagnostics.hpp"
#include "models/loader/document.hpp"
#include "models/scenario.hpp"

namespace gcmsim::loader {

std::optional<model::Scenario> build_scenario(const Document& doc, Diagnostics& diagnostics,
                                              const std::vector<std::string>& refused);

}  // namespace gcmsim::loader
