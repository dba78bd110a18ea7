#pragma once
// Stakeholders at a meeting (OP6, OP8, OP9, OP30; stakeholder participation guidelines):
// organisations register per meeting; those without ECOSOC status need special accreditation, on a
// non-objection basis, from a list the PGA submits to member states, and some are objected to;
// rooms have capacity; a steering committee picks speakers within the programme's slots.
#include <cstdint>
#include <vector>

#include "engine/random_streams.hpp"
#include "models/run_results.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

// Which organisations of each population passed the non-objection procedure: decided once, when the
// PGA's list goes to member states, and kept for the whole process. Populations that need no
// accreditation are all accepted.
struct AccreditationList {
  std::vector<int> accepted;  // by population: organisations accepted (of `organisations`)
};

AccreditationList accredit(const std::vector<StakeholderPopulation>& populations, RandomStream& stream);

// One meeting: registrations (binomial, per population's registration_rate), accreditation (an
// organisation's chance of being on the accepted list is accepted/organisations), admission within
// `capacity` seats (shared in proportion to accredited registrations; no limit when absent), and
// the steering committee's choice of `speaker_slots` speakers among the admitted who want to speak
// (speaking_interest), spread across kinds in turn so that no kind takes a second slot while
// another with willing speakers has none.
std::vector<StakeholdersAtMeeting> stakeholders_at_meeting(const std::vector<StakeholderPopulation>& populations,
                                                           const AccreditationList& list, std::optional<int> capacity,
                                                           int speaker_slots, RandomStream& stream);

}  // namespace gcmsim::model
