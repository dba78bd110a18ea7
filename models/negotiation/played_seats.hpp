#pragma once
// Delegations played by people (docs/negotiation.md, "Played seats"). At each decision the model
// makes for a delegation in a played seat, the negotiation asks the seat's decider and waits; no
// answer (the deadline passed, nobody there) leaves the model's choice. Seats are run control, like
// the seed, not scenario data: with no seat played, a run is the model's run, byte for byte.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/external_decision.hpp"

namespace gcmsim::model {

// What a played delegation decides; the numbers are part of every decision log: never renumber.
enum class SeatDecision : std::uint32_t {
  statement = 1,   // it has the floor: 0 yields it, d + 1 argues dimension d
  concession = 2,  // a round ends, on dimension `subject`: 0 holds its ground, 1 concedes as the
                   // model's delegations do (round_concession of the way to the text), 2 twice as far
  bracket = 3,     // the consensus check, on dimension `subject`: 0 accepts the text, 1 holds a bracket
  leave = 4,       // a round ends: 0 stays in the process, 1 leaves it
};

inline constexpr int kConcessionOptions = 3;

struct PlayedSeats {
  std::vector<ExternalDecider*> by_state;  // by member-state index; nullptr: the model plays it

  ExternalDecider* at(std::size_t state) const { return state < by_state.size() ? by_state[state] : nullptr; }
};

}  // namespace gcmsim::model
