#include "models/setup/attendance.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace gcmsim::model {

namespace {

// How much a theme weighs on a state for each unit of its profile that is origin, transit or
// destination. Salience = the profile-weighted mean of a row; every weight is in [0, 1], so the
// salience is too. Themes are the baseline's thematic sessions (res. 71/280 annex, OP15 clusters).
//
// theme                   origin transit destination  why
// human_rights             0.8    0.5     0.5         origin states press for the protection of their
//                                                     nationals abroad; the others hold duties
// drivers                  1.0    0.4     0.2         adverse drivers (poverty, climate, conflict) are
//                                                     lived in countries of origin
// governance               0.6    0.6     0.6         cooperation at borders, return and readmission
//                                                     binds every profile alike
// contributions            1.0    0.3     0.5         remittances and diasporas feed origin; labour
//                                                     integration and benefits concern destination
// smuggling_trafficking    0.6    1.0     0.5         routes cross transit states; the victims are
//                                                     nationals of origin states
// irregular_regular        0.6    0.8     0.9         destinations open (or close) regular pathways;
//                                                     transit sees irregular flows; origin seeks work
struct ThemeWeights {
  std::string_view theme;
  double origin;
  double transit;
  double destination;
};

constexpr std::array<ThemeWeights, 6> kThemeWeights{{
    {"human_rights", 0.8, 0.5, 0.5},
    {"drivers", 1.0, 0.4, 0.2},
    {"governance", 0.6, 0.6, 0.6},
    {"contributions", 1.0, 0.3, 0.5},
    {"smuggling_trafficking", 0.6, 1.0, 0.5},
    {"irregular_regular", 0.6, 0.8, 0.9},
}};

constexpr double kMeanSalience = 0.5;

}  // namespace

bool language_offered(const Activity& activity, const MemberState& state) {
  return activity.interpretation || state.working_language == Language::english;
}

double affordability(const MemberState& state, const AttendanceParameters& params) {
  if (state.ldc) return params.affordability_ldc;
  return state.development == Development::developed ? params.affordability_developed : params.affordability_developing;
}

double theme_salience(const MemberState& state, std::string_view theme) {
  const auto row = std::find_if(kThemeWeights.begin(), kThemeWeights.end(),
                                [&](const ThemeWeights& w) { return w.theme == theme; });
  if (row == kThemeWeights.end()) return kMeanSalience;  // negotiation rounds, untyped meetings

  // Shares are meant to sum to 1; normalising keeps the result in [0, 1] if data are off.
  const double origin = std::max(state.migration.origin, 0.0);
  const double transit = std::max(state.migration.transit, 0.0);
  const double destination = std::max(state.migration.destination, 0.0);
  const double total = origin + transit + destination;
  if (total <= 0.0) return kMeanSalience;
  const double salience = (row->origin * origin + row->transit * transit + row->destination * destination) / total;
  return std::clamp(salience, 0.0, 1.0);
}

double attendance_probability(const MemberState& state, double salience, bool has_mission_here,
                              double travel_cost_usd, bool funded, const AttendanceParameters& params,
                              bool language_offered) {
  const double cost_thousands = std::max(travel_cost_usd, 0.0) / 1000.0;
  const double engagement = state.engagement.value_or(params.engagement_default);
  double z = params.base + params.salience_weight * salience + params.engagement_weight * engagement -
             params.cost_weight * cost_thousands * affordability(state, params);
  if (has_mission_here) z += params.mission_weight;
  if (funded) z += params.funding_weight;
  if (!language_offered) z -= params.no_interpretation_weight;
  // Beyond |z| = 30 the probability is within 1e-13 of 0 or 1; bounding z keeps it strictly inside
  // (0, 1), so a draw against it can always go either way.
  z = std::clamp(z, -30.0, 30.0);
  return 1.0 / (1.0 + std::exp(-z));
}

}  // namespace gcmsim::model
