#include "models/process/process_model.hpp"

#include <algorithm>
#include <map>

#include "engine/fingerprint.hpp"
#include "engine/random_streams.hpp"
#include "engine/simulator.hpp"
#include <fmt/format.h>

#include "models/negotiation/negotiation.hpp"
#include "models/process/activity_runner.hpp"
#include "models/process/attendance.hpp"
#include "models/process/floor.hpp"
#include "models/process/meeting_runner.hpp"
#include "models/process/moderators.hpp"
#include "models/process/stakeholders.hpp"
#include "models/process/trust_fund.hpp"

namespace gcmsim::model {
namespace {

// OP31: the fund serves the preparatory process and the conference, not the regional commissions'
// meetings or other processes' events (GFMD, IOM's dialogue), which have their own arrangements.
bool trust_fund_covers(ActivityKind kind) {
  return kind == ActivityKind::thematic_session || kind == ActivityKind::stakeholder_hearing ||
         kind == ActivityKind::stocktaking || kind == ActivityKind::negotiation_round || kind == ActivityKind::conference;
}

struct TimedIntervention {
  std::size_t state;
  int day;
  SimTime when;
};

// Meetings whose speaking feeds the summaries that the zero draft is built on (OP21, OP25, OP27).
bool is_consultation(ActivityKind kind) {
  return kind == ActivityKind::thematic_session || kind == ActivityKind::stocktaking;
}

bool chaired_by_co_facilitators(ActivityKind kind) {
  return kind == ActivityKind::thematic_session || kind == ActivityKind::stocktaking ||
         kind == ActivityKind::negotiation_round;
}

constexpr EventTag tag(ProcessEvent kind, std::size_t target) {
  return EventTag{static_cast<std::uint32_t>(kind), static_cast<std::uint32_t>(target)};
}

class ProcessSimulation {
 public:
  ProcessSimulation(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication, Narrator* narrator)
      : setup_(setup), s_(setup.scenario()), plan_(setup.plan()), cal_(setup.calendar()), streams_(seed, replication),
        narrator_(narrator) {
    const Scenario& s = s_;
    if (s.negotiation) negotiation_.emplace(s);
    consultation_minutes_.assign(s.member_states.size(), 0.0);
    results_.seed = seed;
    results_.replication = replication;
    results_.activities.resize(s.activities.size());
    withdrawn_.assign(s.member_states.size(), false);
    for (std::size_t i = 0; i < s.activities.size(); ++i) waiting_.push_back(static_cast<int>(s.activities[i].needs.size()));
    attendance_ = AttendanceParams{s.parameters.attendance.base, s.parameters.attendance.mission_weight,
                                   s.parameters.attendance.salience_weight, s.parameters.attendance.cost_weight,
                                   s.parameters.attendance.funding_weight, s.parameters.attendance.engagement_weight,
                                   s.parameters.attendance.engagement_default};
  }

  RunResults run(EventObserver* observer) {
    Fingerprint fingerprint;
    sim_.add_observer(fingerprint);
    if (observer != nullptr) sim_.add_observer(*observer);
    RandomStream accreditation = streams_.stream("accreditation");
    accredited_ = accredit(s_.stakeholders, accreditation);
    appoint_all_moderators();
    schedule_contributions();
    schedule_withdrawals();
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      if (waiting_[i] == 0) sim_.schedule_at(planned_start(i), [this, i] { on_ready(i); }, tag(ProcessEvent::activity_ready, i));
    }
    sim_.run();
    results_.trust_fund = fund_.record;
    if (negotiation_) results_.negotiation = negotiation_->take_record();
    results_.events = sim_.events_processed();
    results_.fingerprint = fingerprint.hex();
    return std::move(results_);
  }

 private:
  SimTime planned_start(std::size_t i) const { return cal_.at(plan_.activities[i].start); }

