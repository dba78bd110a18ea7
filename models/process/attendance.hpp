#pragma once
// Whether a member state sends a delegation to a meeting. A state decides from its mission at the
// venue (no travel), the cost of travel, how salient the theme is to its migration profile, its
// engagement, and whether the trust fund pays (OP31). Plain functions over plain data.
#include <string_view>

#include "models/scenario.hpp"

namespace gcmsim::model {

struct AttendanceParams {
  double base = -1.0;            // logit intercept
  double mission_weight = 3.5;   // a mission in the venue's city
  double salience_weight = 2.0;  // theme salience in [0, 1]
  double cost_weight = 0.35;     // per 1,000 USD of unfunded travel, scaled by development status
  double funding_weight = 2.5;   // the trust fund pays the trip
  double engagement_weight = 2.0;
  double engagement_default = 0.6;
};

// How much a theme matters to a state, in [0, 1], from its migration profile: e.g. human rights and
// contributions of diasporas weigh on countries of origin, smuggling and trafficking on transit,
// international cooperation and governance on all. Unknown themes get the mean salience 0.5.
double theme_salience(const MemberState& state, std::string_view theme);

// The probability that the state attends, from a logistic model of the factors above.
// `travel_cost_usd` is 0 when it has a mission in the venue's city.
double attendance_probability(const MemberState& state, double salience, bool has_mission_here,
                              double travel_cost_usd, bool funded, const AttendanceParams& params);

}  // namespace gcmsim::model
