#include "models/negotiation/influence_network.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <string>

namespace gcmsim::model {
namespace {

using Triplet = Eigen::Triplet<double, Influence::StorageIndex>;

}  // namespace

InfluenceNetwork InfluenceNetwork::from_memberships(const std::vector<MemberState>& states, const InfluenceWeights& w) {
  if (!(w.self_weight >= 0.0 && w.self_weight <= 1.0))
    throw std::invalid_argument("influence: self_weight must be in [0, 1], got " + std::to_string(w.self_weight));
  if (!(w.coalition_weight >= 0.0) || !(w.group_weight >= 0.0))
    throw std::invalid_argument("influence: coalition_weight and group_weight must be >= 0");
  InfluenceNetwork net;
  net.n_ = static_cast<Eigen::Index>(states.size());
  net.self_weight_ = w.self_weight;

  // Groups in a fixed order (coalitions by name, then the regional groups), so every sum is the same
  // on every platform. A group without weight carries no influence and is left out.
  std::vector<std::vector<Eigen::Index>> lists;
  if (w.coalition_weight > 0.0) {
    std::map<std::string, std::vector<Eigen::Index>> coalitions;
    for (std::size_t i = 0; i < states.size(); ++i) {
      std::vector<std::string> names = states[i].coalitions;
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());  // a coalition counts once
      for (const std::string& name : names) coalitions[name].push_back(static_cast<Eigen::Index>(i));
    }
    for (auto& [name, members] : coalitions) {
      lists.push_back(std::move(members));
      net.group_weight_.push_back(w.coalition_weight);
    }
  }
  if (w.group_weight > 0.0) {
    std::vector<std::vector<Eigen::Index>> regional(kRegionalGroups);
    for (std::size_t i = 0; i < states.size(); ++i)
      regional[static_cast<std::size_t>(states[i].group)].push_back(static_cast<Eigen::Index>(i));
    for (auto& members : regional) {
      lists.push_back(std::move(members));
      net.group_weight_.push_back(w.group_weight);
    }
  }
  // Only groups of two or more tie anyone to anyone.
  std::vector<std::vector<std::size_t>> groups_of(states.size());
  net.member_offset_.push_back(0);
  std::vector<double> kept_weight;
  for (std::size_t g = 0; g < lists.size(); ++g) {
    if (lists[g].size() < 2) continue;
    const std::size_t id = kept_weight.size();
    kept_weight.push_back(net.group_weight_[g]);
    for (Eigen::Index i : lists[g]) {
      net.members_.push_back(i);
      groups_of[static_cast<std::size_t>(i)].push_back(id);
    }
    net.member_offset_.push_back(net.members_.size());
  }
  net.group_weight_ = std::move(kept_weight);
  net.membership_offset_.push_back(0);
  net.has_partner_.assign(states.size(), false);
  for (std::size_t i = 0; i < states.size(); ++i) {
    net.has_partner_[i] = !groups_of[i].empty();
    net.groups_of_.insert(net.groups_of_.end(), groups_of[i].begin(), groups_of[i].end());
    net.membership_offset_.push_back(net.groups_of_.size());
  }
  return net;
}

InfluenceNetwork InfluenceNetwork::from_matrix(Influence W) {
  if (W.rows() != W.cols())
    throw std::invalid_argument("influence: W is " + std::to_string(W.rows()) + "x" + std::to_string(W.cols()) +
                                ", not square");
  InfluenceNetwork net;
  net.explicit_ = true;
  net.n_ = W.rows();
  W.makeCompressed();
  net.self_ = Eigen::VectorXd::Zero(net.n_);
  net.others_ = Eigen::VectorXd::Zero(net.n_);
  for (Eigen::Index i = 0; i < W.outerSize(); ++i) {
    for (Influence::InnerIterator it(W, i); it; ++it) (it.col() == i ? net.self_ : net.others_)(i) += it.value();
  }
  net.W_ = std::move(W);
  return net;
}

Hearing InfluenceNetwork::hearing(Eigen::Index dimensions) const {
  Hearing h;
  h.voice = Eigen::VectorXd::Ones(n_);
  h.heard_share = Eigen::VectorXd::Ones(n_);
  h.scale = Eigen::VectorXd::Ones(n_);
  const auto groups = static_cast<Eigen::Index>(group_weight_.size());
  h.group_voice = Eigen::VectorXd::Zero(groups);
  h.group_sum = Hearing::Rows::Zero(groups, dimensions);
  h.x_rows = Hearing::Rows::Zero(n_, dimensions);
  set_voice(h, h.voice);
  return h;
}

