#pragma once
// The negotiation as the process plays it: states' positions on the issue dimensions, the
// co-facilitators' draft, and acceptance.
//   - The zero draft is a compromise of the positions, weighted by salience and by how much each
//     state spoke in the consultations (the summaries and the chair's summary carry what was said).
//   - During a negotiation round each intervention pulls the working draft a little toward the
//     speaker on the dimension it cares most about where it is furthest from the text.
//   - At the end of each sitting day positions move by Friedkin-Johnsen steps on the influence
//     network, with each state's weight on others scaled by its voice that day (spoke, silent,
//     absent): interventions and informal consultations are what move views.
//   - At the end of a round the co-facilitators revise the text toward the voice-weighted
//     compromise; a dimension stays bracketed while dissent on it is above the threshold; a state
//     whose acceptance falls below its reservation leaves the process.
//   - At the conference each remaining state adopts, abstains or objects; states that left do not
//     adopt.
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include "engine/sim_time.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

// What one intervention did to the working draft, for narration.
struct DraftPull {
  std::size_t dimension = 0;
  double moved = 0.0;  // on the scenario's scale, toward the speaker
};

class Negotiation {
 public:
  explicit Negotiation(const Scenario& scenario);

  bool takes_part(std::size_t state) const { return index_[state] >= 0; }
  bool has_left(std::size_t state) const;
  // A state leaves for reasons outside the text (a scripted withdrawal).
  void leave(std::size_t state);

  // The zero draft: positions weighted by salience and by the consultations' speaking minutes.
  void circulate_zero_draft(SimTime when, std::size_t activity, const std::vector<double>& consultation_minutes);
  bool has_draft() const { return has_draft_; }

  DraftPull intervention(std::size_t state);
  // Positions move; `voice` per member state (spoke, silent, absent). Returns the mean move (scale units).
  double end_of_day(std::size_t round, int day, SimTime when, const std::vector<double>& voice);
  // Revises the text, records the round, and returns the states that leave now (acceptance below
  // their reservation).
  std::vector<std::size_t> end_of_round(std::size_t round, SimTime when, const std::vector<double>& voice);
  void conference(SimTime when);

  const NegotiationRecord& record() const { return record_; }
  NegotiationRecord take_record() { return std::move(record_); }

  // For narration.
  const std::string& dimension_name(std::size_t d) const { return spec_.dimensions[d].name; }
  double acceptance_of(std::size_t state) const;
  double reservation_of(std::size_t state) const;
  std::vector<double> draft_on_scale() const;
  std::vector<bool> bracketed() const;

 private:
  Eigen::VectorXd weights_from(const std::vector<double>& per_state) const;
  void snapshot(std::size_t round, int day, SimTime when);
  // Every state's position and acceptance now, for positions.csv (day 0: round end or zero draft).
  void record_positions(std::size_t round, int day, SimTime when);
  double to_scale(double unit) const { return spec_.scale_min + unit * (spec_.scale_max - spec_.scale_min); }

  const Scenario& scenario_;
  NegotiationSpec spec_;
  std::vector<int> index_;           // member-state index -> row, -1 if not negotiating
  std::vector<std::size_t> states_;  // row -> member-state index
  Eigen::MatrixXd x0_;               // initial positions, 0-1
  Eigen::MatrixXd x_;                // current positions, 0-1
  Eigen::MatrixXd salience_;
  Eigen::VectorXd susceptibility_;
  Eigen::VectorXd reservation_;
  Eigen::SparseMatrix<double, Eigen::RowMajor> influence_;
  Eigen::VectorXd in_;               // 1 while in the process, 0 once left
  Eigen::RowVectorXd draft_;
  bool has_draft_ = false;
  NegotiationRecord record_;
};

}  // namespace gcmsim::model
