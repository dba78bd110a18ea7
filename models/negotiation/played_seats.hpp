#pragma once
// Delegations played by people (docs/negotiation.md, "Played seats"). At each decision the model
// makes for a delegation in a played seat, the negotiation asks the seat's decider and waits; no
// answer (the deadline passed, nobody there) leaves the model's choice. Seats are run control, like
// the seed, not scenario data: with no seat played, a run is the model's run, byte for byte.
#include <cstddef>
#include <cstdint>
#include <functional>
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

// What a played delegation sees of its own seat when it is asked (the classroom's student page):
// where it stands, where the text stands, and how far the text may be from it before the model
// would have it hold a bracket. All on the scenario's scale; per negotiation dimension.
struct SeatView {
  std::vector<double> position;  // its position now
  std::vector<double> draft;     // the working text now
  std::vector<double> red_line;  // the largest distance from its position it tolerates on each dimension
                                 // (its mandate over its salience, with the deadline's pressure at
                                 // the last consensus check)
  double acceptance = 0.0;       // of the text as a whole, 0-1
  double reservation = 0.0;      // below it the model's delegation leaves the process
};

struct PlayedSeats {
  std::vector<ExternalDecider*> by_state;  // by member-state index; nullptr: the model plays it
  // Optional: called on the simulation's thread just before each question to a played seat, with
  // what the seat sees then. Watching changes nothing in the run.
  std::function<void(std::size_t state, const SeatView& view)> show;

  ExternalDecider* at(std::size_t state) const { return state < by_state.size() ? by_state[state] : nullptr; }
};

}  // namespace gcmsim::model
