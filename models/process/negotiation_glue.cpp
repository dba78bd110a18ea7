// Where the process meets the negotiation (models/negotiation/): the zero draft is circulated when
// its activity finishes; a round's interventions are replayed at their times and pull the draft;
// each sitting day's end moves positions by the day's voices; the round's end revises the text and
// lets states whose acceptance fell below their reservation leave; the conference decides.
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
    sim_.schedule_at(iv.when, [this, i, k, day] { on_intervention(i, k, day); }, tag(EventKind::intervention, k));
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
  return voice;
}

void ProcessSimulation::on_intervention(std::size_t round, std::size_t state, int day) {
  Negotiation& negotiation = *state_.negotiation;
  const DraftPull pull = negotiation.intervention(state);
  if (listener_ == nullptr || !negotiation.takes_part(state)) return;
  tell(FloorTaken{round, setup_.round_number(round), day, state, pull.dimension, pull.moved});
}

void ProcessSimulation::on_day_end(std::size_t round, int day, const std::vector<double>& voice) {
  const double moved = state_.negotiation->end_of_day(round, day, sim_.now(), voice);
  if (listener_ != nullptr) tell(NegotiationDayClosed{round, setup_.round_number(round), day, moved});
}

void ProcessSimulation::on_round_end(std::size_t round, const std::vector<double>& voice) {
  Negotiation& negotiation = *state_.negotiation;
  const auto leaving = negotiation.end_of_round(round, sim_.now(), voice);
  for (std::size_t k : leaving) {
    state_.withdrawn[k] = true;
    Withdrawal withdrawal{k, sim_.now(), WithdrawalCause::text, negotiation.acceptance_of(k), negotiation.reservation_of(k), {}};
    if (listener_ != nullptr) tell(StateLeft{withdrawal});
    state_.results.withdrawals.push_back(std::move(withdrawal));
  }
  if (listener_ == nullptr) return;
  const DraftSnapshot& snap = negotiation.record().dynamics.back();
  tell(RoundEnded{round, setup_.round_number(round), negotiation.draft_on_scale(), negotiation.bracketed(), snap.consensus_share,
                  snap.remaining, negotiation.record().agreed_round == round});
}

void ProcessSimulation::vote_at_conference(std::size_t i) {
  state_.negotiation->conference(sim_.now());
  if (listener_ != nullptr) tell(ConferenceHeld{i, tally(state_.negotiation->record())});
}

}  // namespace gcmsim::model
