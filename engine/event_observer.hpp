#pragma once
// Observers see every event as it fires: tracing, fingerprints, narration. A simulator with no
// observer runs a loop compiled without the calls, so observation costs nothing when off.
#include "engine/handler_slots.hpp"
#include "engine/sim_time.hpp"

namespace gcmsim {

class EventObserver {
 public:
  virtual ~EventObserver() = default;
  // Called just before the event's handler runs.
  virtual void on_event(SimTime time, EventTag tag) = 0;
};

}  // namespace gcmsim
