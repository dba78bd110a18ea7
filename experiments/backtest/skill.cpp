#include "experiments/backtest/skill.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace gcmsim::backtest {

std::optional<double> roc_auc(const std::vector<double>& scores, const std::vector<bool>& labels) {
  if (scores.size() != labels.size()) throw std::invalid_argument("roc_auc: as many labels as scores are needed");
  // Rank-sum form of the Mann-Whitney U: sort by score, give tied scores their mean rank.
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] < scores[b]; });
  double positive_rank_sum = 0.0;
  long positives = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double mean_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k)
      if (labels[order[k]]) positive_rank_sum += mean_rank, ++positives;
    i = j;
  }
  const long negatives = static_cast<long>(scores.size()) - positives;
  if (positives == 0 || negatives == 0) return std::nullopt;
  const double p = static_cast<double>(positives);
  const double u = positive_rank_sum - p * (p + 1.0) / 2.0;
  return u / (p * static_cast<double>(negatives));
}

void add_run(HitCounts& counts, const std::vector<bool>& predicted, const std::vector<bool>& actual) {
  if (predicted.size() != actual.size()) throw std::invalid_argument("add_run: predicted and actual differ in size");
  for (std::size_t i = 0; i < predicted.size(); ++i) {
    counts.predicted += predicted[i] ? 1 : 0;
    counts.actual += actual[i] ? 1 : 0;
    counts.true_positives += predicted[i] && actual[i] ? 1 : 0;
  }
}

std::optional<double> precision(const HitCounts& counts) {
  if (counts.predicted == 0) return std::nullopt;
  return static_cast<double>(counts.true_positives) / static_cast<double>(counts.predicted);
}

std::optional<double> recall(const HitCounts& counts) {
  if (counts.actual == 0) return std::nullopt;
  return static_cast<double>(counts.true_positives) / static_cast<double>(counts.actual);
}

}  // namespace gcmsim::backtest
