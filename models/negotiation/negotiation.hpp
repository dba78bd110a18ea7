#pragma once
// The negotiation as the process plays it (docs/negotiation.md gives the reason for each rule):
//   - The zero draft is a compromise of the positions, weighted by salience and by how much each
//     state spoke in the consultations (the summaries and the chair's summary carry what was said).
//   - During a round each intervention pulls the working draft a little toward the speaker on the
//     dimension it cares most about where it is furthest from the text.
//   - At the end of each sitting day positions move by Friedkin-Johnsen steps on the influence
//     network, each state's weight on others scaled by its voice that day.
//   - At the end of a round the co-facilitators revise the text toward the voice-weighted
//     compromise; every delegation concedes a little (its anchor moves toward the text); a state
//     whose acceptance falls below its reservation leaves; a delegation holds a bracket on each
//     dimension where the text is further from it than it tolerates, and its tolerance grows as the
//     last scheduled round nears (the deadline effect). The text is agreed when no delegation
//     maintains an objection on any dimension: nothing is agreed until everything is agreed.
//   - Not agreed by the last scheduled round: up to the scenario's number of informal
//     consultations (OP29), before the conference. Still not agreed: no text to adopt.
//   - After agreement a state may dissociate (a hazard driven by its distance to the text, its
//     destination share, its government's stance and the departures of its peers and blocs); at the
//     conference the text is adopted by acclamation by the states present.
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "engine/random_streams.hpp"
#include "engine/sim_time.hpp"
#include "models/negotiation/negotiation_setup.hpp"
#include "models/negotiation/played_seats.hpp"
#include "models/run_results.hpp"

namespace gcmsim::model {

// What one intervention did to the working draft, for narration.
struct DraftPull {
  std::size_t dimension = 0;
  double moved = 0.0;  // on the scenario's scale, toward the speaker
  bool yielded = false;  // a played seat gave the floor up
};

class Negotiation {
 public:
  // What the negotiation reads of the scenario's setup (models/setup/scenario_setup.hpp holds it;
  // the negotiation knows nothing of the rest): its views and network, the co-facilitators (member-
  // state indices) and each activity's round number (1, 2, ... for a round, 0 otherwise). Not owned.
  struct Setup {
    const NegotiationSetup& negotiation;
    const std::vector<std::size_t>& co_facilitators;
    const std::vector<int>& round_numbers;
  };
  // `stream` draws each delegation's tolerance (its mandate) and the hazards after agreement.
  // `seats` (optional, not owned): the delegations played by people, asked at each decision.
  Negotiation(const Setup& setup, RandomStream stream, const PlayedSeats* seats = nullptr);

  bool takes_part(std::size_t state) const { return ns_.index[state] >= 0; }
  bool has_left(std::size_t state) const;
  bool agreed() const { return record_.agreed_at.has_value(); }
  // A state leaves for reasons outside the text (a scripted withdrawal, or `drawn`: a dissociation
  // of dissociation_schedule). Before agreement it leaves the process; after, it dissociates from
  // the agreed text. A scripted withdrawal is a government's political act (it votes no in the
  // General Assembly under ga_political_no).
  void leave(std::size_t state, SimTime when, bool drawn = false);

  // The zero draft: positions weighted by salience and by the consultations' speaking minutes.
  void circulate_zero_draft(SimTime when, std::size_t activity, const std::vector<double>& consultation_minutes);
  bool has_draft() const { return has_draft_; }

  // The state has the floor at `when`: it argues one dimension (a played seat may yield the floor:
  // then nothing moves and `yielded` is set).
  DraftPull intervention(std::size_t state, SimTime when);
  // Positions move; `voice` per member state (spoke, silent, absent). Returns the mean move (scale units).
  double end_of_day(std::size_t round, int day, SimTime when, const std::vector<double>& voice);
  // Revises the text, records the round, checks for consensus (and, after the last scheduled round,
  // holds the OP29 consultations the scenario allows before `conference_start`), and returns the
  // states that leave now (acceptance below their reservation).
  std::vector<std::size_t> end_of_round(std::size_t round, SimTime when, const std::vector<double>& voice,
                                        std::optional<SimTime> conference_start);
  // Once agreed: the states that will dissociate before `until`, and when (thresholds drawn once, at
  // agreement; the cascade in dissociation.hpp). `scripted`: the scenario's departures after agreement
  // (member state, when), which pull close states like any other; `stance`: by member state, its
  // government's stance from each cabinet's start (empty: neutral).
  std::vector<std::pair<std::size_t, SimTime>> dissociation_schedule(
      SimTime until, const std::vector<std::pair<std::size_t, SimTime>>& scripted,
      const std::vector<std::vector<std::pair<SimTime, double>>>& stance);
  // Adoption by acclamation (`present` per member state); nothing to adopt without an agreed text.
  void conference(SimTime when, const std::vector<bool>& present);

