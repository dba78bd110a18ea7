#pragma once
// Who listens to whom in the negotiations: a row-stochastic influence matrix W (row i says how
// state i weighs the views of every state, its own included). Either derived from coalition and
// regional-group memberships or, in the classroom form, given row by row.
#include <cstddef>
#include <utility>
#include <vector>

#include <Eigen/SparseCore>

#include "models/scenario.hpp"

namespace gcmsim::model {

// Row-major: the dynamics read W row by row (one state's listening) and multiply W * x.
using Influence = Eigen::SparseMatrix<double, Eigen::RowMajor>;

struct InfluenceWeights {
  double self_weight = 0.4;       // w_ii: how much a state keeps of its own view each step
  double coalition_weight = 1.0;  // tie strength per coalition two states share
  double group_weight = 0.5;      // tie strength for sharing a regional group
};

// Coalitions (G77, the African Group's common position, the EU) exist to coordinate positions, so
// each shared coalition is a full-strength tie; a regional group mainly allocates seats and
// speaking turns, a weaker channel. The tie between states i and j is
//   coalition_weight * (coalitions they share) + group_weight * [same regional group],
// and row i of W is w_ii = self_weight with the remaining 1 - self_weight shared among i's
// partners in proportion to tie strength. A state with no tie listens only to itself (w_ii = 1).
// Cost O(sum over coalitions and groups of members^2): the G77 alone is a clique of ~8,800 ties.
// Throws std::invalid_argument if self_weight is outside [0, 1] or a tie weight is negative.
Influence influence_from_memberships(const std::vector<MemberState>& states, const InfluenceWeights& w);

// The classroom form: rows[i] lists (column, weight) pairs of state i; repeated columns add up.
// Throws std::invalid_argument naming the row if a column is out of range, a weight is negative,
// or the row does not sum to 1 within `tolerance`.
Influence influence_from_rows(const std::vector<std::vector<std::pair<std::size_t, double>>>& rows,
                              double tolerance = 1e-9);

// Who is heard weighs more: column j's off-diagonal entries are scaled by voice_j (>= 0; 1 = took
// the floor, less = present but silent or absent), then each row's off-diagonal part is rescaled
// to its former total so that w_ii and the row sum are unchanged. A row whose partners are all
// unheard (voice 0) falls back to w_ii = 1. Equal voices leave W as it was.
// Throws std::invalid_argument if voice has the wrong size or a negative entry.
Influence apply_voice(const Influence& W, const Eigen::VectorXd& voice);

// Square, no entry below -tol, every row summing to 1 within tol.
bool is_row_stochastic(const Influence& W, double tol = 1e-9);

}  // namespace gcmsim::model
