#include "models/process/floor_discussion.hpp"

#include <algorithm>
#include <optional>

#include "models/setup/attendance.hpp"
#include "models/process/floor.hpp"

namespace gcmsim::model {

std::vector<TimedIntervention> hold_floor(const ScenarioSetup& setup, const FloorItem& at, MeetingRecord& meeting,
                                          RandomStream& stream) {
  const Scenario& s = setup.scenario();
  const Calendar& calendar = setup.calendar();
  const std::vector<StateOdds>& odds = setup.meeting_odds(meeting.activity).states;
  const AgendaItem& item = at.item;
  double available = at.slot.held_minutes;
  double opening = 0.0;  // minutes before the floor opens
  if (item.kind == AgendaItemKind::panel || item.kind == AgendaItemKind::summary_panel) {
    // The moderator opens and closes; the experts speak first (procedural note).
    available -= 2.0 * item.moderator_minutes;
    opening += item.moderator_minutes;
    for (int e = 0; e < item.experts; ++e) {
      const double minutes = stream.uniform(item.expert_minutes_min, item.expert_minutes_max);
      available -= minutes;
      opening += minutes;
    }
  }
  const FloorParameters& fp = s.parameters.floor;
  // Coordinating groups speak first, each once, through one member (its chair; here its first member
  // present, in data order), with the group limit: G77 and China, the African Group, the EU for its
  // members (OP4), CELAC, CARICOM. Their members have been heard without taking the floor.
  std::vector<TimedIntervention> timed;
  std::vector<bool> group_spoke(meeting.states.size(), false);
  if (at.format.group_statement_minutes > 0.0) {
    for (std::size_t g = 0; g < s.speaking_groups.size(); ++g) {
      const std::vector<std::size_t>& members = setup.speaking_group_members(g);
      std::optional<std::size_t> chair;
      for (std::size_t k : members) {
        if (meeting.states[k].present && !meeting.states[k].chairing) {
          chair = k;
          break;
        }
      }
      const double minutes = at.format.group_statement_minutes * fp.mean_intervention_share *
                             stream.uniform(fp.share_min, fp.share_max);
      if (!chair) continue;
      const double spoken = std::min({minutes, at.format.group_statement_minutes, std::max(0.0, available)});
      if (spoken <= 0.0) break;
      timed.push_back({*chair, at.slot.day, at_minute(calendar, at.venue, at.slot, opening), static_cast<int>(g)});
      meeting.group_statements.push_back({g, *chair, spoken});
      opening += spoken;
      available -= spoken;
      for (std::size_t k : members) {
        group_spoke[k] = true;
        meeting.states[k].heard_through_group = meeting.states[k].heard_through_group || meeting.states[k].present;
      }
    }
  }
  std::vector<bool> inscribed(meeting.states.size(), false);
  if (at.speakers_list != nullptr) {
    for (const FloorRequest& r : *at.speakers_list) inscribed[r.state] = true;
  }
  std::vector<FloorRequest> requests;  // new requests
  for (std::size_t k = 0; k < meeting.states.size(); ++k) {
    if (!meeting.states[k].present) continue;
    const MemberState& st = s.member_states[k];
    const double p = odds[k].floor_request * (group_spoke[k] ? fp.after_group_request_factor : 1.0);
    // Drawn for every present state, inscribed or not, so the list leaves the stream's use alone.
    const bool asks = stream.bernoulli(p);
    const double share = stream.uniform(fp.share_min, fp.share_max);
    // The chair does not take the floor as a national delegation (drawn all the same: streams stay aligned).
    if (asks && !inscribed[k] && !meeting.states[k].chairing) requests.push_back({k, st.group, at.format.intervention_limit_minutes * fp.mean_intervention_share * share});
  }
  // Requests arrive in no particular order: shuffle them (Fisher-Yates).
  for (std::size_t r = requests.size(); r > 1; --r) std::swap(requests[r - 1], requests[stream.uniform_index(r)]);
  for (const FloorRequest& r : requests) ++meeting.states[r.state].floor_requests;
  FloorPolicy policy = s.floor_policy;
  if (at.speakers_list != nullptr) {
    // The list: those still inscribed first, then the new inscriptions in the order they came.
    requests.insert(requests.begin(), at.speakers_list->begin(), at.speakers_list->end());
    policy = FloorPolicy::first_come;
  }
  const FloorOutcome outcome = give_floor(requests, available, at.format.intervention_limit_minutes, policy);
  meeting.floor_minutes += std::max(0.0, available);
  timed.reserve(timed.size() + outcome.interventions.size());
  for (const Intervention& iv : outcome.interventions) {
    ++meeting.states[iv.state].interventions;
    meeting.states[iv.state].speaking_minutes += iv.minutes;
    timed.push_back({iv.state, at.slot.day, at_minute(calendar, at.venue, at.slot, opening + iv.start_minute)});
  }
  if (at.speakers_list != nullptr) {
    // In list order, the chair served a prefix: the rest stay inscribed.
    at.speakers_list->assign(requests.begin() + static_cast<std::ptrdiff_t>(outcome.interventions.size()), requests.end());
  } else {
    for (std::size_t k : outcome.unserved) ++meeting.states[k].unserved_requests;
  }
  return timed;
}

}  // namespace gcmsim::model
