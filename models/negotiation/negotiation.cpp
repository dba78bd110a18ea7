#include "models/negotiation/negotiation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "models/negotiation/dissociation.hpp"
#include "models/negotiation/draft.hpp"

namespace gcmsim::model {
namespace {

// An informal consultation (OP29) is a short meeting: two days of consultations.
constexpr int kConsultationDays = 2;
// Dissociation hazards are quoted per 30 days.
constexpr double kHazardPeriodDays = 30.0;

}  // namespace

Negotiation::Negotiation(const Setup& setup, RandomStream stream, const PlayedSeats* seats)
    : round_numbers_(setup.round_numbers), ns_(setup.negotiation), seats_(seats), stream_(stream) {
  const NegotiationParameters& p = spec().parameters;
  const Eigen::Index n = ns_.x0.rows();
  const auto dims = static_cast<Eigen::Index>(spec().dimensions.size());
  // A power of ten, so that the grid's points are short decimals (1e10 for a 0-100 scale).
  scale_grid_ = std::pow(10.0, 12.0 - std::floor(std::log10(spec().scale_max - spec().scale_min)));
  anchor_ = ns_.x0;
  x_ = ns_.x0;
  next_.resize(n, dims);
  hearing_ = ns_.network.hearing(dims);
  // Each delegation's mandate: how far from its view it will let the text stand before it holds a
  // bracket. Log-normal around the scenario's tolerance: most close to it, a few much stiffer or
  // much more flexible (domestic politics differ).
  tolerance_.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) tolerance_[i] = p.objection_tolerance * stream_.lognormal(0.0, p.tolerance_spread);
  status_.assign(static_cast<std::size_t>(n), Status::in);
  political_.assign(static_cast<std::size_t>(n), false);
  chairing_.assign(static_cast<std::size_t>(n), false);
  for (std::size_t k : setup.co_facilitators)
    if (takes_part(k)) chairing_[static_cast<std::size_t>(ns_.index[k])] = true;
  in_ = Eigen::VectorXd::Ones(n);
  last_voice_ = Eigen::VectorXd::Ones(n);
  draft_ = Eigen::RowVectorXd::Constant(dims, 0.5);
  objecting_.assign(static_cast<std::size_t>(dims), 0);
  for (const auto& d : spec().dimensions) record_.dimensions.push_back(d.id);
  record_.scheduled_rounds = ns_.scheduled_rounds;
}

bool Negotiation::has_left(std::size_t state) const {
  return takes_part(state) && !in(ns_.index[state]);
}

void Negotiation::leave(std::size_t state, SimTime when, bool drawn) {
  if (!takes_part(state) || !in(ns_.index[state])) return;
  const auto r = static_cast<std::size_t>(ns_.index[state]);
  if (!drawn) political_[r] = true;  // a drawn one's flag was set when the cascade was drawn
  in_(static_cast<Eigen::Index>(r)) = 0.0;
  if (agreed()) {
    status_[r] = Status::dissociated;
    record_.dissociations.emplace_back(state, when);
  } else {
    status_[r] = Status::left;
  }
}

Eigen::VectorXd Negotiation::weights_from(const std::vector<double>& per_state) const {
  Eigen::VectorXd w(static_cast<Eigen::Index>(ns_.states.size()));
  for (std::size_t r = 0; r < ns_.states.size(); ++r)
    w(static_cast<Eigen::Index>(r)) = per_state[ns_.states[r]] * in_(static_cast<Eigen::Index>(r));
  return w;
}

double Negotiation::deadline_pressure(int round_number) const {
  // Roth, Murnighan and Schoumaker (AER 1988): agreements cluster just before the deadline, as
  // holding out stops paying. Pressure is 1 in the last scheduled round, decay^r with r rounds still
  // to come, and keeps growing (decay^-j) through the j-th informal consultation after it.
  const double decay = spec().parameters.deadline_decay;
  return std::pow(decay, static_cast<double>(ns_.scheduled_rounds - round_number));
}

