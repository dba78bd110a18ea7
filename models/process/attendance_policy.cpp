#include "models/process/attendance_policy.hpp"

#include "models/process/attendance.hpp"

namespace gcmsim::model {
namespace {

bool chaired_by_co_facilitators(ActivityKind kind) {
  return kind == ActivityKind::thematic_session || kind == ActivityKind::stocktaking ||
         kind == ActivityKind::negotiation_round;
}

}  // namespace

void decide_attendance(const Scenario& s, const std::vector<std::size_t>& co_facilitators, SimTime now,
                       ProcessState& state, RandomStream& stream, MeetingRecord& meeting) {
  const Activity& a = s.activities[meeting.activity];
  const Venue& venue = s.venues[*a.venue];
  const AttendanceParameters& params = s.parameters.attendance;
  const auto cost_it = s.trust_fund.travel_cost_usd.find(venue.id);
  const double travel_cost = cost_it == s.trust_fund.travel_cost_usd.end() ? 0.0 : cost_it->second;

  const std::size_t n = s.member_states.size();
  std::vector<double> draw(n);
  std::vector<double> p_alone(n);
  std::vector<double> p_funded(n);
  std::vector<std::size_t> requesting;
  // Until the first contribution arrives the fund is not yet operating: nobody applies to it.
  const bool fund_open = trust_fund_covers(a.kind) && state.fund.record.raised > 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    draw[k] = stream.uniform01();
    const MemberState& st = s.member_states[k];
    if (state.withdrawn[k] || !a.invites(st)) continue;
    const bool mission = venue.mission_city && st.has_mission(*venue.mission_city);
    const double cost = mission ? 0.0 : travel_cost;
    const double salience = theme_salience(st, a.theme);
    const bool understood = language_offered(a, st);
    p_alone[k] = attendance_probability(st, salience, mission, cost, false, params, understood);
    // A funded trip costs the delegation nothing: the fund's support replaces the cost penalty.
    p_funded[k] = attendance_probability(st, salience, mission, 0.0, true, params, understood);
    // An eligible delegation that would travel with support asks the fund for it (OP31).
    if (fund_open && !mission && cost > 0 && draw[k] < p_funded[k] && eligible_for_trust_fund(s.trust_fund, st)) {
      requesting.push_back(k);
    }
  }
  const std::vector<bool> funded = fund_travel(state.fund, s.trust_fund, s.member_states, requesting, venue.id, now,
                                               meeting.activity);
  for (std::size_t r = 0; r < requesting.size(); ++r) {
    meeting.states[requesting[r]].funded = funded[r];
    meeting.states[requesting[r]].funding_refused = !funded[r];
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (state.withdrawn[k] || !a.invites(s.member_states[k])) continue;
    StateAtMeeting& sm = meeting.states[k];
    sm.present = sm.funded || draw[k] < p_alone[k];
  }
  // The co-facilitators co-chair the sessions, the stocktaking and the negotiations (OP5, OP15,
  // OP23); moderators lead their panels (OP17).
  if (chaired_by_co_facilitators(a.kind)) {
    for (std::size_t k : co_facilitators) meeting.states[k].present = !state.withdrawn[k];
  }
  for (std::size_t k : meeting.moderators) {
    meeting.states[k].present = !state.withdrawn[k];
    meeting.states[k].moderated = true;
  }
}

}  // namespace gcmsim::model
