// Where the process meets the negotiation (models/negotiation/): the zero draft is circulated when
// its activity finishes; a round's interventions are replayed at their times and pull the draft;
// each sitting day's end moves positions by the day's voices; the round's end revises the text and
// lets states whose acceptance fell below their reservation leave; the conference decides.
#include <algorithm>

#include "models/process/process_simulation.hpp"

namespace gcmsim::model {

void ProcessSimulation::circulate_zero_draft(std::size_t i) {
  Negotiation& negotiation = *state_.negotiation;
  negotiation.circulate_zero_draft(sim_.now(), i, state_.consultation_minutes);
  if (listener_ != nullptr) tell(ZeroDraftCirculated{i, negotiation.draft_on_scale(), negotiation.bracketed()});
}

void ProcessSimulation::schedule_negotiation(std::size_t i, const MeetingRecord& meeting,
                                             const std::vector<TimedIntervention>& interventions,
                                             const std::vector<SimTime>& day_ends, SimTime end) {
  for (const TimedIntervention& iv : interventions) {
    const std::size_t k = iv.state;
    const int day = iv.day;
    const int group = iv.group;
    sim_.schedule_at(iv.when, [this, i, k, day, group] { on_intervention(i, k, day, group); }, tag(EventKind::intervention, k));
  }
  std::vector<std::vector<double>> voices;
  for (std::size_t d = 0; d < day_ends.size(); ++d) voices.push_back(day_voice(meeting, interventions, static_cast<int>(d + 1)));
  for (std::size_t d = 0; d < day_ends.size(); ++d) {
    const int day = static_cast<int>(d + 1);
    auto voice = voices[d];
    sim_.schedule_at(day_ends[d], [this, i, day, voice] { on_day_end(i, day, voice); }, tag(EventKind::negotiation_day, i), -1);
  }
  auto round_voice = day_voice(meeting, interventions, 0);
  sim_.schedule_at(end, [this, i, round_voice] { on_round_end(i, round_voice); }, tag(EventKind::negotiation_round_end, i), -1);
}

// Voice per member state on one sitting day (day 0: the whole round).
std::vector<double> ProcessSimulation::day_voice(const MeetingRecord& meeting, const std::vector<TimedIntervention>& interventions,
                                                 int day) const {
  const NegotiationParameters& p = s_.negotiation->parameters;
  std::vector<double> voice(meeting.states.size(), p.voice_absent);
  for (std::size_t k = 0; k < meeting.states.size(); ++k) {
    if (meeting.states[k].present) voice[k] = p.voice_present;
  }
  for (const TimedIntervention& iv : interventions) {
    if (day == 0 || iv.day == day) voice[iv.state] = p.voice_spoke;
  }
  // A member whose group spoke that day has a voice without taking the floor.
  for (const TimedIntervention& iv : interventions) {
    if (iv.group < 0 || (day != 0 && iv.day != day)) continue;
    for (std::size_t k : setup_.speaking_group_members(static_cast<std::size_t>(iv.group)))
      if (meeting.states[k].present) voice[k] = std::max(voice[k], p.voice_group);
  }
  // The capital's experts know the file: a delegation with them weighs more than mission staff alone
  // (and the trust fund, by flying them in, changes whose views the drafts carry).
  for (std::size_t k = 0; k < meeting.states.size(); ++k) {
    if (meeting.states[k].capital_expert) voice[k] *= p.voice_capital_expert;
  }
  return voice;
}

void ProcessSimulation::on_intervention(std::size_t round, std::size_t state, int day, int group) {
  Negotiation& negotiation = *state_.negotiation;
  const DraftPull pull = group >= 0 ? negotiation.group_intervention(setup_.speaking_group_members(static_cast<std::size_t>(group)))
                                    : negotiation.intervention(state, sim_.now());
  if (group < 0) (pull.yielded ? yielded_ : spoke_).emplace_back(state, day);
  if (pull.yielded) return;
  if (listener_ == nullptr || !negotiation.takes_part(state)) return;
  tell(FloorTaken{round, setup_.round_number(round), day, state, pull.dimension, pull.moved, group});
}

// A played seat that yielded the floor on `day` (0: any day of the round) and did not speak then has
// the voice of a delegation that sat silent, not of one that spoke.
std::vector<double> ProcessSimulation::heard(std::vector<double> voice, int day) const {
  const NegotiationParameters& p = s_.negotiation->parameters;
  for (const auto& [state, sitting] : yielded_) {
    if (day != 0 && sitting != day) continue;
    const std::size_t k = state;  // clang 14 cannot capture a structured binding in a lambda
    const bool spoke = std::any_of(spoke_.begin(), spoke_.end(),
                                   [&](const auto& s) { return s.first == k && (day == 0 || s.second == day); });
    if (!spoke && p.voice_spoke > 0.0) voice[k] *= p.voice_present / p.voice_spoke;
  }
  return voice;
}

void ProcessSimulation::on_day_end(std::size_t round, int day, const std::vector<double>& voice) {
  const double moved = state_.negotiation->end_of_day(round, day, sim_.now(), yielded_.empty() ? voice : heard(voice, day));
  if (listener_ != nullptr) tell(NegotiationDayClosed{round, setup_.round_number(round), day, moved});
}

// The conference keeps its planned date (a host-funded, fixed-date meeting): OP29 consultations and
// dissociations happen before it.
std::optional<SimTime> ProcessSimulation::conference_start() const {
  for (std::size_t i = 0; i < s_.activities.size(); ++i)
    if (s_.activities[i].kind == ActivityKind::conference) return cal_.at(setup_.plan().activities[i].start);
  return std::nullopt;
}

void ProcessSimulation::on_round_end(std::size_t round, const std::vector<double>& voice) {
  Negotiation& negotiation = *state_.negotiation;
  const bool was_agreed = negotiation.agreed();
  const auto leaving = negotiation.end_of_round(round, sim_.now(), yielded_.empty() ? voice : heard(voice, 0), conference_start());
  yielded_.clear();
  spoke_.clear();
  for (std::size_t k : leaving) {
    state_.withdrawn[k] = true;
    Withdrawal withdrawal{k, sim_.now(), WithdrawalCause::text, negotiation.acceptance_of(k), negotiation.reservation_of(k), {}};
    if (listener_ != nullptr) tell(StateLeft{withdrawal});
    state_.results.withdrawals.push_back(std::move(withdrawal));
  }
  if (!was_agreed && negotiation.agreed()) schedule_dissociations();
  if (listener_ == nullptr) return;
  const DraftSnapshot& snap = negotiation.record().dynamics.back();
  const bool agreed_now = negotiation.record().agreed_round == round;
  tell(RoundEnded{round, setup_.round_number(round), negotiation.draft_on_scale(), negotiation.bracketed(), snap.consensus_share,
                  snap.remaining, agreed_now, agreed_now ? std::vector<int>{} : negotiation.objecting(),
                  agreed_now ? std::vector<std::size_t>{} : negotiation.holders(),
                  setup_.round_number(round) == negotiation.record().scheduled_rounds});
}

// After agreement, states whose domestic politics turn against the text dissociate before the
// conference (their times drawn once, at agreement).
void ProcessSimulation::schedule_dissociations() {
  const auto until = conference_start();
  if (!until) return;
  // What the cascade needs from the scenario's calendar: the scripted departures and the cabinets, as times.
  std::vector<std::pair<std::size_t, SimTime>> scripted;
  for (const ScriptedWithdrawal& w : s_.withdrawals) scripted.emplace_back(*s_.find_state(w.state), cal_.at(w.date));
  std::vector<std::vector<std::pair<SimTime, double>>> stance(s_.member_states.size());
  for (std::size_t k = 0; k < s_.member_states.size(); ++k)
    for (const auto& [from, value] : s_.member_states[k].stance) stance[k].emplace_back(cal_.at(from), value);
  for (const auto& [k, when] : state_.negotiation->dissociation_schedule(*until, scripted, stance)) {
    const std::size_t state = k;
    sim_.schedule_at(std::max(when, sim_.now()), [this, state] {
      if (state_.withdrawn[state]) return;
      state_.withdrawn[state] = true;
      state_.negotiation->leave(state, sim_.now(), true);
      Withdrawal withdrawal{state, sim_.now(), WithdrawalCause::dissociated, state_.negotiation->acceptance_of(state), 0.0, {}};
      if (listener_ != nullptr) tell(StateLeft{withdrawal});
      state_.results.withdrawals.push_back(std::move(withdrawal));
    }, tag(EventKind::withdrawal, k), -1);
  }
}

// Adoption by acclamation by the states present (none without an agreed text).
void ProcessSimulation::vote_at_conference(std::size_t i) {
  std::vector<bool> present(s_.member_states.size(), false);
  for (const MeetingRecord& m : state_.results.meetings) {
    if (m.activity != i) continue;
    for (std::size_t k = 0; k < m.states.size(); ++k) present[k] = m.states[k].present;
  }
  state_.negotiation->conference(sim_.now(), present);
  const NegotiationRecord& record = state_.negotiation->record();
  if (listener_ != nullptr) tell(ConferenceHeld{i, tally(record), record.text_adopted});
}

}  // namespace gcmsim::model
