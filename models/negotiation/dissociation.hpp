#pragma once
// After agreement, domestic politics turn some governments against the text: competing hazards of
// dissociation with contagion (docs/negotiation.md, "After agreement"). Each state has a threshold
// drawn once, at agreement; its cumulative hazard grows piecewise between the moments its hazard
// changes (a departure of a state close to it or of a member of its blocs, a new cabinet), and it
// dissociates when the cumulative hazard reaches the threshold. Pure: the caller draws the
// thresholds and owns the clock.
#include <cstddef>
#include <utility>
#include <vector>

#include <Eigen/Core>

namespace gcmsim::model {

struct DissociationInputs {
  // By row (delegation). Times are days since agreement.
  std::vector<double> threshold;  // Exp(1), drawn at agreement
  std::vector<double> base;       // hazard per period before stance and contagion; 0: the row never dissociates by a draw
  std::vector<bool> active;       // still in at agreement (others have left: they count as departures at day 0)
  std::vector<double> stance;     // the government's stance at agreement
  struct StanceChange {
    double day;
    std::size_t row;
    double stance;
  };
  std::vector<StanceChange> stance_changes;           // new cabinets after agreement, by day
  std::vector<std::pair<double, std::size_t>> scripted;  // scripted departures after agreement: (day, row), by day
  const Eigen::MatrixXd* closeness = nullptr;         // rows x rows, or empty: no contagion
  // The blocs (coalitions, regional groups): each a list of rows. A row's hazard is multiplied by
  // exp(bloc_weight x the largest share of the other members of one of its blocs that have gone).
  const std::vector<std::vector<std::size_t>>* blocs = nullptr;
  double stance_weight = 0.0;                         // log-hazard per unit of stance
  double bloc_weight = 0.0;                           // log-hazard per unit share of a bloc's other members gone
  double contagion = 0.0;                             // hazard per period added per departure, times closeness
  double period_days = 30.0;
  double span_days = 0.0;                             // until the conference
};

struct Dissociation {
  std::size_t row = 0;
  double day = 0.0;  // since agreement
  // Politics made the larger part of its hazard when it went: its government's stance, its blocs'
  // departures and its close states' departures gave more than its distance from the text and its
  // destination share alone (the hazard was more than twice its base).
  bool political = false;
};

// The drawn dissociations before span_days, in the order they happen. With no stance weight, no
// contagion, no bloc weight and no stance change, each row's day is threshold × period / base,
// exactly as a one-shot draw of independent exponential times.
std::vector<Dissociation> dissociation_cascade(const DissociationInputs& in);

}  // namespace gcmsim::model
