#pragma once
// Warnings about a scenario that loads but that a planner should look at again: a plan whose
// dates cannot hold (an activity planned to start before what it needs is planned to end), and the
// calendar rules of resolution 71/280 (OP14 phases, OP27 zero draft, OP28 rounds, OP30 hearings).
// The model runs such a scenario all the same (a what-if may break a rule on purpose); `validate`
// prints them and `validate --strict` refuses them. Each is located at the text that causes it.
#include "models/loader/diagnostics.hpp"
#include "models/loader/document.hpp"
#include "models/scenario.hpp"

namespace gcmsim::loader {

// Adds the warnings for `scenario` (built from `doc` without errors) to `diagnostics`.
void check_rules(const Document& doc, const model::Scenario& scenario, Diagnostics& diagnostics);

}  // namespace gcmsim::loader
