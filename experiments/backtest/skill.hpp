#pragma once
// Measures of out-of-sample skill for a set of yes/no predictions about states: the area under the
// ROC curve of a score, and precision and recall of a predicted set. Knows nothing of scenarios.
#include <optional>
#include <vector>

namespace gcmsim::backtest {

// The area under the ROC curve of `scores` against `labels` (true = positive): the chance that a
// positive drawn at random scores above a negative drawn at random, ties counting one half
// (Mann-Whitney U / (positives x negatives); Hanley and McNeil 1982). None without a positive or a
// negative. Throws std::invalid_argument when the sizes differ.
std::optional<double> roc_auc(const std::vector<double>& scores, const std::vector<bool>& labels);

// Counts pooled over runs: every run's predicted set against the same real set.
struct HitCounts {
  long true_positives = 0;
  long predicted = 0;  // predicted positives, summed over runs
  long actual = 0;     // real positives, times the number of runs
};

// Adds one run: `predicted[i]` against `actual[i]`.
void add_run(HitCounts& counts, const std::vector<bool>& predicted, const std::vector<bool>& actual);

// True positives over predicted positives; none when nothing was predicted.
std::optional<double> precision(const HitCounts& counts);
// True positives over real positives; none without a real positive.
std::optional<double> recall(const HitCounts& counts);

}  // namespace gcmsim::backtest
