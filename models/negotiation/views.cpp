#include "models/negotiation/views.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace gcmsim::model {

namespace {

// Rule 1: the migration profile. A state's view starts as the blend of three "pure" views, one per
// profile, weighted by its origin, transit and destination shares. The documents give no positions
// (docs/baseline-sources.md §12.2 is a modelling proposal): every number here is an assumption,
// chosen so that the splits the sheet describes come out (origin against destination on pathways
// and return, transit caring most about smuggling and borders). Position 1 is the expansive,
// commitment-heavy pole, 0 the sovereignty/control pole.
//
//                        position             salience
// dimension              orig  tran  dest     orig  tran  dest   why
// rights_inclusion       0.75  0.50  0.35     0.8   0.5   0.6    (i),(o),(u): origin states protect
//                                                                their nationals abroad; destinations
//                                                                weigh service costs and press (r)
// trafficking_smuggling  0.60  0.45  0.50     0.5   1.0   0.5    Palermo protocols: positions start
//                                                                close; (l) victim permits fall on
//                                                                transit states, whose routes these are
// development_drivers    0.70  0.55  0.35     0.9   0.5   0.3    origin states want finance and
//                                                                development cooperation; destinations
//                                                                prefer a root-cause framing
// regular_pathways       0.85  0.50  0.20     0.8   0.6   0.9    the central split: origin wants broad
//                                                                channels and (p) regularisation;
//                                                                destinations guard admissions
// economic_linkages      0.85  0.60  0.55     0.9   0.3   0.4    (h),(t),(w) are positive-sum and cheap;
//                                                                remittances and diasporas feed origin
// borders_return         0.70  0.35  0.20     0.5   0.9   0.8    (s) readmission binds origin states,
//                                                                who want rights conditions (j);
//                                                                transit and destination enforce
// governance_followup    0.60  0.50  0.40     0.5   0.5   0.6    a strong follow-up reaches into the
//                                                                admissions of destination states
struct Shares {
  double origin;
  double transit;
  double destination;
};

struct ProfileRule {
  std::string_view dimension;
  Shares position;
  Shares salience;
};

constexpr std::array<ProfileRule, 7> kProfileRules{{
    {"rights_inclusion", {0.75, 0.50, 0.35}, {0.8, 0.5, 0.6}},
    {"trafficking_smuggling", {0.60, 0.45, 0.50}, {0.5, 1.0, 0.5}},
    {"development_drivers", {0.70, 0.55, 0.35}, {0.9, 0.5, 0.3}},
    {"regular_pathways", {0.85, 0.50, 0.20}, {0.8, 0.6, 0.9}},
    {"economic_linkages", {0.85, 0.60, 0.55}, {0.9, 0.3, 0.4}},
    {"borders_return", {0.70, 0.35, 0.20}, {0.5, 0.9, 0.8}},
    {"governance_followup", {0.60, 0.50, 0.40}, {0.5, 0.5, 0.6}},
}};

// Rule 2: status and coalitions. Each line adds to the profile blend when the state is developing,
// is an LDC, or belongs to the coalition; the sums are then clamped to [0, 1]. Additive, so the
// order of the lines does not matter. Assumptions, like rule 1; the "why" is the line the group
// is known to take, not a documented position.
//
// when           dimension             +position +salience  why
// developing     development_drivers   +0.10     +0.10      migration framed as development (SDG 10.7),
//                                                           means of implementation asked of donors
// ldc            development_drivers   +0.05     +0.15      LDCs depend most on capacity-building
//                                                           and finance (OP31 singles them out)
// ldc            economic_linkages      0        +0.10      remittances weigh most in small economies
// african_group  regular_pathways      +0.10     +0.10      a common African line for legal labour
//                                                           mobility and against forced return
// african_group  development_drivers   +0.05      0         drivers (c) and crises (n) at home
// g77            development_drivers   +0.05      0         the G77's development framing
// g77            regular_pathways      +0.05      0         more channels for its workers abroad
// eu             governance_followup   +0.15     +0.10      rules-based multilateral governance and a
//                                                           review mechanism
// eu             rights_inclusion      +0.10      0         rights-based treaty commitments
// eu             borders_return        -0.10     +0.15      return and readmission are an EU priority
// gcc            regular_pathways      -0.15     +0.10      temporary contract labour, not settlement
//                                                           or regularisation
// gcc            rights_inclusion      -0.10      0         sponsorship systems bind residence to work
// celac          rights_inclusion      +0.10     +0.10      rights regardless of status; no
//                                                           criminalisation of irregular entry
// celac          borders_return        +0.10      0         the same line applied to enforcement
// aosis          development_drivers   +0.05     +0.15      climate drivers (c) are existential for
//                                                           small islands
struct Adjustment {
  std::string_view when;  // "developing", "ldc", or a coalition id
  std::string_view dimension;
  double position;
  double salience;
};

constexpr std::array<Adjustment, 15> kAdjustments{{
    {"developing", "development_drivers", 0.10, 0.10},
    {"ldc", "development_drivers", 0.05, 0.15},
    {"ldc", "economic_linkages", 0.0, 0.10},
    {"african_group", "regular_pathways", 0.10, 0.10},
    {"african_group", "development_drivers", 0.05, 0.0},
    {"g77", "development_drivers", 0.05, 0.0},
    {"g77", "regular_pathways", 0.05, 0.0},
    {"eu", "governance_followup", 0.15, 0.10},
    {"eu", "rights_inclusion", 0.10, 0.0},
    {"eu", "borders_return", -0.10, 0.15},
    {"gcc", "regular_pathways", -0.15, 0.10},
    {"gcc", "rights_inclusion", -0.10, 0.0},
    {"celac", "rights_inclusion", 0.10, 0.10},
    {"celac", "borders_return", 0.10, 0.0},
    {"aosis", "development_drivers", 0.05, 0.15},
}};

// No rule for the dimension: no information, so neither lean nor particular interest.
constexpr double kUnknown = 0.5;

bool applies(const MemberState& state, std::string_view when) {
  if (when == "developing") return state.development == Development::developing;
  if (when == "ldc") return state.ldc;
  return std::find(state.coalitions.begin(), state.coalitions.end(), when) != state.coalitions.end();
}

// The loader checks that the shares sum to 1; dividing by the sum keeps the blend a convex
// combination for hand-built states too. A profile of all zeros counts as a third of each.
Shares normalised(const MigrationProfile& m) {
  const double sum = m.origin + m.transit + m.destination;
  if (sum <= 0.0) return {1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0};
  return {m.origin / sum, m.transit / sum, m.destination / sum};
}

double blend(const Shares& weights, const Shares& pure) {
  return weights.origin * pure.origin + weights.transit * pure.transit + weights.destination * pure.destination;
}

}  // namespace

InitialView derive_view(const MemberState& state, const std::vector<std::string>& dimension_ids) {
  const Shares profile = normalised(state.migration);
  InitialView view;
  view.position.reserve(dimension_ids.size());
  view.salience.reserve(dimension_ids.size());
  for (const std::string& id : dimension_ids) {
    const auto rule = std::find_if(kProfileRules.begin(), kProfileRules.end(),
                                   [&](const ProfileRule& r) { return r.dimension == id; });
    if (rule == kProfileRules.end()) {
      view.position.push_back(kUnknown);
      view.salience.push_back(kUnknown);
      continue;
    }
    double position = blend(profile, rule->position);
    double salience = blend(profile, rule->salience);
    for (const Adjustment& a : kAdjustments) {
      if (a.dimension != id || !applies(state, a.when)) continue;
      position += a.position;
      salience += a.salience;
    }
    view.position.push_back(std::clamp(position, 0.0, 1.0));
    view.salience.push_back(std::clamp(salience, 0.0, 1.0));
  }
  return view;
}

}  // namespace gcmsim::model