  // --- activities ---------------------------------------------------------------------------------
  void on_ready(std::size_t i) {
    const Activity& a = s_.activities[i];
    ActivityRecord& rec = results_.activities[i];
    const SimTime planned = planned_start(i);
    rec.cause = StartCause{};
    if (sim_.now() > planned) {
      rec.cause.planned = false;
      rec.cause.waited_for = last_prerequisite(i);
    }
    const SimTime earliest = std::max(planned, sim_.now());
    if (is_meeting(a.kind) && a.venue) {
      const SimTime opening = meeting_opening(cal_, setup_.venue_id(*a.venue), earliest);
      sim_.schedule_at(opening, [this, i] { open_meeting(i); }, tag(ProcessEvent::meeting_open, i));
    } else {
      const SimTime start = drafting_start(cal_, earliest);
      sim_.schedule_at(start, [this, i] { start_document(i); }, tag(ProcessEvent::document_start, i));
    }
  }

  std::optional<std::size_t> last_prerequisite(std::size_t i) const {
    std::optional<std::size_t> last;
    for (std::size_t need : s_.activities[i].needs) {
      if (!last || results_.activities[need].end > results_.activities[*last].end) last = need;
    }
    return last;
  }

  void start_document(std::size_t i) {
    ActivityRecord& rec = results_.activities[i];
    rec.started = true;
    rec.start = sim_.now();
    RandomStream stream = streams_.stream("drafting", i);
    const int days = drafting_days(s_.activities[i].days, s_.parameters.drafting, stream);
    sim_.schedule_at(drafting_end(cal_, sim_.now(), days), [this, i] { finish(i); }, tag(ProcessEvent::activity_done, i));
  }

  void finish(std::size_t i) {
    ActivityRecord& rec = results_.activities[i];
    rec.finished = true;
    rec.end = sim_.now();
    if (negotiation_ && s_.activities[i].kind == ActivityKind::zero_draft) circulate_zero_draft(i);
    for (std::size_t d : setup_.dependants(i)) {
      if (--waiting_[d] == 0) {
        // Ready now, but not before its plan says.
        sim_.schedule_at(std::max(sim_.now(), planned_start(d)), [this, d] { on_ready(d); }, tag(ProcessEvent::activity_ready, d));
      }
    }
  }

  // --- meetings -----------------------------------------------------------------------------------
  void open_meeting(std::size_t i) {
    current_meeting_ = i;
    const Activity& a = s_.activities[i];
    const VenueId venue = setup_.venue_id(*a.venue);
    ActivityRecord& rec = results_.activities[i];
    rec.started = true;
    rec.start = sim_.now();

    MeetingRecord meeting;
    meeting.activity = i;
    meeting.states.resize(s_.member_states.size());
    if (auto it = moderators_.find(i); it != moderators_.end()) meeting.moderators = it->second;
    decide_attendance(a, meeting);

    const MeetingFormat* format = a.format ? &s_.formats.at(*a.format) : nullptr;
    SimTime end = 0;
    int speaker_slots = 0;
    std::vector<TimedIntervention> interventions;
    std::vector<SimTime> day_ends;
    if (format != nullptr && !format->agenda.empty()) {
      const auto slots = schedule_agenda(*format, a.days, cal_, venue, sim_.now());
      RandomStream floor_stream = streams_.stream("floor", i);
      for (const AgendaSlot& slot : slots) {
        const AgendaItem& item = format->agenda[slot.item];
        sim_.schedule_at(slot.start, [] {}, tag(ProcessEvent::agenda_item, i));
        speaker_slots += item.stakeholder_slots;
        if (item.floor) hold_floor(a, *format, item, slot, meeting, floor_stream, interventions);
        end = std::max(end, slot.end);
        if (static_cast<int>(day_ends.size()) < slot.day) day_ends.resize(static_cast<std::size_t>(slot.day), 0);
        day_ends[static_cast<std::size_t>(slot.day - 1)] = std::max(day_ends[static_cast<std::size_t>(slot.day - 1)], slot.end);
      }
    }
    if (end == 0) end = last_session_end(cal_, venue, sim_.now(), a.days);
    if (is_consultation(a.kind)) {
      for (std::size_t k = 0; k < meeting.states.size(); ++k) consultation_minutes_[k] += meeting.states[k].speaking_minutes;
    }
    narrate_opening(i, meeting);
    if (negotiation_ && a.kind == ActivityKind::negotiation_round) schedule_negotiation(i, meeting, interventions, day_ends, end);
    if (negotiation_ && a.kind == ActivityKind::conference) {
      sim_.schedule_at(end, [this, i] { vote_at_conference(i); }, tag(ProcessEvent::conference_vote, i), -1);
    }

    RandomStream stakeholder_stream = streams_.stream("stakeholders", i);
    meeting.stakeholders = stakeholders_at_meeting(s_.stakeholders, accredited_, s_.venues[*a.venue].capacity,
                                                   speaker_slots, stakeholder_stream);
    results_.meetings.push_back(std::move(meeting));
    sim_.schedule_at(end, [this, i] { finish(i); }, tag(ProcessEvent::activity_done, i));
  }