  // A group's statement: pulls the working text toward its members' mean (those still in), on the
  // dimension where the group's mean salience × distance is largest.
  DraftPull group_intervention(const std::vector<std::size_t>& members);

  const NegotiationRecord& record() const { return record_; }
  NegotiationRecord take_record() { return std::move(record_); }

  // For narration.
  const std::string& dimension_name(std::size_t d) const { return ns_.spec.dimensions[d].name; }
  double acceptance_of(std::size_t state) const;
  double reservation_of(std::size_t state) const;
  std::vector<double> draft_on_scale() const;
  std::vector<bool> bracketed() const;
  // Why the text is not agreed (at the last consensus check): per dimension the delegations holding
  // a bracket on it, and the member states holding any.
  const std::vector<int>& objecting() const { return objecting_; }
  const std::vector<std::size_t>& holders() const { return holder_states_; }
  // Tolerance added by the deadline in round k (1 = first), rounds after the last count on.
  double deadline_pressure(int round_number) const;

 private:
  enum class Status { in, left, dissociated };
  Eigen::VectorXd weights_from(const std::vector<double>& per_state) const;
  void revise(const Eigen::VectorXd& heard, int round_number, SimTime when);
  // The model's choice, or the played seat's answer (recorded with the model's choice).
  int decide(Eigen::Index row, SeatDecision kind, int subject, int options, int model_choice, SimTime when);
  SeatView seat_view(Eigen::Index row) const;
  bool consensus(int round_number, SimTime when, std::size_t round, int consultation);
  void snapshot(std::size_t round, int day, SimTime when, int consultation = 0);
  // Every state's position and acceptance now, for positions.csv (day 0: round end or zero draft).
  void record_positions(std::size_t round, int day, SimTime when);
  // A value on the unit scale the model computes in, in the scenario's units, to the precision it
  // carries: a run's thousands of double steps keep about 13 digits of the span, so the result is
  // rounded to a decimal grid of 1e-12 of it. A position read in as 15 on a 0-100 scale comes back
  // as 15 (0.15 * 100 is 15.000000000000002, and a few steps make it 14.999999999999986).
  double to_scale(double unit) const;
  const NegotiationSpec& spec() const { return ns_.spec; }
  bool in(Eigen::Index row) const { return status_[static_cast<std::size_t>(row)] == Status::in; }

  const std::vector<int>& round_numbers_;
  const NegotiationSetup& ns_;
  const PlayedSeats* seats_ = nullptr;
  RandomStream stream_;
  double scale_grid_ = 1.0;          // to_scale's rounding: steps per unit of the scenario's scale
  Eigen::MatrixXd anchor_;           // initial views, conceded toward the text round by round
  Eigen::MatrixXd x_;                // current positions, 0-1
  Eigen::MatrixXd next_;             // scratch for the influence step
  Hearing hearing_;
  Eigen::VectorXd tolerance_;        // each delegation's own tolerance (its mandate), drawn once
  std::vector<bool> chairing_;       // by row: the co-facilitators' states, who chair and draft
  std::vector<Status> status_;
  Eigen::VectorXd in_;               // 1 while in the process, 0 once left or dissociated
  Eigen::VectorXd last_voice_;       // the last round's voices, for the OP29 consultations
  Eigen::RowVectorXd draft_;
  double pressure_now_ = 0.0;        // the deadline's added tolerance at the last consensus check
  std::vector<int> objecting_;       // per dimension, at the last check
  int holders_ = 0;                  // delegations holding any bracket, at the last check
  std::vector<std::size_t> holder_states_;  // their member-state indices
  bool has_draft_ = false;
  bool dissociations_drawn_ = false;
  std::vector<bool> political_;      // by row: left by a political act (scripted, or a drawn departure politics drove)
  NegotiationRecord record_;
};

}  // namespace gcmsim::model
