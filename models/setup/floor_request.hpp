#pragma once
// The chance that a present delegation asks for the floor: beside the chance that it attends
// (attendance.hpp), computed once per scenario into each meeting's odds (meeting_odds.hpp) and read
// by whichever floor policy gives the floor (process/floor.hpp). A plain function over plain data.
#include "models/scenario.hpp"

namespace gcmsim::model {

// The chance that a present delegation asks for the floor in an item on a theme of this salience;
// times `no_interpretation_factor` when the meeting does not offer its working language (OP29).
double floor_request_probability(const MemberState& state, double salience, const ModelParameters& params,
                                 bool language_offered = true);

}  // namespace gcmsim::model
