#pragma once
// Who listens to whom, as an operator rather than a matrix: y = W_v x, where W is the row-stochastic
// influence matrix and W_v the same matrix with each state's weight on others scaled by its voice
// that day (apply_voice in influence.hpp says exactly how). Two forms behind one interface:
//   - memberships: influence flows through coalitions and regional groups. A state hears each of its
//     groups' (voice-weighted) mean view of the other members; a group weighs in proportion to its
//     tie strength times the voices of its other members. This is the pairwise matrix of
//     influence_from_memberships, applied without ever building it: cost O(Σ group sizes × d) per
//     product, linear in states, where the matrix has ~n²/2 entries (the G77 ties most pairs).
//   - explicit: the classroom matrix as written (or any small sparse W), O(nonzeros × d).
// The network depends on the scenario alone: built once, shared read-only by every replication.
// A replication keeps its own Hearing (the day's voices and scratch space), allocated once.
#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "models/negotiation/influence.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

class InfluenceNetwork;

// One replication's view of the network on one day: the voices and what follows from them.
// Built for a network by InfluenceNetwork::hearing(); reused every day without allocating.
struct Hearing {
  Eigen::VectorXd voice;        // per state, >= 0
  Eigen::VectorXd heard_share;  // per state: 1 while some partner is heard, 0 when none is
  Eigen::VectorXd scale;        // explicit form: row rescaling of the off-diagonal part
  Eigen::VectorXd group_voice;  // membership form: Σ voice over each group's members
  // Membership form, row-major so that a state's or a group's d values are contiguous: multiply()
  // works row by row, all dimensions at once.
  using Rows = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Rows group_sum;               // Σ voice × x over each group's members (groups × d)
  Rows x_rows;                  // the x of the last product, copied row-major (states × d)
  std::vector<double> scratch;  // per-row sums when there are more dimensions than multiply() unrolls
};

class InfluenceNetwork {
 public:
  // The membership form: same weights as influence_from_memberships (a shared coalition is a tie of
  // coalition_weight, a shared regional group one of group_weight; self_weight kept on the own
  // view; a state without partners listens only to itself). Throws std::invalid_argument as it does.
  static InfluenceNetwork from_memberships(const std::vector<MemberState>& states, const InfluenceWeights& w);
  // The explicit form; W must be square (row-stochastic for the dynamics to mean anything).
  static InfluenceNetwork from_matrix(Influence W);

  Eigen::Index size() const { return n_; }
  bool explicit_form() const { return explicit_; }

  // Scratch space sized for this network and d dimensions; all voices 1.
  Hearing hearing(Eigen::Index dimensions) const;
  // Sets the day's voices (one per state, >= 0). O(n + Σ group sizes) or O(nonzeros).
  // Throws std::invalid_argument if the size is wrong or a voice is negative.
  void set_voice(Hearing& h, const Eigen::VectorXd& voice) const;
  // out = W_v x for the voices last set; out must not alias x. No allocation once `out` and the
  // hearing have their sizes.
  void multiply(Hearing& h, const Eigen::MatrixXd& x, Eigen::MatrixXd& out) const;

  // W_v as a sparse matrix, for tests and small scenarios (O(n²) in the membership form).
  Influence materialise(const Hearing& h) const;

 private:
  // multiply() in the membership form, for D dimensions known at compile time (the loops over
  // dimensions unroll and vectorise) or Eigen::Dynamic.
  template <int D>
  void multiply_memberships(Hearing& h, const Eigen::MatrixXd& x, Eigen::MatrixXd& out) const;

  bool explicit_ = false;
  Eigen::Index n_ = 0;
  // Explicit form.
  Influence W_;
  Eigen::VectorXd self_;    // w_ii
  Eigen::VectorXd others_;  // Σ_{j≠i} w_ij
  // Membership form: groups (coalitions, then regional groups) as CSR lists both ways.
  double self_weight_ = 0.4;
  std::vector<double> group_weight_;           // tie strength of each group
  std::vector<std::size_t> member_offset_;     // group g's members: members_[offset[g] .. offset[g+1])
  std::vector<Eigen::Index> members_;
  std::vector<std::size_t> membership_offset_; // state i's groups: groups_of_[offset[i] .. offset[i+1])
  std::vector<std::size_t> groups_of_;
  std::vector<bool> has_partner_;              // shares a group of two or more with a positive weight
};

// One Friedkin–Johnsen step into `out` (no allocation once sized): out = Λ W_v x + (I − Λ) x0.
// Sizes must agree (checked by the caller once; this runs every sitting day).
void fj_step_into(const InfluenceNetwork& network, Hearing& h, const Eigen::VectorXd& susceptibility,
                  const Eigen::MatrixXd& x, const Eigen::MatrixXd& x0, Eigen::MatrixXd& out);

}  // namespace gcmsim::model
