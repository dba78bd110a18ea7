#include "models/run/participation.hpp"

#include <vector>

namespace gcmsim::sim {

Status status_of(const model::MemberState& state) {
  if (state.ldc) return Status::ldc;
  return state.development == model::Development::developed ? Status::developed : Status::developing;
}

namespace {

// Accumulates one partition of the member states (groups or statuses) over the meetings.
template <std::size_t N, class Key>
void fill(std::array<GroupParticipation, N>& sets, const model::Scenario& scenario, const model::RunResults& results,
          double total_minutes, Key key_of) {
  const std::size_t n = scenario.member_states.size();
  for (std::size_t s = 0; s < n; ++s) ++sets[key_of(s)].members;
  std::array<double, N> share_sum{};
  for (const model::MeetingRecord& m : results.meetings) {
    std::array<int, N> present{};
    for (std::size_t s = 0; s < m.states.size() && s < n; ++s) {
      const model::StateAtMeeting& st = m.states[s];
      GroupParticipation& g = sets[key_of(s)];
      present[key_of(s)] += st.present ? 1 : 0;
      g.speaking_minutes += st.speaking_minutes;
      g.unserved_requests += st.unserved_requests;
      g.trips_funded += st.funded ? 1 : 0;
    }
    for (std::size_t g = 0; g < N; ++g) {
      if (sets[g].members > 0) share_sum[g] += static_cast<double>(present[g]) / sets[g].members;
    }
  }
  for (std::size_t g = 0; g < N; ++g) {
    GroupParticipation& gp = sets[g];
    if (gp.members > 0 && !results.meetings.empty()) gp.attendance_share = share_sum[g] / static_cast<double>(results.meetings.size());
    if (total_minutes > 0.0) gp.speaking_share = gp.speaking_minutes / total_minutes;
    if (n > 0) gp.membership_share = gp.members / static_cast<double>(n);
  }
}

}  // namespace

Participation participation(const model::Scenario& scenario, const model::RunResults& results) {
  Participation out;
  const std::size_t n = scenario.member_states.size();
  for (const model::MeetingRecord& m : results.meetings) {
    for (std::size_t s = 0; s < m.states.size() && s < n; ++s) {
      out.speaking_minutes += m.states[s].speaking_minutes;
      out.unserved_requests += m.states[s].unserved_requests;
    }
  }
  fill(out.groups, scenario, results, out.speaking_minutes,
       [&](std::size_t s) { return static_cast<std::size_t>(scenario.member_states[s].group); });
  fill(out.statuses, scenario, results, out.speaking_minutes,
       [&](std::size_t s) { return static_cast<std::size_t>(status_of(scenario.member_states[s])); });
  return out;
}

}  // namespace gcmsim::sim
