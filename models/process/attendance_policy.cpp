#include "models/process/attendance_policy.hpp"

#include "models/setup/meeting_odds.hpp"
#include "models/process/trust_fund.hpp"

namespace gcmsim::model {
namespace {

bool chaired_by_co_facilitators(ActivityKind kind) {
  return kind == ActivityKind::thematic_session || kind == ActivityKind::stocktaking ||
         kind == ActivityKind::negotiation_round;
}

}  // namespace

void decide_attendance(const ScenarioSetup& setup, SimTime now, ProcessState& state, RandomStream& stream,
                       MeetingRecord& meeting) {
  const Scenario& s = setup.scenario();
  const Activity& a = s.activities[meeting.activity];
  const Venue& venue = s.venues[*a.venue];
  const MeetingOdds& odds = setup.meeting_odds(meeting.activity);
  const double travel_cost = odds.travel_cost_usd;

  const std::size_t n = s.member_states.size();
  std::vector<double> draw(n);
  std::vector<std::size_t> requesting;
  std::vector<std::size_t> experts;  // mission delegations asking for a capital-based expert's trip
  std::vector<bool> mission_only(n, false);  // eligible, with a mission here: mission staff unless the fund pays
  // Until the first contribution arrives the fund is not yet operating: nobody applies to it.
  const bool fund_open = trust_fund_covers(a.kind) && state.fund.record.raised > 0.0;
  // Away: out of the process, or staying away from this meeting in a scripted boycott (neither
  // comes, chairs, moderates nor asks the fund for a trip).
  std::vector<bool> away = state.withdrawn;
  for (const ScriptedBoycott& b : s.boycotts) {
    if (b.activity != meeting.activity) continue;
    for (std::size_t k : b.states) away[k] = true;
  }
  for (std::size_t k = 0; k < n; ++k) {
    draw[k] = stream.uniform01();
    // Drawn for every state, so the fund's expert policy leaves the other draws alone.
    const double expert_draw = stream.uniform01();
    const StateOdds& o = odds.states[k];
    if (away[k] || !o.invited) continue;
    mission_only[k] = o.mission && o.eligible;
    // An eligible delegation that would travel with support asks the fund for it (OP31). A funded
    // trip costs the delegation nothing: the fund's support replaces the cost penalty.
    if (fund_open && !o.mission && travel_cost > 0 && draw[k] < o.attend_funded && o.eligible) {
      requesting.push_back(k);
    }
    // The fund as it was used (OP31): a delegation that attends through its mission may still ask
    // for its capital's migration expert to be flown in, New York included.
    if (fund_open && o.mission && travel_cost > 0 && o.eligible && draw[k] < o.attend_alone &&
        expert_draw < s.trust_fund.capital_expert_request) {
      experts.push_back(k);
    }
  }
  requesting.insert(requesting.end(), experts.begin(), experts.end());
  const std::vector<bool> funded = fund_travel(state.fund, s.trust_fund, s.member_states, requesting, venue.id, now,
                                               meeting.activity);
  for (std::size_t r = 0; r < requesting.size(); ++r) {
    meeting.states[requesting[r]].funded = funded[r];
    meeting.states[requesting[r]].funding_refused = !funded[r];
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (away[k] || !odds.states[k].invited) continue;
    StateAtMeeting& sm = meeting.states[k];
    sm.present = sm.funded || draw[k] < odds.states[k].attend_alone;
    // Capital-based experts are in the room unless the delegation is an eligible state's mission
    // staff alone: a developed state sends its own, a delegation that travelled came from its capital.
    sm.capital_expert = sm.present && (!mission_only[k] || sm.funded);
  }
  // The co-facilitators co-chair the sessions, the stocktaking and the negotiations (OP5, OP15,
  // OP23); moderators lead their panels (OP17).
  if (chaired_by_co_facilitators(a.kind)) {
    for (std::size_t k : setup.co_facilitators()) {
      meeting.states[k].present = !away[k];
      meeting.states[k].chairing = !away[k];
    }
  }
  for (std::size_t k : meeting.moderators) {
    meeting.states[k].present = !away[k];
    meeting.states[k].moderated = !away[k];
  }
}

}  // namespace gcmsim::model