  void decide_attendance(const Activity& a, MeetingRecord& meeting) {
    const Venue& venue = s_.venues[*a.venue];
    const auto cost_it = s_.trust_fund.travel_cost_usd.find(venue.id);
    const double travel_cost = cost_it == s_.trust_fund.travel_cost_usd.end() ? 0.0 : cost_it->second;
    RandomStream stream = streams_.stream("attendance", meeting.activity);

    const std::size_t n = s_.member_states.size();
    std::vector<double> draw(n);
    std::vector<double> p_alone(n);
    std::vector<double> p_funded(n);
    std::vector<std::size_t> requesting;
    // Until the first contribution arrives the fund is not yet operating: nobody applies to it.
    const bool fund_open = trust_fund_covers(a.kind) && fund_.record.raised > 0.0;
    for (std::size_t k = 0; k < n; ++k) {
      draw[k] = stream.uniform01();  // drawn for every state, so one state's change leaves the others' draws alone
      const MemberState& st = s_.member_states[k];
      if (withdrawn_[k] || !a.invites(st)) continue;
      const bool mission = venue.mission_city && st.has_mission(*venue.mission_city);
      const double cost = mission ? 0.0 : travel_cost;
      const double salience = theme_salience(st, a.theme);
      p_alone[k] = attendance_probability(st, salience, mission, cost, false, attendance_);
      // A funded trip costs the delegation nothing: the fund's support replaces the cost penalty.
      p_funded[k] = attendance_probability(st, salience, mission, 0.0, true, attendance_);
      // An eligible delegation that would travel with support asks the fund for it (OP31).
      if (fund_open && !mission && cost > 0 && draw[k] < p_funded[k] && eligible_for_trust_fund(s_.trust_fund, st)) {
        requesting.push_back(k);
      }
    }
    const std::vector<bool> funded =
        fund_travel(fund_, s_.trust_fund, s_.member_states, requesting, venue.id, sim_.now());
    for (std::size_t r = 0; r < requesting.size(); ++r) {
      meeting.states[requesting[r]].funded = funded[r];
      meeting.states[requesting[r]].funding_refused = !funded[r];
    }
    for (std::size_t k = 0; k < n; ++k) {
      if (withdrawn_[k] || !a.invites(s_.member_states[k])) continue;
      StateAtMeeting& sm = meeting.states[k];
      sm.present = sm.funded || draw[k] < p_alone[k];
    }
    // The co-facilitators co-chair the sessions, the stocktaking and the negotiations (OP5, OP15,
    // OP23); moderators lead their panels (OP17).
    if (chaired_by_co_facilitators(a.kind)) {
      for (std::size_t k : setup_.co_facilitators()) meeting.states[k].present = !withdrawn_[k];
    }
    for (std::size_t k : meeting.moderators) {
      meeting.states[k].present = !withdrawn_[k];
      meeting.states[k].moderated = true;
    }
  }

