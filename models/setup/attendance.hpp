#pragma once
// Whether a member state sends a delegation to a meeting. A state decides from its mission at the
// venue (no travel), the cost of travel, how salient the theme is to its migration profile, its
// engagement, and whether the trust fund pays (OP31). Plain functions over plain data.
#include <string_view>

#include "models/scenario.hpp"

namespace gcmsim::model {

// How much a theme matters to a state, in [0, 1], from its migration profile: e.g. human rights and
// contributions of diasporas weigh on countries of origin, smuggling and trafficking on transit,
// international cooperation and governance on all. Unknown themes get the mean salience 0.5.
double theme_salience(const MemberState& state, std::string_view theme);

// How much more a fare weighs on this state than on a developed one (the parameters'
// affordability factors: least developed, other developing, developed).
double affordability(const MemberState& state, const AttendanceParameters& params);

// The probability that the state attends, from a logistic model of the factors above (the
// parameters in models/scenario.hpp, docs/model.md). `travel_cost_usd` is 0 when it has a mission
// in the venue's city. `language_offered` false (a meeting without interpretation that does not run
// in the state's working language, OP29) lowers the logit by `no_interpretation_weight`.
double attendance_probability(const MemberState& state, double salience, bool has_mission_here,
                              double travel_cost_usd, bool funded, const AttendanceParameters& params,
                              bool language_offered = true);

// OP29: informal meetings may be held without interpretation; such a meeting runs in English only.
bool language_offered(const Activity& activity, const MemberState& state);

}  // namespace gcmsim::model
