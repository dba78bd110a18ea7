#pragma once
// What the negotiation needs that depends on the scenario alone: who negotiates, their initial
// views and salience, their susceptibility and reservation, the influence network, and how many
// rounds the plan schedules (the deadline). Built once per scenario and shared read-only by every
// replication and thread (model::ScenarioSetup holds it); a replication copies only what moves.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "models/negotiation/influence_network.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

struct NegotiationSetup {
  NegotiationSpec spec;
  std::vector<int> index;           // member-state index -> row, -1 if not negotiating
  std::vector<std::size_t> states;  // row -> member-state index
  Eigen::MatrixXd x0;               // initial positions, 0-1 (rows × dimensions)
  Eigen::MatrixXd salience;
  Eigen::VectorXd susceptibility;
  Eigen::VectorXd reservation;
  Eigen::VectorXd destination;      // each row's destination share (a driver of dissociation)
  // Each row's chance of being absent from the General Assembly's recorded vote: its own habit
  // (politics.absence) where the data give it, the scenario's ga_absence otherwise.
  Eigen::VectorXd ga_absence;
  // Each pair of rows' closeness for contagion after agreement: the General Assembly affinity above
  // the mean of all pairs, rescaled to 0-1 (docs/negotiation.md, "After agreement"); 0 x 0 when the
  // scenario gives no affinity.
  Eigen::MatrixXd closeness;
  // The blocs a departure spreads through (docs/negotiation.md, "After agreement"): each coalition
  // of the member-state data and each regional group, as lists of rows (blocs of one left out).
  std::vector<std::vector<std::size_t>> blocs;
  InfluenceNetwork network;
  int scheduled_rounds = 0;         // negotiation rounds in the plan: the last one is the deadline
};

// Views derived from the member-state data (or written out, in the classroom form); the influence
// network through memberships (derived) or as written (classroom). Cost linear in states for the
// derived form. Precondition: scenario.negotiation is set.
std::shared_ptr<const NegotiationSetup> make_negotiation_setup(const Scenario& scenario);

}  // namespace gcmsim::model
