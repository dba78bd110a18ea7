#include "models/negotiation/negotiation.hpp"

#include <algorithm>
#include <cmath>

#include "models/negotiation/draft.hpp"
#include "models/negotiation/friedkin_johnsen.hpp"
#include "models/negotiation/influence.hpp"
#include "models/negotiation/views.hpp"

namespace gcmsim::model {
Negotiation::Negotiation(const Scenario& scenario) : scenario_(scenario), spec_(*scenario.negotiation) {
  const std::size_t n_states = scenario.member_states.size();
  const auto dims = static_cast<Eigen::Index>(spec_.dimensions.size());
  index_.assign(n_states, -1);
  const double span = spec_.scale_max - spec_.scale_min;
  const NegotiationParameters& p = spec_.parameters;

  if (spec_.delegations.empty()) {
    // Every member state negotiates; views from its data, ties from its coalitions and group.
    std::vector<std::string> ids;
    for (const auto& d : spec_.dimensions) ids.push_back(d.id);
    for (std::size_t k = 0; k < n_states; ++k) {
      index_[k] = static_cast<int>(k);
      states_.push_back(k);
    }
    const auto n = static_cast<Eigen::Index>(n_states);
    x0_.resize(n, dims);
    salience_.resize(n, dims);
    for (std::size_t k = 0; k < n_states; ++k) {
      const InitialView view = derive_view(scenario.member_states[k], ids);
      for (Eigen::Index d = 0; d < dims; ++d) {
        x0_(static_cast<Eigen::Index>(k), d) = view.position[static_cast<std::size_t>(d)];
        salience_(static_cast<Eigen::Index>(k), d) = view.salience[static_cast<std::size_t>(d)];
      }
    }
    susceptibility_ = Eigen::VectorXd::Constant(n, p.susceptibility);
    reservation_ = Eigen::VectorXd::Constant(n, p.reservation);
    influence_ = influence_from_memberships(scenario.member_states,
                                            InfluenceWeights{p.self_weight, p.coalition_weight, p.group_weight});
  } else {
    // The classroom form: delegations, views and influence exactly as written.
    for (const DelegationSpec& d : spec_.delegations) {
      index_[d.state] = static_cast<int>(states_.size());
      states_.push_back(d.state);
    }
    const auto n = static_cast<Eigen::Index>(states_.size());
    x0_.resize(n, dims);
    salience_ = Eigen::MatrixXd::Ones(n, dims);
    susceptibility_.resize(n);
    reservation_.resize(n);
    std::vector<std::vector<std::pair<std::size_t, double>>> rows(states_.size());
    for (const DelegationSpec& d : spec_.delegations) {
      const auto r = static_cast<Eigen::Index>(index_[d.state]);
      for (Eigen::Index k = 0; k < dims; ++k) {
        x0_(r, k) = (d.position[static_cast<std::size_t>(k)] - spec_.scale_min) / span;
        if (!d.salience.empty()) salience_(r, k) = d.salience[static_cast<std::size_t>(k)];
      }
      susceptibility_(r) = d.susceptibility;
      reservation_(r) = d.reservation.value_or(p.reservation);
      for (const auto& [target, weight] : d.influence) {
        rows[static_cast<std::size_t>(r)].emplace_back(static_cast<std::size_t>(index_[target]), weight);
      }
    }
    influence_ = influence_from_rows(rows);
  }
  x_ = x0_;
  in_ = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(states_.size()));
  draft_ = Eigen::RowVectorXd::Constant(dims, 0.5);
  for (const auto& d : spec_.dimensions) record_.dimensions.push_back(d.id);
}

bool Negotiation::has_left(std::size_t state) const {
  return index_[state] >= 0 && in_(index_[state]) == 0.0;
}

void Negotiation::leave(std::size_t state) {
  if (takes_part(state)) in_(index_[state]) = 0.0;
}

Eigen::VectorXd Negotiation::weights_from(const std::vector<double>& per_state) const {
  Eigen::VectorXd w(static_cast<Eigen::Index>(states_.size()));
  for (std::size_t r = 0; r < states_.size(); ++r) w(static_cast<Eigen::Index>(r)) = per_state[states_[r]] * in_(static_cast<Eigen::Index>(r));
  return w;
}

void Negotiation::circulate_zero_draft(SimTime when, std::size_t activity, const std::vector<double>& consultation_minutes) {
  // Everyone's written inputs count; speaking in the consultations counts on top (mean speaker = 1).
  double total = 0.0;
  int speakers = 0;
  for (std::size_t k : states_) {
    total += consultation_minutes[k];
    speakers += consultation_minutes[k] > 0.0 ? 1 : 0;
  }
  const double mean = speakers > 0 ? total / speakers : 1.0;
  std::vector<double> weight(consultation_minutes.size(), 0.0);
  for (std::size_t k : states_) weight[k] = 1.0 + consultation_minutes[k] / mean;
  draft_ = compromise(x_, salience_, weights_from(weight));
  has_draft_ = true;
  snapshot(activity, 0, when);
}