  void hold_floor(const Activity& a, const MeetingFormat& format, const AgendaItem& item, const AgendaSlot& slot,
                  MeetingRecord& meeting, RandomStream& stream, std::vector<TimedIntervention>& timed) {
    double available = slot.held_minutes;
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
    const FloorParameters& fp = s_.parameters.floor;
    std::vector<FloorRequest> requests;
    for (std::size_t k = 0; k < meeting.states.size(); ++k) {
      if (!meeting.states[k].present) continue;
      const MemberState& st = s_.member_states[k];
      const double engagement = st.engagement.value_or(attendance_.engagement_default);
      const double p = std::clamp(fp.request_rate * (0.5 + theme_salience(st, a.theme)) * engagement /
                                      attendance_.engagement_default, 0.0, 0.95);
      const bool asks = stream.bernoulli(p);
      const double share = stream.uniform(0.8, 1.2);
      if (asks) requests.push_back({k, st.group, format.intervention_limit_minutes * fp.mean_intervention_share * share});
    }
    // Requests arrive in no particular order: shuffle them (Fisher-Yates).
    for (std::size_t r = requests.size(); r > 1; --r) std::swap(requests[r - 1], requests[stream.uniform_index(r)]);
    const FloorOutcome outcome = give_floor(requests, available, format.intervention_limit_minutes, s_.floor_policy);
    meeting.floor_minutes += std::max(0.0, available);
    for (const FloorRequest& r : requests) ++meeting.states[r.state].floor_requests;
    for (const Intervention& iv : outcome.interventions) {
      ++meeting.states[iv.state].interventions;
      meeting.states[iv.state].speaking_minutes += iv.minutes;
      timed.push_back({iv.state, slot.day, at_minute(slot, opening + iv.start_minute)});
    }
    for (std::size_t k : outcome.unserved) ++meeting.states[k].unserved_requests;
  }

  // A minute into an agenda slot, skipping the lunch break if the slot spans it.
  SimTime at_minute(const AgendaSlot& slot, double minute) const {
    const VenueId venue = setup_.venue_id(*s_.activities[current_meeting_].venue);
    SimTime t = slot.start;
    auto remaining = static_cast<SimTime>(std::llround(minute * 60.0));
    while (remaining > 0) {
      const SimTime window_end = cal_.session_end(venue, t);
      if (t + remaining < window_end) return t + remaining;
      remaining -= window_end - t;
      const auto next = cal_.next_session_slot(venue, window_end);
      if (!next) return window_end;
      t = *next;
    }
    return t;
  }

  // --- negotiation --------------------------------------------------------------------------------
  void circulate_zero_draft(std::size_t i) {
    negotiation_->circulate_zero_draft(sim_.now(), i, consultation_minutes_);
    if (narrator_ == nullptr) return;
    narrator_->say(sim_.now(), fmt::format("The co-facilitators circulate the zero draft: {}", describe_draft()));
  }

  void schedule_negotiation(std::size_t i, const MeetingRecord& meeting, const std::vector<TimedIntervention>& interventions,
                            const std::vector<SimTime>& day_ends, SimTime end) {
    for (const TimedIntervention& iv : interventions) {
      const std::size_t k = iv.state;
      const int day = iv.day;
      sim_.schedule_at(iv.when, [this, i, k, day] { on_intervention(i, k, day); }, tag(ProcessEvent::intervention, k));
    }
    std::vector<std::vector<double>> voices;
    for (std::size_t d = 0; d < day_ends.size(); ++d) voices.push_back(day_voice(meeting, interventions, static_cast<int>(d + 1)));
    for (std::size_t d = 0; d < day_ends.size(); ++d) {
      const int day = static_cast<int>(d + 1);
      auto voice = voices[d];
      sim_.schedule_at(day_ends[d], [this, i, day, voice] { on_day_end(i, day, voice); }, tag(ProcessEvent::negotiation_day, i), -1);
    }
    auto round_voice = day_voice(meeting, interventions, 0);
    sim_.schedule_at(end, [this, i, round_voice] { on_round_end(i, round_voice); }, tag(ProcessEvent::negotiation_round_end, i), -1);
  }