void Negotiation::circulate_zero_draft(SimTime when, std::size_t activity, const std::vector<double>& consultation_minutes) {
  // Everyone's written inputs count; speaking in the consultations counts on top (mean speaker = 1).
  double total = 0.0;
  int speakers = 0;
  for (std::size_t k : ns_.states) {
    total += consultation_minutes[k];
    speakers += consultation_minutes[k] > 0.0 ? 1 : 0;
  }
  const double mean = speakers > 0 ? total / speakers : 1.0;
  std::vector<double> weight(consultation_minutes.size(), 0.0);
  for (std::size_t k : ns_.states) weight[k] = 1.0 + consultation_minutes[k] / mean;
  draft_ = compromise(x_, ns_.salience, weights_from(weight));
  has_draft_ = true;
  snapshot(activity, 0, when);
  record_positions(activity, 0, when);  // the initial views, against the zero draft
}

int Negotiation::decide(Eigen::Index row, SeatDecision kind, int subject, int options, int model_choice, SimTime when) {
  const std::size_t state = ns_.states[static_cast<std::size_t>(row)];
  ExternalDecider* seat = seats_ != nullptr ? seats_->at(state) : nullptr;
  if (seat == nullptr) return model_choice;
  if (seats_->show) seats_->show(state, seat_view(row));
  const ExternalQuestion question{when, static_cast<std::uint32_t>(state), static_cast<std::uint32_t>(kind), subject, options,
                                  model_choice};
  const std::optional<int> answer = seat->decide(question);
  if (answer && (*answer < 0 || *answer >= options))
    throw std::invalid_argument("a played seat answered option " + std::to_string(*answer) + " of " + std::to_string(options));
  record_.decisions.push_back(PlayerDecision{when, state, static_cast<std::uint32_t>(kind), subject, answer.value_or(model_choice),
                                             model_choice, answer.has_value()});
  return answer.value_or(model_choice);
}

SeatView Negotiation::seat_view(Eigen::Index row) const {
  SeatView view;
  const double span = spec().scale_max - spec().scale_min;
  for (Eigen::Index d = 0; d < x_.cols(); ++d) {
    view.position.push_back(to_scale(x_(row, d)));
    view.draft.push_back(has_draft_ ? to_scale(draft_(d)) : view.position.back());
    // consensus(): it holds a bracket where salience x distance exceeds tolerance + pressure.
    const double salience = ns_.salience(row, d);
    view.red_line.push_back(salience > 0.0 ? (tolerance_[row] + pressure_now_) / salience * span : span);
  }
  view.acceptance = has_draft_ ? acceptance(x_, ns_.salience, draft_)(row) : 1.0;
  view.reservation = ns_.reservation(row);
  return view;
}

DraftPull Negotiation::intervention(std::size_t state, SimTime when) {
  if (!has_draft_ || !takes_part(state)) return {};
  const auto r = static_cast<Eigen::Index>(ns_.index[state]);
  Eigen::Index best = 0;
  double best_gap = -1.0;
  for (Eigen::Index d = 0; d < x_.cols(); ++d) {
    const double gap = ns_.salience(r, d) * std::abs(x_(r, d) - draft_(d));
    if (gap > best_gap) {
      best_gap = gap;
      best = d;
    }
  }
  // A played seat chooses its statement: the dimension to argue, or none (it yields the floor).
  const int statement = decide(r, SeatDecision::statement, -1, static_cast<int>(x_.cols()) + 1, static_cast<int>(best) + 1, when);
  if (statement == 0) return DraftPull{0, 0.0, true};
  best = statement - 1;
  const double step = spec().parameters.draft_step * (x_(r, best) - draft_(best));
  draft_(best) += step;
  return {static_cast<std::size_t>(best), std::abs(step) * (spec().scale_max - spec().scale_min)};
}

