// The process model's events: activities become ready when planned and when what they need is done,
// documents are drafted, meetings open and follow their agenda, money arrives, states leave on the
// scenario's dates. Each handler steps the ProcessState through a policy and schedules what follows.
#include <algorithm>

#include "engine/fingerprint.hpp"
#include "models/process/agenda.hpp"
#include "models/process/attendance_policy.hpp"
#include "models/process/document_timing.hpp"
#include "models/process/fixed_dates.hpp"
#include "models/process/focal_point.hpp"
#include "models/process/moderators.hpp"
#include "models/process/process_simulation.hpp"

namespace gcmsim::model {
namespace {

// Meetings whose speaking feeds the summaries that the zero draft is built on (OP21, OP25, OP27).
bool is_consultation(ActivityKind kind) {
  return kind == ActivityKind::thematic_session || kind == ActivityKind::stocktaking;
}

}  // namespace

ProcessSimulation::ProcessSimulation(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication,
                                     ProcessListener* listener, const PlayedSeats* seats)
    : setup_(setup), s_(setup.scenario()), cal_(setup.calendar()), streams_(seed, replication),
      state_(initial_state(setup, seed, replication, seats)), listener_(listener) {}

RunResults ProcessSimulation::run(EventObserver* observer) {
  Fingerprint fingerprint;
  sim_.add_observer(fingerprint);
  if (observer != nullptr) sim_.add_observer(*observer);
  RandomStream accreditation = streams_.stream("accreditation");
  state_.accredited = accredit(s_.stakeholders, accreditation);
  RandomStream moderators = streams_.stream("moderators");
  state_.moderators = appoint_session_moderators(s_, setup_.co_facilitators(), moderators);
  schedule_contributions();
  schedule_withdrawals();
  for (std::size_t i = 0; i < s_.activities.size(); ++i) {
    if (state_.waiting[i] == 0) sim_.schedule_at(planned_start(i), [this, i] { on_ready(i); }, tag(EventKind::activity_ready, i));
  }
  sim_.run();
  RunResults& results = state_.results;
  results.trust_fund = state_.fund.record;
  if (state_.negotiation) results.negotiation = state_.negotiation->take_record();
  results.events = sim_.events_processed();
  results.fingerprint = fingerprint.hex();
  return std::move(results);
}

SimTime ProcessSimulation::planned_start(std::size_t i) const { return cal_.at(setup_.plan().activities[i].start); }

// --- activities ----------------------------------------------------------------------------------
void ProcessSimulation::on_ready(std::size_t i) {
  const Activity& a = s_.activities[i];
  ActivityRecord& rec = state_.results.activities[i];
  const SimTime planned = planned_start(i);
  rec.cause = StartCause{};
  if (sim_.now() > planned) {
    rec.cause.planned = false;
    rec.cause.waited_for = last_prerequisite(i);
  }
  SimTime earliest = std::max(planned, sim_.now());
  // OP10: work the Secretary-General of the Conference leads waits for the appointment.
  if (const SimTime led = focal_point_start(s_, cal_, a.kind, earliest); led > earliest) {
    rec.cause = StartCause{false, std::nullopt, true};
    earliest = led;
  }
  if (is_meeting(a.kind) && a.venue) {
    const SimTime opening = meeting_opening(cal_, setup_.venue_id(*a.venue), earliest);
    sim_.schedule_at(opening, [this, i] { open_meeting(i); }, tag(EventKind::meeting_open, i));
  } else {
    const SimTime start = drafting_start(cal_, earliest);
    sim_.schedule_at(start, [this, i] { start_document(i); }, tag(EventKind::document_start, i));
  }
}

std::optional<std::size_t> ProcessSimulation::last_prerequisite(std::size_t i) const {
  const auto& records = state_.results.activities;
  std::optional<std::size_t> last;
  for (std::size_t need : s_.activities[i].needs) {
    if (!waits_for(s_.activities[i].kind, s_.activities[need].kind)) continue;  // a soft need did not hold it
    if (!last || records[need].end > records[*last].end) last = need;
  }
  return last;
}

void ProcessSimulation::start_document(std::size_t i) {
  ActivityRecord& rec = state_.results.activities[i];
  rec.started = true;
  rec.start = sim_.now();
  RandomStream stream = streams_.stream("drafting", i);
  const int days = drafting_days(s_.activities[i].days, s_.parameters.drafting, stream);
  sim_.schedule_at(drafting_end(cal_, sim_.now(), days), [this, i] { finish(i); }, tag(EventKind::activity_done, i));
}

void ProcessSimulation::finish(std::size_t i) {
  ActivityRecord& rec = state_.results.activities[i];
  rec.finished = true;
  rec.end = sim_.now();
  if (state_.negotiation && s_.activities[i].kind == ActivityKind::zero_draft) circulate_zero_draft(i);
  for (std::size_t d : setup_.dependants(i)) {
    if (!waits_for(s_.activities[d].kind, s_.activities[i].kind)) continue;  // already on its date (fixed_dates.hpp)
    if (--state_.waiting[d] == 0) {
      // Ready now, but not before its plan says.
      sim_.schedule_at(std::max(sim_.now(), planned_start(d)), [this, d] { on_ready(d); }, tag(EventKind::activity_ready, d));
    }
  }
}

// --- meetings ------------------------------------------------------------------------------------
void ProcessSimulation::open_meeting(std::size_t i) {
  const Activity& a = s_.activities[i];
  const VenueId venue = setup_.venue_id(*a.venue);
  ActivityRecord& rec = state_.results.activities[i];
  rec.started = true;
  rec.start = sim_.now();

  MeetingRecord meeting;
  meeting.activity = i;
  meeting.states.resize(s_.member_states.size());
  if (auto it = state_.moderators.find(i); it != state_.moderators.end()) meeting.moderators = it->second;
  RandomStream attendance = streams_.stream("attendance", i);
  decide_attendance(setup_, sim_.now(), state_, attendance, meeting);

  const MeetingFormat* format = a.format ? &s_.formats.at(*a.format) : nullptr;
  SimTime end = 0;
  int speaker_slots = 0;
  std::vector<TimedIntervention> interventions;
  std::vector<SimTime> day_ends;
  std::vector<FloorRequest> speakers_list;  // used when the format has a pre-inscribed list
  std::vector<FloorRequest>* list = format != nullptr && format->pre_inscribed_list ? &speakers_list : nullptr;
  if (format != nullptr && !format->agenda.empty()) {
    const auto slots = schedule_agenda(*format, a.sitting_offsets(cal_), cal_, venue, sim_.now());
    RandomStream floor_stream = streams_.stream("floor", i);
    for (const AgendaSlot& slot : slots) {
      const AgendaItem& item = format->agenda[slot.item];
      sim_.schedule_at(slot.start, [] {}, tag(EventKind::agenda_item, i));
      speaker_slots += item.stakeholder_slots;
      if (item.floor) {
        const auto timed = hold_floor(setup_, FloorItem{*format, item, slot, venue, list}, meeting, floor_stream);
        interventions.insert(interventions.end(), timed.begin(), timed.end());
      }
      end = std::max(end, slot.end);
      const auto day = static_cast<std::size_t>(slot.day);
      if (day_ends.size() < day) day_ends.resize(day, 0);
      day_ends[day - 1] = std::max(day_ends[day - 1], slot.end);
    }
  }
  for (const FloorRequest& r : speakers_list) ++meeting.states[r.state].unserved_requests;  // never reached
  if (end == 0) end = last_session_end(cal_, venue, sim_.now(), a.sitting_offsets(cal_));
  if (keeps_its_date(a.kind)) {
    for (std::size_t need : a.needs) rec.inputs_missing += state_.results.activities[need].finished ? 0 : 1;
  }
  if (is_consultation(a.kind)) {
    // A meeting that kept its date without all its inputs (summaries still being written) carries
    // less into the zero draft: its discussion counts by the share of its inputs that had arrived.
    const double weight = a.needs.empty() ? 1.0
                                          : 1.0 - static_cast<double>(rec.inputs_missing) / static_cast<double>(a.needs.size());
    for (std::size_t k = 0; k < meeting.states.size(); ++k)
      state_.consultation_minutes[k] += weight * meeting.states[k].speaking_minutes;
  }
  if (listener_ != nullptr) {
    MeetingOpened opened{i, 0, 0, 0};
    std::vector<bool> boycotting(meeting.states.size(), false);
    for (const ScriptedBoycott& b : s_.boycotts) {
      if (b.activity != i) continue;
      for (std::size_t k : b.states) boycotting[k] = true;
    }
    for (std::size_t k = 0; k < meeting.states.size(); ++k) {
      opened.present += meeting.states[k].present;
      const bool invited = a.invites(s_.member_states[k]) && !state_.withdrawn[k];
      opened.invited += invited;
      opened.boycotting += invited && boycotting[k];
    }
    tell(opened);
  }
  if (state_.negotiation && a.kind == ActivityKind::negotiation_round) schedule_negotiation(i, meeting, interventions, day_ends, end);
  if (state_.negotiation && a.kind == ActivityKind::conference) {
    sim_.schedule_at(end, [this, i] { vote_at_conference(i); }, tag(EventKind::conference_vote, i), -1);
  }

  RandomStream stakeholder_stream = streams_.stream("stakeholders", i);
  meeting.stakeholders = stakeholders_at_meeting(s_.stakeholders, state_.accredited, s_.venues[*a.venue].capacity,
                                                 speaker_slots, stakeholder_stream);
  state_.results.meetings.push_back(std::move(meeting));
  sim_.schedule_at(end, [this, i] { finish(i); }, tag(EventKind::activity_done, i));
}

// --- the trust fund and scripted withdrawals -----------------------------------------------------
void ProcessSimulation::schedule_contributions() {
  for (std::size_t c = 0; c < s_.trust_fund.contributions.size(); ++c) {
    const Contribution& contribution = s_.trust_fund.contributions[c];
    const SimTime when = std::max<SimTime>(0, cal_.at(contribution.date));
    sim_.schedule_at(when, [this, c] {
      contribute(state_.fund, s_.trust_fund.contributions[c].usd, sim_.now(), c);
    }, tag(EventKind::contribution, c), -1);  // money that arrives on a day is there for that day's trips
  }
}

void ProcessSimulation::schedule_withdrawals() {
  for (const ScriptedWithdrawal& w : s_.withdrawals) {
    const std::size_t k = *s_.find_state(w.state);
    const ScriptedWithdrawal* scripted = &w;
    sim_.schedule_at(std::max<SimTime>(0, cal_.at(w.date)), [this, k, scripted] {
      if (state_.withdrawn[k]) return;
      state_.withdrawn[k] = true;
      if (state_.negotiation) state_.negotiation->leave(k, sim_.now());
      Withdrawal withdrawal{k, sim_.now(), WithdrawalCause::scripted, 0.0, 0.0, scripted->note};
      if (listener_ != nullptr) tell(StateLeft{withdrawal});
      state_.results.withdrawals.push_back(std::move(withdrawal));
    }, tag(EventKind::withdrawal, k), -1);
  }
}

}  // namespace gcmsim::model
