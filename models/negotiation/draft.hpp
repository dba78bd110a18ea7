#pragma once
// The co-facilitators' draft against the states' positions: where a compromise lies, how far the
// room is from a text, and how each state judges it. Positions x and salience s are n × d
// (states × issue dimensions) on the 0–1 scale; salience >= 0 says how much a dimension matters.
// A weight per state (>= 0; 0 = not at the table) says how much the drafters heed it.
// Every function throws std::invalid_argument if the sizes disagree.
#include <Eigen/Core>

namespace gcmsim::model {

// Per dimension, the mean of the positions weighted by weight_i × s_id: a state counts where it
// both is heard and cares. A dimension nobody weighs stays at the neutral midpoint 0.5.
Eigen::RowVectorXd compromise(const Eigen::MatrixXd& x, const Eigen::MatrixXd& s, const Eigen::VectorXd& weight);

// Per dimension, the (weight × salience)-weighted mean of |x_id − draft_d|: how far, on average,
// those who care stand from the text (0 where nobody weighs the dimension). Paragraphs stay
// bracketed while it is high.
Eigen::RowVectorXd dissent(const Eigen::MatrixXd& x, const Eigen::MatrixXd& s, const Eigen::VectorXd& weight,
                           const Eigen::RowVectorXd& draft);

// Per state, 1 − Σ_d s_id |x_id − draft_d| / Σ_d s_id, in [0, 1]: the salience-weighted closeness
// of the draft to the state's own view. A state that cares about nothing accepts anything (1).
Eigen::VectorXd acceptance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& s, const Eigen::RowVectorXd& draft);

enum class Vote { adopt, abstain, object };

// At the conference: adopt if acceptance >= adopt_threshold, object if it is below the state's
// reservation level (it would have left the process), abstain in between.
Vote conference_vote(double acceptance, double adopt_threshold, double reservation);

}  // namespace gcmsim::model