DraftPull Negotiation::group_intervention(const std::vector<std::size_t>& members) {
  if (!has_draft_) return {};
  const Eigen::Index dims = x_.cols();
  Eigen::RowVectorXd position = Eigen::RowVectorXd::Zero(dims);
  Eigen::RowVectorXd salience = Eigen::RowVectorXd::Zero(dims);
  int n = 0;
  for (std::size_t k : members) {
    if (!takes_part(k) || !in(ns_.index[k])) continue;
    const Eigen::Index r = ns_.index[k];
    position += x_.row(r);
    salience += ns_.salience.row(r);
    ++n;
  }
  if (n == 0) return {};
  position /= static_cast<double>(n);
  salience /= static_cast<double>(n);
  Eigen::Index best = 0;
  (salience.array() * (position - draft_).array().abs()).maxCoeff(&best);
  const double step = spec().parameters.draft_step * (position(best) - draft_(best));
  draft_(best) += step;
  return {static_cast<std::size_t>(best), std::abs(step) * (spec().scale_max - spec().scale_min)};
}

double Negotiation::end_of_day(std::size_t round, int day, SimTime when, const std::vector<double>& voice) {
  ns_.network.set_voice(hearing_, weights_from(voice));
  double moved = 0.0;
  for (int s = 0; s < spec().parameters.steps_per_day; ++s) {
    fj_step_into(ns_.network, hearing_, ns_.susceptibility, x_, anchor_, next_);
    // A state that has left no longer takes part: its views stay where they were when it left.
    for (Eigen::Index i = 0; i < in_.size(); ++i)
      if (in_(i) == 0.0) next_.row(i) = x_.row(i);
    moved += (next_ - x_).cwiseAbs().sum();
    x_.swap(next_);
  }
  snapshot(round, day, when);
  record_positions(round, day, when);
  return moved / static_cast<double>(std::max<Eigen::Index>(1, x_.size())) * (spec().scale_max - spec().scale_min);
}

void Negotiation::revise(const Eigen::VectorXd& heard, int /*round_number*/, SimTime when) {
  if (!has_draft_) {
    draft_ = compromise(x_, ns_.salience, heard);
    has_draft_ = true;
  } else {
    // The co-facilitators keep what the round's interventions changed and fold in where the room
    // stands (NegotiationParameters::revision_blend).
    const double blend = spec().parameters.revision_blend;
    draft_ = (1.0 - blend) * draft_ + blend * compromise(x_, ns_.salience, heard);
  }
  // Rounds are where concessions happen: every delegation still in moves its anchor (what it would
  // return to without the room's influence) a share of the way toward the revised text.
  const double c = spec().parameters.round_concession;
  if (c <= 0.0) return;
  for (Eigen::Index i = 0; i < anchor_.rows(); ++i) {
    if (!in(i)) continue;
    // A played seat concedes dimension by dimension: not at all, as the room does, or twice as far.
    for (Eigen::Index d = 0; d < anchor_.cols(); ++d) {
      const int how_far = decide(i, SeatDecision::concession, static_cast<int>(d), kConcessionOptions, 1, when);
      const double share = how_far == 1 ? c : std::min(1.0, c * how_far);
      anchor_(i, d) += share * (draft_(d) - anchor_(i, d));
    }
  }
}

