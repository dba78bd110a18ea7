#pragma once
// Soft and hard needs. A meeting with a fixed date and a host (the stocktaking, which Mexico hosts and
// pays for, OP23-OP24; the conference, OP1) takes place when planned: what it needs and is not
// ready reaches it late, with less weight, but does not move it. Everything else waits for what it
// needs (a document cannot summarise a meeting that has not happened).
// One need is hard even for a meeting that keeps its date: the conference cannot be held before
// Member States have decided its precise modalities (OP13); it waits for that decision.
#include "models/scenario.hpp"

namespace gcmsim::model {

inline bool keeps_its_date(ActivityKind kind) {
  return kind == ActivityKind::stocktaking || kind == ActivityKind::conference;
}

// Whether an activity of kind `dependant` waits for a need of kind `need` to be done.
inline bool waits_for(ActivityKind dependant, ActivityKind need) {
  return !keeps_its_date(dependant) || need == ActivityKind::conference_modalities;
}

}  // namespace gcmsim::model