DraftPull Negotiation::intervention(std::size_t state) {
  if (!has_draft_ || !takes_part(state)) return {};
  const auto r = static_cast<Eigen::Index>(index_[state]);
  Eigen::Index best = 0;
  double best_gap = -1.0;
  for (Eigen::Index d = 0; d < x_.cols(); ++d) {
    const double gap = salience_(r, d) * std::abs(x_(r, d) - draft_(d));
    if (gap > best_gap) {
      best_gap = gap;
      best = d;
    }
  }
  const double step = spec_.parameters.draft_step * (x_(r, best) - draft_(best));
  draft_(best) += step;
  return {static_cast<std::size_t>(best), std::abs(step) * (spec_.scale_max - spec_.scale_min)};
}

double Negotiation::end_of_day(std::size_t round, int day, SimTime when, const std::vector<double>& voice) {
  const Eigen::VectorXd heard = weights_from(voice);
  const auto W = apply_voice(influence_, heard);
  const Eigen::MatrixXd before = x_;
  for (int s = 0; s < spec_.parameters.steps_per_day; ++s) x_ = fj_step(W, susceptibility_, x_, x0_);
  // A state that has left no longer takes part: its views stay where they were when it left.
  for (Eigen::Index i = 0; i < in_.size(); ++i) {
    if (in_(i) == 0.0) x_.row(i) = before.row(i);
  }
  snapshot(round, day, when);
  const double moved = (x_ - before).cwiseAbs().mean();
  return moved * (spec_.scale_max - spec_.scale_min);
}

std::vector<std::size_t> Negotiation::end_of_round(std::size_t round, SimTime when, const std::vector<double>& voice) {
  const NegotiationParameters& p = spec_.parameters;
  const Eigen::VectorXd heard = weights_from(voice);
  if (!has_draft_) {
    draft_ = compromise(x_, salience_, heard);
    has_draft_ = true;
  } else {
    // The co-facilitators keep what the round's interventions changed and fold in where the room
    // stands (NegotiationParameters::revision_blend).
    draft_ = (1.0 - p.revision_blend) * draft_ + p.revision_blend * compromise(x_, salience_, heard);
  }
  ++record_.rounds_held;
  const Eigen::VectorXd accept = acceptance(x_, salience_, draft_);
  std::vector<std::size_t> leaving;
  for (std::size_t r = 0; r < states_.size(); ++r) {
    const auto i = static_cast<Eigen::Index>(r);
    if (in_(i) == 1.0 && accept(i) < reservation_(i)) {
      in_(i) = 0.0;
      leaving.push_back(states_[r]);
    }
  }
  snapshot(round, 0, when);
  for (std::size_t r = 0; r < states_.size(); ++r) {
    const auto i = static_cast<Eigen::Index>(r);
    PositionSnapshot ps{round, when, states_[r], {}, accept(i), in_(i) == 1.0};
    for (Eigen::Index d = 0; d < x_.cols(); ++d) ps.position.push_back(to_scale(x_(i, d)));
    record_.positions.push_back(std::move(ps));
  }
  const DraftSnapshot& last = record_.dynamics.back();
  const bool clean = std::none_of(last.bracketed.begin(), last.bracketed.end(), [](bool b) { return b; });
  if (!record_.agreed_at && clean && last.consensus_share >= p.agreement_share) {
    record_.agreed_at = when;
    record_.agreed_round = round;
  }
  return leaving;
}

void Negotiation::conference(SimTime when) {
  const Eigen::VectorXd accept = acceptance(x_, salience_, draft_);
  record_.conference_at = when;
  for (std::size_t r = 0; r < states_.size(); ++r) {
    const auto i = static_cast<Eigen::Index>(r);
    ConferenceVote vote = ConferenceVote::left;
    if (in_(i) == 1.0) {
      switch (conference_vote(accept(i), spec_.parameters.adopt_threshold, spec_.parameters.object_threshold)) {
        case Vote::adopt: vote = ConferenceVote::adopt; break;
        case Vote::abstain: vote = ConferenceVote::abstain; break;
        case Vote::object: vote = ConferenceVote::object; break;
      }
    }
    record_.conference.emplace_back(states_[r], vote);
  }
}

void Negotiation::snapshot(std::size_t round, int day, SimTime when) {
  DraftSnapshot snap;
  snap.round = round;
  snap.day = day;
  snap.when = when;
  const Eigen::RowVectorXd dis = dissent(x_, salience_, in_, draft_);
  const Eigen::VectorXd accept = acceptance(x_, salience_, draft_);
  int remaining = 0;
  int accepting = 0;
  for (Eigen::Index i = 0; i < in_.size(); ++i) {
    if (in_(i) != 1.0) continue;
    ++remaining;
    accepting += accept(i) >= spec_.parameters.adopt_threshold ? 1 : 0;
  }
  for (Eigen::Index d = 0; d < draft_.size(); ++d) {
    snap.draft.push_back(to_scale(draft_(d)));
    snap.dissent.push_back(dis(d));
    snap.bracketed.push_back(dis(d) > spec_.parameters.bracket_threshold);
  }
  snap.remaining = remaining;
  snap.consensus_share = remaining > 0 ? static_cast<double>(accepting) / remaining : 0.0;
  record_.dynamics.push_back(std::move(snap));
}

double Negotiation::acceptance_of(std::size_t state) const {
  const Eigen::VectorXd accept = acceptance(x_, salience_, draft_);
  return accept(index_[state]);
}

double Negotiation::reservation_of(std::size_t state) const { return reservation_(index_[state]); }

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
