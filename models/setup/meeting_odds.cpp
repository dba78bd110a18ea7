#include "models/setup/meeting_odds.hpp"

#include "models/setup/attendance.hpp"
#include "models/setup/floor_request.hpp"
#include "models/setup/trust_fund_eligibility.hpp"

namespace gcmsim::model {
namespace {

// The conference as a political decision (AttendanceParameters::political_conference): a state
// still in the process attends unless it stays away by habit, its absence from the General
// Assembly's recorded votes (politics.absence; a state without data: the mean of those with it).
// No fare, so nobody asks the trust fund for a trip.
MeetingOdds political_conference_odds(const Scenario& s, const Activity& a) {
  double sum = 0.0;
  int known = 0;
  for (const MemberState& st : s.member_states)
    if (st.absence) sum += *st.absence, ++known;
  const double mean_absence = known > 0 ? sum / known : 0.0;
  MeetingOdds meeting;
  meeting.states.resize(s.member_states.size());
  for (std::size_t k = 0; k < s.member_states.size(); ++k) {
    const MemberState& st = s.member_states[k];
    StateOdds& o = meeting.states[k];
    o.invited = a.invites(st);
    o.mission = false;  // its delegation comes from the capital, at the government's choice
    o.eligible = eligible_for_trust_fund(s.trust_fund, st);
    o.attend_alone = o.attend_funded = 1.0 - st.absence.value_or(mean_absence);
    o.floor_request = floor_request_probability(st, theme_salience(st, a.theme), s.parameters, language_offered(a, st));
  }
  return meeting;
}

}  // namespace

MeetingOdds meeting_odds(const Scenario& s, std::size_t activity) {
  const Activity& a = s.activities[activity];
  if (!a.venue) return {};
  if (a.kind == ActivityKind::conference && s.parameters.attendance.political_conference) return political_conference_odds(s, a);
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
