#pragma once
// Panel moderators (OP17): each expert panel is moderated by a member state that the PGA appoints in
// consultation with the regional groups, with due regard for geographical balance, and the panels
// take into account situations of countries of origin, transit and destination.
#include <cstdint>
#include <map>
#include <vector>

#include "engine/random_streams.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

struct PanelSlot {
  std::size_t session = 0;  // activity index of the thematic session
  int panel = 0;            // 0-based within the session
};

// Appoints one moderator per panel across all sessions at once. Balance: the regional groups take
// turns, so that with at least five panels every group moderates, and no group moderates twice
// before every group has moderated once; within a session, the moderators' dominant migration
// profiles (origin, transit, destination) differ where the candidates allow. No state moderates
// twice, and co-facilitators do not moderate (they co-chair, OP15); states in `excluded` (the
// co-facilitators, and moderators the scenario fixes for some sessions) are not appointed.
// Deterministic given the stream.
std::vector<std::size_t> appoint_moderators(const std::vector<PanelSlot>& panels, const std::vector<MemberState>& states,
                                            const std::vector<std::size_t>& excluded, RandomStream& stream);

// Every thematic session's moderators, by activity index: the ones the scenario names, and for the
// other sessions one appointed per panel (appoint_moderators, excluding the co-facilitators and the
// named moderators).
std::map<std::size_t, std::vector<std::size_t>> appoint_session_moderators(const Scenario& scenario,
                                                                           const std::vector<std::size_t>& co_facilitators,
                                                                           RandomStream& stream);

// The largest of a state's origin, transit and destination shares: 0 origin, 1 transit, 2 destination.
int dominant_profile(const MemberState& state);

}  // namespace gcmsim::model