  // Voice per member state on one sitting day (day 0: the whole round).
  std::vector<double> day_voice(const MeetingRecord& meeting, const std::vector<TimedIntervention>& interventions, int day) const {
    const NegotiationParameters& p = s_.negotiation->parameters;
    std::vector<double> voice(meeting.states.size(), p.voice_absent);
    for (std::size_t k = 0; k < meeting.states.size(); ++k) {
      if (meeting.states[k].present) voice[k] = p.voice_present;
    }
    for (const TimedIntervention& iv : interventions) {
      if (day == 0 || iv.day == day) voice[iv.state] = p.voice_spoke;
    }
    return voice;
  }

  void on_intervention(std::size_t round, std::size_t state, int day) {
    const DraftPull pull = negotiation_->intervention(state);
    if (narrator_ == nullptr || !negotiation_->takes_part(state)) return;
    narrator_->say(sim_.now(), fmt::format("Round {}, day {}, {} \u2014 {} takes the floor on {}; the draft moves {:.2f} toward it",
                                           setup_.round_number(round), day, clock_string(cal_.time_of_day(sim_.now()) / kMinute * kMinute),
                                           s_.member_states[state].name, lowercase_first(negotiation_->dimension_name(pull.dimension)),
                                           pull.moved));
  }

  void on_day_end(std::size_t round, int day, const std::vector<double>& voice) {
    const double moved = negotiation_->end_of_day(round, day, sim_.now(), voice);
    if (narrator_ == nullptr) return;
    narrator_->say(sim_.now(), fmt::format("Round {}, day {} closes: informal consultations move positions by {:.2f} on average",
                                           setup_.round_number(round), day, moved));
  }

  void on_round_end(std::size_t round, const std::vector<double>& voice) {
    const auto leaving = negotiation_->end_of_round(round, sim_.now(), voice);
    for (std::size_t k : leaving) {
      const double acceptance = negotiation_->acceptance_of(k);
      const double reservation = negotiation_->reservation_of(k);
      withdrawn_[k] = true;
      results_.withdrawals.push_back(
          {k, sim_.now(), fmt::format("acceptance {:.3f} below its reservation {:.3f}", acceptance, reservation), acceptance, reservation});
      if (narrator_ != nullptr) {
        narrator_->say(sim_.now(), fmt::format("{} leaves the process: the draft is too far from its views (acceptance {:.3f}, "
                                               "reservation {:.3f})", s_.member_states[k].name, acceptance, reservation));
      }
    }
    if (narrator_ == nullptr) return;
    const auto& snap = negotiation_->record().dynamics.back();
    narrator_->say(sim_.now(), fmt::format("Round {} ends. Revised draft: {}. Consensus {:.0f}% of {} delegations{}",
                                           setup_.round_number(round), describe_draft(), 100.0 * snap.consensus_share, snap.remaining,
                                           negotiation_->record().agreed_round == round ? " \u2014 the text is agreed" : ""));
  }

  void vote_at_conference(std::size_t i) {
    negotiation_->conference(sim_.now());
    if (narrator_ == nullptr) return;
    int adopt = 0, abstain = 0, object = 0, left = 0;
    for (const auto& [k, vote] : negotiation_->record().conference) {
      adopt += vote == ConferenceVote::adopt;
      abstain += vote == ConferenceVote::abstain;
      object += vote == ConferenceVote::object;
      left += vote == ConferenceVote::left;
    }
    narrator_->say(sim_.now(), fmt::format("{}: {} adopt, {} abstain, {} object; {} left the process before", s_.activities[i].name.empty()
                                               ? s_.activities[i].id : s_.activities[i].name, adopt, abstain, object, left));
  }

  std::string describe_draft() const {
    const auto draft = negotiation_->draft_on_scale();
    const auto brackets = negotiation_->bracketed();
    std::vector<std::string> parts;
    for (std::size_t d = 0; d < draft.size(); ++d) {
      parts.push_back(fmt::format("{} {:.1f}{}", lowercase_first(negotiation_->dimension_name(d)), draft[d], brackets[d] ? " [bracketed]" : ""));
    }
    return fmt::format("{}", fmt::join(parts, "; "));
  }

