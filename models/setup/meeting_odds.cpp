#include "models/setup/meeting_odds.hpp"

#include "models/setup/attendance.hpp"
#include "models/setup/floor_request.hpp"
#include "models/setup/trust_fund_eligibility.hpp"

namespace gcmsim::model {

MeetingOdds meeting_odds(const Scenario& s, std::size_t activity) {
  const Activity& a = s.activities[activity];
  if (!a.venue) return {};
  const Venue& venue = s.venues[*a.venue];
  const AttendanceParameters& params = s.parameters.attendance;
  const auto cost_it = s.trust_fund.travel_cost_usd.find(venue.id);
  const double travel_cost = cost_it == s.trust_fund.travel_cost_usd.end() ? 0.0 : cost_it->second;
  MeetingOdds meeting;
  meeting.travel_cost_usd = travel_cost;
  meeting.states.resize(s.member_states.size());
  for (std::size_t k = 0; k < s.member_states.size(); ++k) {
    const MemberState& st = s.member_states[k];
    StateOdds& o = meeting.states[k];
    o.invited = a.invites(st);
    o.mission = venue.mission_city && st.has_mission(*venue.mission_city);
    o.eligible = eligible_for_trust_fund(s.trust_fund, st);
    const double salience = theme_salience(st, a.theme);
    const bool understood = language_offered(a, st);
    o.attend_alone = attendance_probability(st, salience, o.mission, o.mission ? 0.0 : travel_cost, false, params, understood);
    o.attend_funded = attendance_probability(st, salience, o.mission, 0.0, true, params, understood);
    o.floor_request = floor_request_probability(st, salience, s.parameters, understood);
  }
  return meeting;
}

}  // namespace gcmsim::model
