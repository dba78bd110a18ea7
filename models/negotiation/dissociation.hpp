#pragma once
// After agreement, domestic politics turn some governments against the text: competing hazards of
// dissociation with contagion (docs/negotiation.md, "After agreement"). Each state has a threshold
// drawn once, at agreement; its cumulative hazard grows piecewise between the moments its hazard
// changes (a departure of a state close to it, a new cabinet), and it dissociates when the
// cumulative hazard reaches the threshold. Pure: the caller draws the thresholds and owns the clock.
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
  double stance_weight = 0.0;                         // log-hazard per unit of stance
  double contagion = 0.0;                             // hazard per period added per departure, times closeness
  double period_days = 30.0;
  double span_days = 0.0;                             // until the conference
};

// The drawn dissociations before span_days: (row, day since agreement), in the order they happen.
// With no stance weight, no contagion and no stance change, each row's day is threshold × period /
// base, exactly as a one-shot draw of independent exponential times.
std::vector<std::pair<std::size_t, double>> dissociation_cascade(const DissociationInputs& in);

}  // namespace gcmsim::model