bool Negotiation::consensus(int round_number, SimTime when, std::size_t round, int consultation) {
  // The conference keeps its date (fixed_dates.hpp): a round it overtook can no longer agree a text.
  if (record_.conference_at) return false;
  const double extra = spec().parameters.deadline_concession * deadline_pressure(round_number);
  pressure_now_ = extra;
  std::fill(objecting_.begin(), objecting_.end(), 0);
  bool any = false;
  std::vector<std::size_t> holders;
  for (Eigen::Index i = 0; i < x_.rows(); ++i) {
    // The co-facilitators chair and draft: their states do not bracket the text they hold the pen on.
    if (!in(i) || chairing_[static_cast<std::size_t>(i)]) continue;
    bool holds = false;
    for (Eigen::Index d = 0; d < x_.cols(); ++d) {
      const bool would = ns_.salience(i, d) * std::abs(x_(i, d) - draft_(d)) > tolerance_[i] + extra;
      if (decide(i, SeatDecision::bracket, static_cast<int>(d), 2, would ? 1 : 0, when) == 1) {
        ++objecting_[static_cast<std::size_t>(d)];
        holds = true;
      }
    }
    if (holds) holders.push_back(ns_.states[static_cast<std::size_t>(i)]);
    any = any || holds;
  }
  holders_ = static_cast<int>(holders.size());
  holder_states_ = holders;
  if (round_number == ns_.scheduled_rounds && consultation == 0) record_.holdouts = holders;
  if (any) return false;
  record_.agreed_at = when;
  record_.agreed_round = round;
  return true;
}

std::vector<std::size_t> Negotiation::end_of_round(std::size_t round, SimTime when, const std::vector<double>& voice,
                                                   std::optional<SimTime> conference_start) {
  const NegotiationParameters& p = spec().parameters;
  const int k = round_numbers_[round];
  last_voice_ = weights_from(voice);
  revise(last_voice_, k, when);
  ++record_.rounds_held;
  const Eigen::VectorXd accept = acceptance(x_, ns_.salience, draft_);
  std::vector<std::size_t> leaving;
  for (std::size_t r = 0; r < ns_.states.size(); ++r) {
    const auto i = static_cast<Eigen::Index>(r);
    if (in(i) && !chairing_[r] && decide(i, SeatDecision::leave, -1, 2, accept(i) < ns_.reservation(i) ? 1 : 0, when) == 1) {
      in_(i) = 0.0;
      status_[r] = Status::left;
      leaving.push_back(ns_.states[r]);
    }
  }
  if (!agreed()) consensus(k, when, round, 0);
  snapshot(round, 0, when);
  record_positions(round, 0, when);
  if (agreed() || k != ns_.scheduled_rounds) return leaving;

  // OP29: the co-facilitators may call further informal consultations, within the scenario's limit
  // and before the conference, which keeps its date. Each is two days of consultations among the
  // delegations heard in the last round, a revision, a concession, and a new check.
  for (int j = 1; j <= p.informal_consultations && !agreed(); ++j) {
    const SimTime at = when + static_cast<SimTime>(j) * static_cast<SimTime>(p.consultation_gap_days) * kDay;
    if (conference_start && at >= *conference_start) break;
    ns_.network.set_voice(hearing_, last_voice_);
    for (int s = 0; s < p.steps_per_day * kConsultationDays; ++s) {
      fj_step_into(ns_.network, hearing_, ns_.susceptibility, x_, anchor_, next_);
      for (Eigen::Index i = 0; i < in_.size(); ++i)
        if (in_(i) == 0.0) next_.row(i) = x_.row(i);
      x_.swap(next_);
    }
    revise(last_voice_, k + j, at);
    ++record_.informal_consultations;
    consensus(k + j, at, round, j);
    snapshot(round, 0, at, j);
    record_positions(round, 0, at);
  }
  return leaving;
}

