#include "output/participation_csv.hpp"

#include <array>
#include <iterator>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "output/csv.hpp"
#include "output/states_csv.hpp"

namespace gcmsim::output {
namespace {

using model::MemberState;

struct DelegationTotals {
  int members = 0;
  int present = 0;
  int from_mission = 0;     // present through a permanent mission in the venue's city
  int capital_experts = 0;  // present with the capital's experts in the room
  int funded = 0;
  int funded_experts = 0;   // of the funded, an expert flown in to join a mission (the rest: travel)
  int funding_refused = 0;
  int floor_requests = 0;
  int interventions = 0;
  int unserved = 0;
  double minutes = 0.0;
};

// The development grouping's rows, in order (states_csv.hpp says who is in which).
constexpr std::string_view kDevelopmentNames[] = {"developed", "developing", "least_developed"};

// Whether a state attends a meeting through its permanent mission in the venue's city, as the
// attendance model decides (attendance_policy.cpp): the fund then pays only a capital expert's trip.
bool through_mission(const model::Scenario& scenario, const model::MeetingRecord& m, std::size_t state) {
  const model::Activity& a = scenario.activities[m.activity];
  const std::optional<model::MissionCity> city = a.venue ? scenario.venues.at(*a.venue).mission_city : std::nullopt;
  return city && scenario.member_states[state].has_mission(*city);
}

// One state into its group's totals.
void add_state(DelegationTotals& t, const model::MeetingRecord& m, std::size_t i, bool mission) {
  ++t.members;
  if (m.states.empty()) return;
  const model::StateAtMeeting& s = m.states[i];
  t.present += s.present ? 1 : 0;
  t.from_mission += s.present && mission ? 1 : 0;
  t.capital_experts += s.present && s.capital_expert ? 1 : 0;
  t.funded += s.funded ? 1 : 0;
  t.funded_experts += s.funded && mission ? 1 : 0;
  t.funding_refused += s.funding_refused ? 1 : 0;
  t.floor_requests += s.floor_requests;
  t.interventions += s.interventions;
  t.unserved += s.unserved_requests;
  t.minutes += s.speaking_minutes;
}

// A meeting's totals per regional group and per development group, in one pass over the states
// (in scenario order within each group, so each group's sum of minutes is added in that order).
struct MeetingTotals {
  std::array<DelegationTotals, model::kRegionalGroups> regional;
  std::array<DelegationTotals, std::size(kDevelopmentNames)> development;
};

MeetingTotals meeting_totals(const model::Scenario& scenario, const model::MeetingRecord& m) {
  MeetingTotals totals;
  for (std::size_t i = 0; i < scenario.member_states.size(); ++i) {
    const MemberState& st = scenario.member_states[i];
    const bool mission = !m.states.empty() && through_mission(scenario, m, i);
    add_state(totals.regional[static_cast<std::size_t>(st.group)], m, i, mission);
    const std::string_view dev = development_group(st);
    for (std::size_t d = 0; d < totals.development.size(); ++d) {
      if (kDevelopmentNames[d] == dev) add_state(totals.development[d], m, i, mission);
    }
  }
  return totals;
}

void check(const model::Scenario& scenario, const model::MeetingRecord& m, std::size_t index) {
  auto bad = [&](std::string_view what) {
    throw std::invalid_argument(fmt::format("participation: meeting record #{} {}", index, what));
  };
  if (m.activity >= scenario.activities.size()) {
    bad(fmt::format("names activity #{}, but the scenario has {}", m.activity, scenario.activities.size()));
  }
  if (!m.states.empty() && m.states.size() != scenario.member_states.size()) {
    bad(fmt::format("has {} states, expected {}", m.states.size(), scenario.member_states.size()));
  }
  if (!m.stakeholders.empty() && m.stakeholders.size() != scenario.stakeholders.size()) {
    bad(fmt::format("has {} stakeholder populations, expected {}", m.stakeholders.size(),
                    scenario.stakeholders.size()));
  }
}

}  // namespace

namespace {

// The columns every per-meeting table starts with: meeting,kind,venue,date; appended to the row
// being built.
struct MeetingFields {
  std::string_view id, kind, venue;
  std::string date;
};

MeetingFields meeting_fields(const model::Scenario& scenario, const model::RunResults& results,
                             const model::MeetingRecord& m, const Calendar& calendar) {
  const model::Activity& a = scenario.activities[m.activity];
  const bool started = m.activity < results.activities.size() && results.activities[m.activity].started;
  return {a.id, model::to_string(a.kind), a.venue ? std::string_view(scenario.venues.at(*a.venue).id) : std::string_view(),
          started ? calendar.date_string(results.activities[m.activity].start) : std::string()};
}

CsvTable& add(CsvTable& table, const MeetingFields& m) { return table.text(m.id).text(m.kind).text(m.venue).text(m.date); }

}  // namespace

std::string participation_csv(const model::Scenario& scenario, const model::RunResults& results,
                              const Calendar& calendar) {
  CsvTable table({"meeting", "kind", "venue", "date", "grouping", "group", "members", "delegations_present",
                  "from_mission", "capital_experts", "funded", "funded_experts", "funding_refused", "floor_requests",
                  "interventions", "unserved_requests", "speaking_minutes"});
  table.reserve(results.meetings.size() * 8, 112);
  for (std::size_t k = 0; k < results.meetings.size(); ++k) {
    const model::MeetingRecord& m = results.meetings[k];
    check(scenario, m, k);
    const MeetingFields meeting = meeting_fields(scenario, results, m, calendar);
    auto add_delegations = [&](std::string_view grouping, std::string_view group, const DelegationTotals& t) {
      add(table, meeting).text(grouping).text(group).integer(t.members).integer(t.present).integer(t.from_mission);
      table.integer(t.capital_experts).integer(t.funded).integer(t.funded_experts).integer(t.funding_refused);
      table.integer(t.floor_requests).integer(t.interventions).integer(t.unserved).number(t.minutes, 1).end_row();
    };
    const MeetingTotals totals = meeting_totals(scenario, m);
    for (std::size_t g = 0; g < totals.regional.size(); ++g) {
      add_delegations("regional_group", model::to_string(static_cast<model::RegionalGroup>(g)), totals.regional[g]);
    }
    for (std::size_t d = 0; d < totals.development.size(); ++d) {
      add_delegations("development", kDevelopmentNames[d], totals.development[d]);
    }
  }
  return std::move(table).str();
}

std::string stakeholders_csv(const model::Scenario& scenario, const model::RunResults& results, const Calendar& calendar) {
  CsvTable table({"meeting", "kind", "venue", "date", "stakeholder_kind", "organisations", "registered", "accredited",
                  "admitted", "speaking"});
  for (std::size_t k = 0; k < results.meetings.size(); ++k) {
    const model::MeetingRecord& m = results.meetings[k];
    check(scenario, m, k);
    const MeetingFields meeting = meeting_fields(scenario, results, m, calendar);
    for (std::size_t p = 0; p < scenario.stakeholders.size(); ++p) {
      const model::StakeholderPopulation& pop = scenario.stakeholders[p];
      const model::StakeholdersAtMeeting st = m.stakeholders.empty() ? model::StakeholdersAtMeeting{} : m.stakeholders[p];
      add(table, meeting).text(model::to_string(pop.kind)).integer(pop.organisations).integer(st.registered);
      table.integer(st.accredited).integer(st.admitted).integer(st.speaking).end_row();
    }
  }
  return std::move(table).str();
}

std::string attendance_csv(const model::Scenario& scenario, const model::RunResults& results, const Calendar&) {
  // Keyed by meeting and iso3 alone: the meeting's kind, venue and date are in timeline.csv and the
  // state's name in states.csv, not repeated on each of the meetings x states rows.
  CsvTable table({"meeting", "iso3", "present", "came_from", "capital_experts", "funded", "funded_for", "funding_refused",
                  "floor_requests", "interventions", "unserved_requests", "speaking_minutes"});
  table.reserve(results.meetings.size() * scenario.member_states.size(), 56);
  for (std::size_t k = 0; k < results.meetings.size(); ++k) {
    const model::MeetingRecord& m = results.meetings[k];
    check(scenario, m, k);
    const std::string_view meeting = scenario.activities[m.activity].id;
    for (std::size_t i = 0; i < scenario.member_states.size(); ++i) {
      const model::StateAtMeeting s = m.states.empty() ? model::StateAtMeeting{} : m.states[i];
      // As the attendance model decides (attendance_policy.cpp): a state with a permanent mission in
      // the venue's city attends through it, and the fund pays it only for a capital expert's trip;
      // any other delegation travels from its capital, the fund paying the trip.
      const bool mission = through_mission(scenario, m, i);
      table.text(meeting).text(scenario.member_states[i].iso3).boolean(s.present);
      table.text(!s.present ? "" : mission ? "mission" : "capital").boolean(s.capital_expert).boolean(s.funded);
      table.text(!s.funded ? "" : mission ? "capital_expert" : "travel").boolean(s.funding_refused);
      table.integer(s.floor_requests).integer(s.interventions).integer(s.unserved_requests);
      table.number(s.speaking_minutes, 1).end_row();
    }
  }
  return std::move(table).str();
}

}  // namespace gcmsim::output
