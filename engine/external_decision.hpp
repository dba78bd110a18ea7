#pragma once
// A decision the simulation asks of someone outside it (a person at a keyboard, a scripted player,
// a log being replayed). The engine knows nothing of what is decided: a question names an agent, a
// kind and a subject (numbers the model gives meaning to), how many options there are and the one
// the model itself would take. The answer is an option, or nothing: the deadline passed or nobody
// holds the seat, and the model's own choice stands.
//
// The simulation waits for the answer on its own thread: simulated time does not move while it
// waits; wall-clock time does (DecisionMailbox bounds the wait).
#include <cstdint>
#include <optional>

#include "engine/sim_time.hpp"

namespace gcmsim {

struct ExternalQuestion {
  SimTime at = 0;
  std::uint32_t agent = 0;    // whose decision (the model's index of the agent)
  std::uint32_t kind = 0;     // what is decided (the model's enumeration)
  std::int32_t subject = -1;  // what it is about, where the kind has one (-1: none)
  int options = 2;            // the answer is one of 0 .. options - 1
  int model_choice = 0;       // what the model would decide in this seat
};

class ExternalDecider {
 public:
  virtual ~ExternalDecider() = default;
  // An option in [0, options), or nothing for the model's choice. An out-of-range answer is the
  // caller's to refuse (std::invalid_argument): it is never clamped into something else.
  virtual std::optional<int> decide(const ExternalQuestion& question) = 0;
};

}  // namespace gcmsim
