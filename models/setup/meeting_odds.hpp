#pragma once
// What a meeting's attendance and floor decisions need from each member state that depends on the
// scenario alone: whether the meeting invites it, whether it has a mission in the venue's city,
// whether the trust fund could pay its trip, and its chances to attend (alone, or with a funded
// trip) and to ask for the floor. A replication draws against these chances at every meeting; they
// are computed once per scenario (ScenarioSetup holds them) and read by every replication, so the
// logistic, the theme's salience and the string look-ups behind them leave the hot path.
#include <cstddef>
#include <vector>

#include "models/scenario.hpp"

namespace gcmsim::model {

struct StateOdds {
  bool invited = false;        // Activity::invites
  bool mission = false;        // a mission in the venue's city: no travel, no fare
  bool eligible = false;       // eligible for the trust fund (OP31)
  double attend_alone = 0.0;   // attendance_probability at the venue's fare (none with a mission)
  double attend_funded = 0.0;  // the same with a funded trip: no fare, the funding weight added
  double floor_request = 0.0;  // floor_request_probability, before the after-group factor
};

struct MeetingOdds {
  double travel_cost_usd = 0.0;   // the fare to the venue (TrustFundPolicy::travel_cost_usd; 0 if none)
  std::vector<StateOdds> states;  // by member state
};

// The odds at the meeting `activity` (no states for an activity without a venue).
MeetingOdds meeting_odds(const Scenario& scenario, std::size_t activity);

}  // namespace gcmsim::model
