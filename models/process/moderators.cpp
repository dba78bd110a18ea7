#include "models/process/moderators.hpp"

#include <array>
#include <limits>
#include <map>
#include <stdexcept>
#include <string>

namespace gcmsim::model {
namespace {

constexpr int kProfiles = 3;  // origin, transit, destination
using ProfileCounts = std::array<int, kProfiles>;

// Among the eligible states of `group`, those whose dominant profile is shared by the fewest
// moderators already chosen for the session: ideally none (OP17: origin, transit and destination
// all represented), otherwise the least repeated.
std::vector<std::size_t> best_candidates(const std::vector<MemberState>& states, const std::vector<bool>& eligible,
                                         RegionalGroup group, const ProfileCounts& session_profiles) {
  std::vector<std::size_t> best;
  int best_repeats = std::numeric_limits<int>::max();
  for (std::size_t i = 0; i < states.size(); ++i) {
    if (!eligible[i] || states[i].group != group) continue;
    const int repeats = session_profiles[static_cast<std::size_t>(dominant_profile(states[i]))];
    if (repeats < best_repeats) {
      best_repeats = repeats;
      best.clear();
    }
    if (repeats == best_repeats) best.push_back(i);
  }
  return best;
}

}  // namespace

int dominant_profile(const MemberState& state) {
  // Equal shares go to the earlier profile (origin, then transit): one fixed answer for a tie.
  const MigrationProfile& m = state.migration;
  if (m.origin >= m.transit && m.origin >= m.destination) return 0;
  if (m.transit >= m.destination) return 1;
  return 2;
}

std::vector<std::size_t> appoint_moderators(const std::vector<PanelSlot>& panels, const std::vector<MemberState>& states,
                                            const std::vector<std::size_t>& excluded, RandomStream& stream) {
  std::vector<std::size_t> moderators;
  if (panels.empty()) return moderators;
  moderators.reserve(panels.size());

  std::vector<bool> eligible(states.size(), true);
  for (const std::size_t e : excluded) {
    if (e < states.size()) eligible[e] = false;  // OP15: co-facilitators co-chair, they do not moderate
  }

  // OP17, geographical balance: the groups take turns in a fixed cycle from a drawn start, so no
  // group moderates twice before every group (with candidates left) has moderated once.
  auto group = static_cast<std::size_t>(stream.uniform_index(kRegionalGroups));
  std::map<std::size_t, ProfileCounts> profiles_by_session;

  for (const PanelSlot& panel : panels) {
    ProfileCounts& session_profiles = profiles_by_session[panel.session];
    std::vector<std::size_t> best;
    // A group with no eligible state left loses its turn; after a full cycle without any, nobody
    // is left to appoint.
    for (int tried = 0; tried < kRegionalGroups && best.empty(); ++tried) {
      best = best_candidates(states, eligible, static_cast<RegionalGroup>(group), session_profiles);
      group = (group + 1) % kRegionalGroups;
    }
    if (best.empty()) {
      throw std::invalid_argument("cannot appoint a moderator for panel " + std::to_string(panel.panel + 1) +
                                  " of activity " + std::to_string(panel.session) + ": all " +
                                  std::to_string(states.size()) + " member states are excluded or already moderate");
    }
    // Drawn even when one candidate is left, so the stream always advances by 1 + panels draws.
    const std::size_t pick = best[static_cast<std::size_t>(stream.uniform_index(best.size()))];
    eligible[pick] = false;  // no state moderates twice
    ++session_profiles[static_cast<std::size_t>(dominant_profile(states[pick]))];
    moderators.push_back(pick);
  }
  return moderators;
}

std::map<std::size_t, std::vector<std::size_t>> appoint_session_moderators(const Scenario& s,
                                                                           const std::vector<std::size_t>& co_facilitators,
                                                                           RandomStream& stream) {
  std::map<std::size_t, std::vector<std::size_t>> moderators;
  std::vector<PanelSlot> panels;
  std::vector<std::size_t> excluded = co_facilitators;
  for (std::size_t i = 0; i < s.activities.size(); ++i) {
    const Activity& a = s.activities[i];
    if (a.kind != ActivityKind::thematic_session || !a.format) continue;
    if (!a.moderators.empty()) {
      for (const std::string& iso3 : a.moderators) {
        moderators[i].push_back(*s.find_state(iso3));
        excluded.push_back(moderators[i].back());
      }
      continue;
    }
    const int count = s.formats.at(*a.format).panels();
    for (int p = 0; p < count; ++p) panels.push_back({i, p});
  }
  const auto appointed = appoint_moderators(panels, s.member_states, excluded, stream);
  for (std::size_t k = 0; k < panels.size(); ++k) moderators[panels[k].session].push_back(appointed[k]);
  return moderators;
}

}  // namespace gcmsim::model
