#pragma once
// One agenda item with the floor open to delegations: after the moderator and the experts (panels),
// each present delegation asks to speak with a chance that grows with the theme's salience and its
// engagement, wanting about `mean_intervention_share` of the time limit; requests arrive in no
// particular order, and the chair gives the floor under the scenario's policy (floor.hpp).
//
// With a pre-inscribed list (the format's `pre_inscribed_list`, as at high-level plenaries),
// delegations inscribe in advance, in the order their requests reach the secretariat, and the chair
// calls them in list order whatever the floor policy; a delegation the time does not reach keeps
// its place at the head of the list for the meeting's next floor item instead of asking again, so
// only those still inscribed when the meeting closes go unserved. The informal thematic sessions
// have no such list (procedural note, PN II.c).
#include <vector>

#include "models/process/floor.hpp"

#include "engine/calendar.hpp"
#include "engine/random_streams.hpp"
#include "models/process/agenda.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"
#include "models/setup/scenario_setup.hpp"

namespace gcmsim::model {

// Where an item sits: its meeting's format, agenda item, slot on the calendar and venue.
struct FloorItem {
  const MeetingFormat& format;
  const AgendaItem& item;
  const AgendaSlot& slot;
  VenueId venue;
  std::vector<FloorRequest>* speakers_list;  // the meeting's pre-inscribed list; null when it has none
};

// An intervention placed on the calendar (negotiation rounds replay them as events).
struct TimedIntervention {
  std::size_t state = 0;
  int day = 1;
  SimTime when = 0;
  int group = -1;  // a group statement: index into Scenario::speaking_groups (state is its speaker)
};

// Holds the discussion of meeting.activity, each present delegation asking with its chance in
// setup.meeting_odds (floor_request_probability, computed once per scenario): adds floor requests, interventions, speaking minutes and unserved requests
// to `meeting` (with a list: those not reached stay on it, and the caller counts them unserved when
// the meeting ends), the open floor time to meeting.floor_minutes, and returns the interventions in
// speaking order with their times.
std::vector<TimedIntervention> hold_floor(const ScenarioSetup& setup, const FloorItem& at, MeetingRecord& meeting,
                                          RandomStream& stream);

}  // namespace gcmsim::model
