#include "models/scenario.hpp"

#include <algorithm>

namespace gcmsim::model {

bool MemberState::has_mission(MissionCity city) const {
  return std::find(missions.begin(), missions.end(), city) != missions.end();
}

double MemberState::stance_on(Date day) const {
  double value = 0.0;
  for (const auto& [from, s] : stance) {
    if (from > day) break;
    value = s;
  }
  return value;
}

bool is_meeting(ActivityKind kind) {
  switch (kind) {
    case ActivityKind::thematic_session:
    case ActivityKind::regional_consultation:
    case ActivityKind::stakeholder_hearing:
    case ActivityKind::other_input:
    case ActivityKind::stocktaking:
    case ActivityKind::negotiation_round:
    case ActivityKind::conference:
      return true;
    default:
      return false;
  }
}

bool Activity::invites(const MemberState& state) const {
  if (participant_groups.empty() && participant_coalitions.empty()) return true;
  if (std::find(participant_groups.begin(), participant_groups.end(), state.group) != participant_groups.end()) return true;
  return std::any_of(state.coalitions.begin(), state.coalitions.end(), [&](const std::string& c) {
    return std::find(participant_coalitions.begin(), participant_coalitions.end(), c) != participant_coalitions.end();
  });
}

std::vector<int> Activity::sitting_offsets(const Calendar& calendar) const {
  std::vector<int> out;
  if (sitting_dates.empty()) {
    for (int d = 0; d < days; ++d) out.push_back(d);
    return out;
  }
  for (const Date& d : sitting_dates) out.push_back(calendar.working_days_between(sitting_dates.front(), d));
  return out;
}

int MeetingFormat::panels() const {
  return static_cast<int>(std::count_if(agenda.begin(), agenda.end(),
                                        [](const AgendaItem& a) { return a.kind == AgendaItemKind::panel; }));
}

namespace {
template <class T>
std::optional<std::size_t> find_by(const std::vector<T>& items, std::string_view key, auto member) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].*member == key) return i;
  }
  return std::nullopt;
}
}  // namespace

std::optional<std::size_t> Scenario::find_activity(std::string_view id) const {
  return find_by(activities, id, &Activity::id);
}
std::optional<std::size_t> Scenario::find_state(std::string_view iso3) const {
  return find_by(member_states, iso3, &MemberState::iso3);
}
std::optional<std::size_t> Scenario::find_venue(std::string_view id) const {
  return find_by(venues, id, &Venue::id);
}

Calendar Scenario::make_calendar() const {
  Calendar calendar(epoch);
  for (const Date& d : holidays) calendar.add_holiday(d);
  for (const Venue& v : venues) {
    calendar.venue_id(v.id);
    if (!v.session_hours.empty()) calendar.set_session_hours(v.id, v.session_hours);
  }
  return calendar;
}

}  // namespace gcmsim::model
