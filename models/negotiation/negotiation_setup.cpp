#include "models/negotiation/negotiation_setup.hpp"

#include <algorithm>

#include "models/negotiation/views.hpp"

namespace gcmsim::model {

std::shared_ptr<const NegotiationSetup> make_negotiation_setup(const Scenario& scenario) {
  auto setup = std::make_shared<NegotiationSetup>();
  NegotiationSetup& ns = *setup;
  ns.spec = *scenario.negotiation;
  const NegotiationSpec& spec = ns.spec;
  const NegotiationParameters& p = spec.parameters;
  const std::size_t n_states = scenario.member_states.size();
  const auto dims = static_cast<Eigen::Index>(spec.dimensions.size());
  const double span = spec.scale_max - spec.scale_min;
  ns.index.assign(n_states, -1);
  for (const Activity& a : scenario.activities) ns.scheduled_rounds += a.kind == ActivityKind::negotiation_round ? 1 : 0;

  if (spec.delegations.empty()) {
    // Every member state negotiates; views from its data, ties from its coalitions and group.
    std::vector<std::string> ids;
    for (const auto& d : spec.dimensions) ids.push_back(d.id);
    for (std::size_t k = 0; k < n_states; ++k) {
      ns.index[k] = static_cast<int>(k);
      ns.states.push_back(k);
    }
    const auto n = static_cast<Eigen::Index>(n_states);
    ns.x0.resize(n, dims);
    ns.salience.resize(n, dims);
    for (std::size_t k = 0; k < n_states; ++k) {
      const InitialView view = derive_view(scenario.member_states[k], ids);
      for (Eigen::Index d = 0; d < dims; ++d) {
        ns.x0(static_cast<Eigen::Index>(k), d) = view.position[static_cast<std::size_t>(d)];
        ns.salience(static_cast<Eigen::Index>(k), d) = view.salience[static_cast<std::size_t>(d)];
      }
    }
    ns.susceptibility = Eigen::VectorXd::Constant(n, p.susceptibility);
    ns.reservation = Eigen::VectorXd::Constant(n, p.reservation);
    ns.network = InfluenceNetwork::from_memberships(scenario.member_states,
                                                    InfluenceWeights{p.self_weight, p.coalition_weight, p.group_weight});
  } else {
    // The classroom form: delegations, views and influence exactly as written.
    for (const DelegationSpec& d : spec.delegations) {
      ns.index[d.state] = static_cast<int>(ns.states.size());
      ns.states.push_back(d.state);
    }
    const auto n = static_cast<Eigen::Index>(ns.states.size());
    ns.x0.resize(n, dims);
    ns.salience = Eigen::MatrixXd::Ones(n, dims);
    ns.susceptibility.resize(n);
    ns.reservation.resize(n);
    std::vector<std::vector<std::pair<std::size_t, double>>> rows(ns.states.size());
    for (const DelegationSpec& d : spec.delegations) {
      const auto r = static_cast<Eigen::Index>(ns.index[d.state]);
      for (Eigen::Index k = 0; k < dims; ++k) {
        ns.x0(r, k) = (d.position[static_cast<std::size_t>(k)] - spec.scale_min) / span;
        if (!d.salience.empty()) ns.salience(r, k) = d.salience[static_cast<std::size_t>(k)];
      }
      ns.susceptibility(r) = d.susceptibility;
      ns.reservation(r) = d.reservation.value_or(p.reservation);
      for (const auto& [target, weight] : d.influence)
        rows[static_cast<std::size_t>(r)].emplace_back(static_cast<std::size_t>(ns.index[target]), weight);
    }
    ns.network = InfluenceNetwork::from_matrix(influence_from_rows(rows));
  }
  ns.destination.resize(static_cast<Eigen::Index>(ns.states.size()));
  ns.ga_absence.resize(static_cast<Eigen::Index>(ns.states.size()));
  for (std::size_t r = 0; r < ns.states.size(); ++r) {
    const MemberState& st = scenario.member_states[ns.states[r]];
    const MigrationProfile& m = st.migration;
    const double total = m.origin + m.transit + m.destination;
    ns.destination(static_cast<Eigen::Index>(r)) = total > 0.0 ? m.destination / total : 0.0;
    ns.ga_absence(static_cast<Eigen::Index>(r)) = st.absence.value_or(p.ga_absence);
  }
  // Blocs: the coalitions and regional groups of the states that negotiate, in first-seen order.
  {
    std::vector<std::string> names;
    std::vector<std::vector<std::size_t>> members;
    const auto add = [&](const std::string& name, std::size_t row) {
      const auto at = std::find(names.begin(), names.end(), name);
      if (at == names.end()) {
        names.push_back(name);
        members.push_back({row});
      } else {
        members[static_cast<std::size_t>(at - names.begin())].push_back(row);
      }
    };
    for (std::size_t r = 0; r < ns.states.size(); ++r) {
      const MemberState& st = scenario.member_states[ns.states[r]];
      add("group:" + std::string(to_string(st.group)), r);
      for (const std::string& c : st.coalitions) add("coalition:" + c, r);
    }
    for (auto& m : members)
      if (m.size() > 1) ns.blocs.push_back(std::move(m));
  }
  // Closeness: agreement above the mean agreement a of the pairs given, as a share of the way from a
  // to full agreement. Most states agree with most others most of the time (the mean is about 0.81),
  // so raw agreement would make every departure touch every state alike; the excess over the mean
  // keeps what sets a state's peers apart. A pair not given is not close.
  if (!scenario.affinity.empty()) {
    double mean = 0.0;
    int pairs = 0;
    for (const auto& [pair, a] : scenario.affinity)
      if (ns.index[pair.first] >= 0 && ns.index[pair.second] >= 0) mean += a, ++pairs;
    if (pairs > 0 && mean / pairs < 1.0) {
      mean /= pairs;
      const auto n = static_cast<Eigen::Index>(ns.states.size());
      ns.closeness = Eigen::MatrixXd::Zero(n, n);
      for (const auto& [pair, a] : scenario.affinity) {
        const int i = ns.index[pair.first], j = ns.index[pair.second];
        if (i < 0 || j < 0) continue;
        ns.closeness(i, j) = ns.closeness(j, i) = std::max(0.0, (a - mean) / (1.0 - mean));
      }
    }
  }
  return setup;
}

}  // namespace gcmsim::model