std::vector<std::pair<std::size_t, SimTime>> Negotiation::dissociation_schedule(
    SimTime until, const std::vector<std::pair<std::size_t, SimTime>>& scripted,
    const std::vector<std::vector<std::pair<SimTime, double>>>& stance) {
  std::vector<std::pair<std::size_t, SimTime>> out;
  if (!agreed() || dissociations_drawn_) return out;
  dissociations_drawn_ = true;
  const NegotiationParameters& p = spec().parameters;
  const Eigen::VectorXd accept = acceptance(x_, ns_.salience, draft_);
  // The room's mean distance from the text: a state's hazard rises with how much further it is.
  double mean_distance = 0.0;
  int members = 0;
  for (Eigen::Index i = 0; i < accept.size(); ++i)
    if (in(i)) mean_distance += 1.0 - accept(i), ++members;
  mean_distance = members > 0 ? mean_distance / members : 0.0;
  const SimTime agreed_at = *record_.agreed_at;
  const auto day_of = [&](SimTime t) { return static_cast<double>(t - agreed_at) / static_cast<double>(kDay); };
  const std::size_t n = ns_.states.size();
  DissociationInputs cascade;
  cascade.threshold.resize(n);
  cascade.base.assign(n, 0.0);
  cascade.active.resize(n);
  cascade.stance.assign(n, 0.0);
  cascade.closeness = &ns_.closeness;
  cascade.blocs = &ns_.blocs;
  cascade.bloc_weight = p.dissociation_bloc;
  cascade.stance_weight = p.dissociation_stance;
  cascade.contagion = p.dissociation_contagion;
  cascade.period_days = kHazardPeriodDays;
  cascade.span_days = day_of(until);
  for (std::size_t r = 0; r < n; ++r) {
    const auto i = static_cast<Eigen::Index>(r);
    // Drawn for every delegation, so one state's change leaves the others' draws alone.
    cascade.threshold[r] = -std::log1p(-stream_.uniform01());
    cascade.active[r] = in(i);
    // The cabinet in office at agreement, and the ones that take office after it.
    if (ns_.states[r] < stance.size())
      for (const auto& [from, value] : stance[ns_.states[r]]) {
        if (from <= agreed_at) cascade.stance[r] = value;
        else cascade.stance_changes.push_back({day_of(from), r, value});
      }
    if (!in(i) || p.dissociation_rate <= 0.0) continue;
    // Domestic politics turning against the text: more likely the further the text is from the
    // state's views (against the room's mean), and in destination countries, where migration is
    // contested at home.
    cascade.base[r] = p.dissociation_rate * std::exp(p.dissociation_distance * ((1.0 - accept(i)) - mean_distance) +
                                                     p.dissociation_destination * ns_.destination(i));
  }
  std::stable_sort(cascade.stance_changes.begin(), cascade.stance_changes.end(),
                   [](const auto& a, const auto& b) { return a.day < b.day; });
  for (const auto& [k, when] : scripted)
    if (takes_part(k) && when > agreed_at) cascade.scripted.emplace_back(day_of(when), static_cast<std::size_t>(ns_.index[k]));
  std::stable_sort(cascade.scripted.begin(), cascade.scripted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  // By day, and within a day in row order (the order the events are scheduled in).
  std::vector<std::pair<SimTime, std::size_t>> by_day;
  for (const Dissociation& d : dissociation_cascade(cascade)) {
    by_day.emplace_back(agreed_at + static_cast<SimTime>(std::ceil(d.day)) * kDay, d.row);
    political_[d.row] = d.political;
  }
  std::sort(by_day.begin(), by_day.end());
  for (const auto& [when, r] : by_day) out.emplace_back(ns_.states[r], when);
  return out;
}

void Negotiation::conference(SimTime when, const std::vector<bool>& present) {
  record_.conference_at = when;
  if (!agreed()) return;  // no agreed text: nothing to adopt, and no vote on a non-text
  record_.text_adopted = true;
  const NegotiationParameters& p = spec().parameters;
  const Eigen::VectorXd accept = acceptance(x_, ns_.salience, draft_);
  for (std::size_t r = 0; r < ns_.states.size(); ++r) {
    const std::size_t k = ns_.states[r];
    ConferenceVote vote = ConferenceVote::left;
    if (status_[r] == Status::dissociated) vote = ConferenceVote::dissociated;
    if (status_[r] == Status::in) vote = present[k] ? ConferenceVote::adopt : ConferenceVote::absent;
    record_.conference.emplace_back(k, vote);
  }
  if (!p.ga_vote) return;
  // The General Assembly's endorsement is a recorded vote: a state still in votes yes if its
  // acceptance reaches adopt_threshold and abstains below it; one that left or dissociated votes no
  // below object_threshold and abstains above it, and under ga_political_no votes no whenever it
  // left by a political act (a scripted withdrawal, or a dissociation its politics drove); any may
  // be absent, with its own habit of absence where the data give one.
  for (std::size_t r = 0; r < ns_.states.size(); ++r) {
    const auto i = static_cast<Eigen::Index>(r);
    const bool absent = stream_.uniform01() < ns_.ga_absence(i);
    GaVote vote = GaVote::absent;
    if (!absent) {
      const bool objects = accept(i) < p.object_threshold || (p.ga_political_no && political_[r]);
      vote = in(i) ? (accept(i) >= p.adopt_threshold ? GaVote::yes : GaVote::abstain) : (objects ? GaVote::no : GaVote::abstain);
    }
    record_.ga_vote.emplace_back(ns_.states[r], vote);
  }
}

double Negotiation::to_scale(double unit) const {
  const double value = spec().scale_min + unit * (spec().scale_max - spec().scale_min);
  const double steps = value * scale_grid_;
  // Beyond 2^52 steps a double has no fraction left to round (a scale far from 0 for its span).
  if (!(std::abs(steps) < 0x1p52)) return value;
  return std::round(steps) / scale_grid_;
}

void Negotiation::record_positions(std::size_t round, int day, SimTime when) {
  if (!has_draft_) return;  // acceptance is against a text
  const Eigen::VectorXd accept = acceptance(x_, ns_.salience, draft_);
  for (std::size_t r = 0; r < ns_.states.size(); ++r) {
    const auto i = static_cast<Eigen::Index>(r);
    PositionSnapshot& ps = record_.positions.emplace_back(PositionSnapshot{round, when, ns_.states[r], {}, accept(i), in(i), day});
    ps.position.resize(static_cast<std::size_t>(x_.cols()));
    for (Eigen::Index d = 0; d < x_.cols(); ++d) ps.position[static_cast<std::size_t>(d)] = to_scale(x_(i, d));
  }
}

void Negotiation::snapshot(std::size_t round, int day, SimTime when, int consultation) {
  DraftSnapshot snap;
  snap.round = round;
  snap.day = day;
  snap.when = when;
  snap.consultation = consultation;
  const Eigen::RowVectorXd dis = dissent(x_, ns_.salience, in_, draft_);
  int remaining = 0;
  for (Eigen::Index i = 0; i < in_.size(); ++i) remaining += in(i) ? 1 : 0;
  for (Eigen::Index d = 0; d < draft_.size(); ++d) {
    snap.draft.push_back(to_scale(draft_(d)));
    snap.dissent.push_back(dis(d));
    snap.bracketed.push_back(objecting_[static_cast<std::size_t>(d)] > 0);
  }
  snap.objecting = objecting_;
  snap.remaining = remaining;
  // Share of the delegations still in that hold no bracket (at the last check).
  snap.consensus_share = remaining > 0 ? 1.0 - static_cast<double>(holders_) / remaining : 0.0;
  record_.dynamics.push_back(std::move(snap));
}

double Negotiation::acceptance_of(std::size_t state) const {
  const Eigen::VectorXd accept = acceptance(x_, ns_.salience, draft_);
  return accept(ns_.index[state]);
}

double Negotiation::reservation_of(std::size_t state) const { return ns_.reservation(ns_.index[state]); }

std::vector<double> Negotiation::draft_on_scale() const {
  std::vector<double> out;
  for (Eigen::Index d = 0; d < draft_.size(); ++d) out.push_back(to_scale(draft_(d)));
  return out;
}

std::vector<bool> Negotiation::bracketed() const {
  return record_.dynamics.empty() ? std::vector<bool>(static_cast<std::size_t>(draft_.size()), true)
                                  : record_.dynamics.back().bracketed;
}

}  // namespace gcmsim::model