void InfluenceNetwork::set_voice(Hearing& h, const Eigen::VectorXd& voice) const {
  if (voice.size() != n_)
    throw std::invalid_argument("influence: " + std::to_string(voice.size()) + " voices for " + std::to_string(n_) +
                                " states");
  for (Eigen::Index j = 0; j < n_; ++j)
    if (!(voice[j] >= 0.0)) throw std::invalid_argument("influence: voice of state " + std::to_string(j) + " is negative");
  if (&h.voice != &voice) h.voice = voice;
  if (explicit_) {
    for (Eigen::Index i = 0; i < n_; ++i) {
      double after = 0.0;
      for (Influence::InnerIterator it(W_, i); it; ++it)
        if (it.col() != i) after += it.value() * voice[it.col()];
      h.heard_share[i] = after > 0.0 ? 1.0 : 0.0;
      h.scale[i] = after > 0.0 ? others_[i] / after : 0.0;
    }
    return;
  }
  for (std::size_t g = 0; g < group_weight_.size(); ++g) {
    double total = 0.0;
    for (std::size_t m = member_offset_[g]; m < member_offset_[g + 1]; ++m) total += voice[members_[m]];
    h.group_voice[static_cast<Eigen::Index>(g)] = total;
  }
  // The denominator Σ_g a_g (V_g − v_i): how much of i's partners is heard. When it is 0 nobody i
  // listens to was heard and i keeps its own view, as apply_voice does.
  for (Eigen::Index i = 0; i < n_; ++i) {
    double heard = 0.0;
    for (std::size_t k = membership_offset_[static_cast<std::size_t>(i)]; k < membership_offset_[static_cast<std::size_t>(i) + 1]; ++k) {
      const std::size_t g = groups_of_[k];
      heard += group_weight_[g] * (h.group_voice[static_cast<Eigen::Index>(g)] - voice[i]);
    }
    h.scale[i] = heard;
    h.heard_share[i] = has_partner_[static_cast<std::size_t>(i)] && heard > 0.0 ? 1.0 : 0.0;
  }
}

void InfluenceNetwork::multiply(Hearing& h, const Eigen::MatrixXd& x, Eigen::MatrixXd& out) const {
  const Eigen::Index d = x.cols();
  out.resize(n_, d);
  if (explicit_) {
    for (Eigen::Index c = 0; c < d; ++c) {
      for (Eigen::Index i = 0; i < n_; ++i) {
        if (h.heard_share[i] == 0.0) {
          out(i, c) = (self_[i] + others_[i]) * x(i, c);
          continue;
        }
        double pulled = 0.0;
        for (Influence::InnerIterator it(W_, i); it; ++it)
          if (it.col() != i) pulled += it.value() * h.voice[it.col()] * x(it.col(), c);
        out(i, c) = self_[i] * x(i, c) + h.scale[i] * pulled;
      }
    }
    return;
  }
  // The baseline has 7 dimensions, the classroom scenarios 1 to 3: those counts get unrolled loops.
  switch (d) {
    case 1: return multiply_memberships<1>(h, x, out);
    case 2: return multiply_memberships<2>(h, x, out);
    case 3: return multiply_memberships<3>(h, x, out);
    case 4: return multiply_memberships<4>(h, x, out);
    case 5: return multiply_memberships<5>(h, x, out);
    case 6: return multiply_memberships<6>(h, x, out);
    case 7: return multiply_memberships<7>(h, x, out);
    case 8: return multiply_memberships<8>(h, x, out);
    default: return multiply_memberships<Eigen::Dynamic>(h, x, out);
  }
}

