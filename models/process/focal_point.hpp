#pragma once
// OP10: the Secretary-General of the Conference is the UN system's focal point "for providing support
// to the preparatory process and to the organization of the conference". The work the role leads
// (led_by_conference_secretary_general, models/scenario.hpp) does not start before the
// appointment: a late appointment delays it, and through what needs it (a session needs its brief) the slip runs down
// the dependency graph. No appointment at all is a different plan: the Secretariat, which services
// the whole process (OP11), leads that work from the start (the loader warns, warning[OP10]).
#include <algorithm>

#include "engine/calendar.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

// The first moment work of `kind` may start, given that it is ready at `ready`: not before the
// appointment of the Secretary-General of the Conference when the role leads it.
inline SimTime focal_point_start(const Scenario& scenario, const Calendar& calendar, ActivityKind kind, SimTime ready) {
  if (!scenario.conference_secretary_general || !led_by_conference_secretary_general(kind)) return ready;
  return std::max(ready, std::max<SimTime>(0, calendar.at(scenario.conference_secretary_general->appointed)));
}

}  // namespace gcmsim::model