  static std::string lowercase_first(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
  }

  void narrate_opening(std::size_t i, const MeetingRecord& meeting) {
    if (narrator_ == nullptr) return;
    const Activity& a = s_.activities[i];
    int present = 0;
    int invited = 0;
    for (std::size_t k = 0; k < meeting.states.size(); ++k) {
      present += meeting.states[k].present;
      invited += a.invites(s_.member_states[k]) && !withdrawn_[k];
    }
    narrator_->say(sim_.now(), fmt::format("{} opens in {}: {} of {} delegations present", a.name.empty() ? a.id : a.name,
                                           s_.venues[*a.venue].name, present, invited));
  }

  // OP17: the PGA appoints a moderator per panel; sessions whose moderators the scenario names keep them.
  void appoint_all_moderators() {
    std::vector<PanelSlot> panels;
    std::vector<std::size_t> excluded = setup_.co_facilitators();
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      const Activity& a = s_.activities[i];
      if (a.kind != ActivityKind::thematic_session || !a.format) continue;
      if (!a.moderators.empty()) {
        for (const std::string& iso3 : a.moderators) {
          moderators_[i].push_back(*s_.find_state(iso3));
          excluded.push_back(moderators_[i].back());
        }
        continue;
      }
      const int count = s_.formats.at(*a.format).panels();
      for (int p = 0; p < count; ++p) panels.push_back({i, p});
    }
    RandomStream stream = streams_.stream("moderators");
    const auto appointed = appoint_moderators(panels, s_.member_states, excluded, stream);
    for (std::size_t k = 0; k < panels.size(); ++k) moderators_[panels[k].session].push_back(appointed[k]);
  }

  // --- the trust fund and withdrawals ------------------------------------------------------------
  void schedule_contributions() {
    for (std::size_t c = 0; c < s_.trust_fund.contributions.size(); ++c) {
      const Contribution& contribution = s_.trust_fund.contributions[c];
      const SimTime when = std::max<SimTime>(0, cal_.at(contribution.date));
      sim_.schedule_at(when, [this, c] {
        contribute(fund_, s_.trust_fund.contributions[c].usd);
      }, tag(ProcessEvent::contribution, c), -1);  // money that arrives on a day is there for that day's trips
    }
  }

  void schedule_withdrawals() {
    for (const ScriptedWithdrawal& w : s_.withdrawals) {
      const std::size_t k = *s_.find_state(w.state);
      const std::string reason = w.note.empty() ? "scripted in the scenario" : w.note;
      sim_.schedule_at(std::max<SimTime>(0, cal_.at(w.date)), [this, k, reason] {
        if (withdrawn_[k]) return;
        withdrawn_[k] = true;
        if (negotiation_) negotiation_->leave(k);
        results_.withdrawals.push_back({k, sim_.now(), reason});
        if (narrator_ != nullptr) narrator_->say(sim_.now(), fmt::format("{} leaves the process ({})", s_.member_states[k].name, reason));
      }, tag(ProcessEvent::withdrawal, k), -1);
    }
  }

  const ScenarioSetup& setup_;
  const Scenario& s_;
  const Plan& plan_;
  const Calendar& cal_;
  RandomStreams streams_;
  Simulator sim_;
  RunResults results_;
  std::vector<int> waiting_;
  std::vector<bool> withdrawn_;
  std::map<std::size_t, std::vector<std::size_t>> moderators_;
  AccreditationList accredited_;
  AttendanceParams attendance_;
  TrustFundLedger fund_;
  Narrator* narrator_ = nullptr;
  std::optional<Negotiation> negotiation_;
  std::vector<double> consultation_minutes_;
  std::size_t current_meeting_ = 0;
};

}  // namespace

RunResults run_process(const ScenarioSetup& setup, std::uint64_t seed, std::uint64_t replication,
                       EventObserver* observer, Narrator* narrator) {
  ProcessSimulation simulation(setup, seed, replication, narrator);
  return simulation.run(observer);
}

}  // namespace gcmsim::model
