#pragma once
// A member state's initial view of the negotiation: where it stands on each issue dimension and how
// much each dimension matters to it, derived from its data (migration profile, development status,
// coalitions) by the rules tabled in views.cpp and docs/negotiation.md. Deterministic: the same
// state and dimensions always give the same view.
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace gcmsim::model {

struct InitialView {
  // One entry per dimension, in the order of the ids asked for. Position in [0, 1]: 1 is the
  // expansive, commitment-heavy pole of the dimension (broad legal channels, rights conditions on
  // enforcement, a strong follow-up), 0 the sovereignty/control pole.
  std::vector<double> position;
  // How much the state cares about the dimension, in [0, 1].
  std::vector<double> salience;
};

// The view of `state` on the dimensions `dimension_ids` (the baseline's seven are listed in
// docs/baseline-sources.md §12.2: rights_inclusion, trafficking_smuggling, development_drivers,
// regular_pathways, economic_linkages, borders_return, governance_followup). An id without a rule
// gets position 0.5 and salience 0.5: no information, no lean.
InitialView derive_view(const MemberState& state, const std::vector<std::string>& dimension_ids);

}  // namespace gcmsim::model
