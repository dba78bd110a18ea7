#pragma once
// The floor: during an interactive discussion, delegations ask to speak and the chair gives the
// floor within the time left, under a policy the scenario names. There is no pre-inscribed list in
// the thematic sessions (procedural note): requests are taken as they come.
#include <cstdint>
#include <vector>

#include "engine/random_streams.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

struct FloorRequest {
  std::size_t state = 0;
  RegionalGroup group = RegionalGroup::african;
  double wanted_minutes = 3.0;  // how long it would speak if allowed (capped by the limit)
};

struct Intervention {
  std::size_t state = 0;
  double start_minute = 0.0;  // from the opening of the discussion
  double minutes = 0.0;
};

struct FloorOutcome {
  std::vector<Intervention> interventions;  // in speaking order
  std::vector<std::size_t> unserved;        // states that asked and never spoke
};

// Gives the floor for `available_minutes`. `requests` are in the order they were made.
// first_come: in request order. alternating_groups: the chair cycles through the regional groups
// (in a fixed order), taking each group's requests in their order. Each intervention lasts
// min(wanted, limit) minutes; when the next speaker's time no longer fits, the discussion closes
// and the rest are unserved.
FloorOutcome give_floor(const std::vector<FloorRequest>& requests, double available_minutes, double limit_minutes,
                        FloorPolicy policy);

}  // namespace gcmsim::model