// y_i = s x_i + (1 − s) Σ_g a_g (Y_g − v_i x_i) / Σ_g a_g (V_g − v_i), Y_g = Σ_{j∈g} v_j x_j:
// exactly row i of apply_voice(influence_from_memberships(...), v) times x. Row by row, every
// dimension at once; each entry's sums are taken in the same order as one column at a time would,
// so the result is the same to the bit whatever D.
template <int D>
void InfluenceNetwork::multiply_memberships(Hearing& h, const Eigen::MatrixXd& x, Eigen::MatrixXd& out) const {
  const Eigen::Index d = D == Eigen::Dynamic ? x.cols() : D;
  const double s = self_weight_;
  const auto groups = static_cast<Eigen::Index>(group_weight_.size());
  h.x_rows.resize(n_, d);  // no allocation once sized
  h.x_rows = x;
  h.group_sum.resize(groups, d);
  // Running sums in local arrays when D is fixed: the compiler keeps them in registers.
  constexpr std::size_t kLocal = D == Eigen::Dynamic ? 1 : static_cast<std::size_t>(D);
  std::array<double, kLocal> total_local{}, own_local{}, pulled_local{};
  if constexpr (D == Eigen::Dynamic) h.scratch.resize(3 * static_cast<std::size_t>(d));
  double* total = D == Eigen::Dynamic ? h.scratch.data() : total_local.data();
  double* own = D == Eigen::Dynamic ? h.scratch.data() + d : own_local.data();
  double* pulled = D == Eigen::Dynamic ? h.scratch.data() + 2 * d : pulled_local.data();
  for (Eigen::Index g = 0; g < groups; ++g) {
    for (Eigen::Index c = 0; c < d; ++c) total[c] = 0.0;
    for (std::size_t m = member_offset_[static_cast<std::size_t>(g)]; m < member_offset_[static_cast<std::size_t>(g) + 1]; ++m) {
      const double v = h.voice[members_[m]];
      const double* xj = h.x_rows.row(members_[m]).data();
      for (Eigen::Index c = 0; c < d; ++c) total[c] += v * xj[c];
    }
    double* sum = h.group_sum.row(g).data();
    for (Eigen::Index c = 0; c < d; ++c) sum[c] = total[c];
  }
  for (Eigen::Index i = 0; i < n_; ++i) {
    const double* xi = h.x_rows.row(i).data();
    if (h.heard_share[i] == 0.0) {
      for (Eigen::Index c = 0; c < d; ++c) out(i, c) = xi[c];
      continue;
    }
    const double vi = h.voice[i];
    for (Eigen::Index c = 0; c < d; ++c) {
      own[c] = vi * xi[c];
      pulled[c] = 0.0;
    }
    for (std::size_t k = membership_offset_[static_cast<std::size_t>(i)]; k < membership_offset_[static_cast<std::size_t>(i) + 1]; ++k) {
      const std::size_t g = groups_of_[k];
      const double a = group_weight_[g];
      const double* sum = h.group_sum.row(static_cast<Eigen::Index>(g)).data();
      for (Eigen::Index c = 0; c < d; ++c) pulled[c] += a * (sum[c] - own[c]);
    }
    const double scale = h.scale[i];
    for (Eigen::Index c = 0; c < d; ++c) out(i, c) = s * xi[c] + (1.0 - s) * pulled[c] / scale;
  }
}

Influence InfluenceNetwork::materialise(const Hearing& h) const {
  if (explicit_) return apply_voice(W_, h.voice);
  std::vector<Triplet> entries;
  std::vector<double> tie(static_cast<std::size_t>(n_), 0.0);
  std::vector<Eigen::Index> touched;
  for (Eigen::Index i = 0; i < n_; ++i) {
    if (h.heard_share[i] == 0.0) {
      entries.emplace_back(static_cast<int>(i), static_cast<int>(i), 1.0);
      continue;
    }
    for (std::size_t k = membership_offset_[static_cast<std::size_t>(i)]; k < membership_offset_[static_cast<std::size_t>(i) + 1]; ++k) {
      const std::size_t g = groups_of_[k];
      for (std::size_t m = member_offset_[g]; m < member_offset_[g + 1]; ++m) {
        const Eigen::Index j = members_[m];
        if (j == i) continue;
        if (tie[static_cast<std::size_t>(j)] == 0.0) touched.push_back(j);
        tie[static_cast<std::size_t>(j)] += group_weight_[g];
      }
    }
    entries.emplace_back(static_cast<int>(i), static_cast<int>(i), self_weight_);
    for (Eigen::Index j : touched) {
      entries.emplace_back(static_cast<int>(i), static_cast<int>(j),
                           (1.0 - self_weight_) * tie[static_cast<std::size_t>(j)] * h.voice[j] / h.scale[i]);
      tie[static_cast<std::size_t>(j)] = 0.0;
    }
    touched.clear();
  }
  Influence W(n_, n_);
  W.setFromTriplets(entries.begin(), entries.end());
  return W;
}

void fj_step_into(const InfluenceNetwork& network, Hearing& h, const Eigen::VectorXd& susceptibility,
                  const Eigen::MatrixXd& x, const Eigen::MatrixXd& x0, Eigen::MatrixXd& out) {
  network.multiply(h, x, out);
  // (1 − λ_i) is exactly 1 for a stubborn delegation, so its position is x0 bit for bit.
  for (Eigen::Index c = 0; c < out.cols(); ++c)
    for (Eigen::Index i = 0; i < out.rows(); ++i)
      out(i, c) = susceptibility[i] * out(i, c) + (1.0 - susceptibility[i]) * x0(i, c);
}

}  // namespace gcmsim::model
