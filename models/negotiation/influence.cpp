#include "models/negotiation/influence.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include <boost/graph/adjacency_list.hpp>

namespace gcmsim::model {
namespace {

using TieGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                       boost::property<boost::edge_weight_t, double>>;
using Triplet = Eigen::Triplet<double, Influence::StorageIndex>;

Influence::StorageIndex index(std::size_t i) { return static_cast<Influence::StorageIndex>(i); }

// One tie per pair of states that share a coalition or a group. Each state's ties are summed in a
// dense scratch row and read back in column order, so the graph (and every floating-point sum
// later) is the same on every platform, with no hashing.
TieGraph tie_graph(const std::vector<MemberState>& states, const InfluenceWeights& w) {
  const std::size_t n = states.size();
  std::map<std::string, std::vector<std::size_t>> coalition_members;
  std::vector<std::vector<const std::vector<std::size_t>*>> coalitions_of(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> names = states[i].coalitions;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());  // a coalition counts once
    for (const std::string& name : names) coalition_members[name].push_back(i);
  }
  for (auto& [name, members] : coalition_members)
    for (std::size_t i : members) coalitions_of[i].push_back(&members);
  std::vector<std::vector<std::size_t>> group_members(kRegionalGroups);
  for (std::size_t i = 0; i < n; ++i) group_members[static_cast<std::size_t>(states[i].group)].push_back(i);

  TieGraph graph(n);
  std::vector<double> tie(n, 0.0);
  std::vector<std::size_t> touched;
  auto add = [&](const std::vector<std::size_t>& members, std::size_t i, double weight) {
    for (std::size_t j : members) {
      if (j <= i) continue;  // each pair once, from its lower index
      if (tie[j] == 0.0) touched.push_back(j);
      tie[j] += weight;
    }
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (w.coalition_weight > 0.0)
      for (const auto* members : coalitions_of[i]) add(*members, i, w.coalition_weight);
    if (w.group_weight > 0.0) add(group_members[static_cast<std::size_t>(states[i].group)], i, w.group_weight);
    std::sort(touched.begin(), touched.end());
    for (std::size_t j : touched) {
      boost::add_edge(i, j, tie[j], graph);
      tie[j] = 0.0;
    }
    touched.clear();
  }
  return graph;
}

}  // namespace

Influence influence_from_memberships(const std::vector<MemberState>& states, const InfluenceWeights& w) {
  if (!(w.self_weight >= 0.0 && w.self_weight <= 1.0))
    throw std::invalid_argument("influence: self_weight must be in [0, 1], got " + std::to_string(w.self_weight));
  if (!(w.coalition_weight >= 0.0) || !(w.group_weight >= 0.0))
    throw std::invalid_argument("influence: coalition_weight and group_weight must be >= 0");

  const TieGraph graph = tie_graph(states, w);
  const auto weight = boost::get(boost::edge_weight, graph);
  const std::size_t n = states.size();
  std::vector<Triplet> entries;
  entries.reserve(n + 2 * boost::num_edges(graph));
  for (std::size_t i = 0; i < n; ++i) {
    double total = 0.0;
    for (auto [e, end] = boost::out_edges(i, graph); e != end; ++e) total += weight[*e];
    if (total <= 0.0) {
      entries.emplace_back(index(i), index(i), 1.0);
      continue;
    }
    entries.emplace_back(index(i), index(i), w.self_weight);
    const double share = (1.0 - w.self_weight) / total;
    for (auto [e, end] = boost::out_edges(i, graph); e != end; ++e)
      entries.emplace_back(index(i), index(boost::target(*e, graph)), share * weight[*e]);
  }
  Influence W(index(n), index(n));
  W.setFromTriplets(entries.begin(), entries.end());
  return W;
}

Influence influence_from_rows(const std::vector<std::vector<std::pair<std::size_t, double>>>& rows,
                              double tolerance) {
  const std::size_t n = rows.size();
  std::vector<Triplet> entries;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string row = "influence row " + std::to_string(i);
    double sum = 0.0;
    for (const auto& [j, value] : rows[i]) {
      if (j >= n)
        throw std::invalid_argument(row + ": column " + std::to_string(j) + " is out of range (" +
                                    std::to_string(n) + " states)");
      if (!(value >= 0.0))
        throw std::invalid_argument(row + ": weight " + std::to_string(value) + " for column " +
                                    std::to_string(j) + " is negative");
      sum += value;
      entries.emplace_back(index(i), index(j), value);
    }
    if (!(std::abs(sum - 1.0) <= tolerance))
      throw std::invalid_argument(row + " sums to " + std::to_string(sum) + ", not 1");
  }
  Influence W(index(n), index(n));
  W.setFromTriplets(entries.begin(), entries.end());  // repeated columns add up
  return W;
}

Influence apply_voice(const Influence& W, const Eigen::VectorXd& voice) {
  if (voice.size() != W.cols())
    throw std::invalid_argument("apply_voice: " + std::to_string(voice.size()) + " voices for " +
                                std::to_string(W.cols()) + " states");
  for (Eigen::Index j = 0; j < voice.size(); ++j)
    if (!(voice[j] >= 0.0))
      throw std::invalid_argument("apply_voice: voice of state " + std::to_string(j) + " is negative");

  // Same sparsity as W, values rescaled in place: this runs every sitting day, so no rebuild.
  Influence heard = W;
  heard.makeCompressed();
  std::vector<Eigen::Index> unheard;
  for (Eigen::Index i = 0; i < heard.outerSize(); ++i) {
    double self = 0.0, before = 0.0, after = 0.0;
    for (Influence::InnerIterator it(heard, i); it; ++it) {
      if (it.col() == i) {
        self += it.value();
      } else {
        before += it.value();
        after += it.value() * voice[it.col()];
      }
    }
    const double scale = after > 0.0 ? before / after : 0.0;
    for (Influence::InnerIterator it(heard, i); it; ++it) {
      if (it.col() != i) it.valueRef() *= voice[it.col()] * scale;
    }
    // Nobody this state listens to was heard: it keeps its own view (w_ii = 1 for a stochastic W).
    if (after <= 0.0 && self + before != 0.0) unheard.push_back(i);
  }
  for (Eigen::Index i : unheard) {
    double total = 0.0;
    for (Influence::InnerIterator it(W, i); it; ++it) total += it.value();
    heard.coeffRef(i, i) = total;  // inserts the diagonal when W had none (rare)
  }
  return heard;
}

bool is_row_stochastic(const Influence& W, double tol) {
  if (W.rows() != W.cols()) return false;
  for (Eigen::Index i = 0; i < W.outerSize(); ++i) {
    double sum = 0.0;
    for (Influence::InnerIterator it(W, i); it; ++it) {
      if (it.value() < -tol) return false;
      sum += it.value();
    }
    if (!(std::abs(sum - 1.0) <= tol)) return false;
  }
  return true;
}

}  // namespace gcmsim::model
