#pragma once
// What every run of a scenario needs that depends on the scenario alone: the scenario itself, its
// calendar, its plan and the look-ups derived from them. Built once, immutable, shared read-only
// by every replication and every thread; a replication adds only its seed and number.
#include <cstddef>
#include <memory>
#include <vector>

#include "engine/calendar.hpp"
#include "models/negotiation/negotiation_setup.hpp"
#include "models/plan.hpp"
#include "models/setup/meeting_odds.hpp"
#include "models/scenario.hpp"

namespace gcmsim::model {

class ScenarioSetup {
 public:
  // Throws CycleError if the needs form a cycle (the loader reports that first).
  explicit ScenarioSetup(Scenario scenario);

  const Scenario& scenario() const { return scenario_; }
  const Calendar& calendar() const { return calendar_; }
  const Plan& plan() const { return plan_; }

  // The calendar's id of each venue, by index in Scenario::venues.
  VenueId venue_id(std::size_t venue) const { return venue_ids_[venue]; }
  // Activities in order of planned start.
  const std::vector<std::size_t>& planned_order() const { return planned_order_; }
  // Round number (1, 2, ...) of a negotiation round, by activity index; 0 for other activities.
  int round_number(std::size_t activity) const { return round_numbers_[activity]; }
  const std::vector<int>& round_numbers() const { return round_numbers_; }
  // Activities that need this one.
  const std::vector<std::size_t>& dependants(std::size_t activity) const { return dependants_[activity]; }
  // Member-state indices of the co-facilitators.
  const std::vector<std::size_t>& co_facilitators() const { return co_facilitators_; }
  // Member-state indices, ascending, of speaking group g (Scenario::speaking_groups): the states
  // listing that coalition. Group statements are replayed many times a run; membership never changes.
  const std::vector<std::size_t>& speaking_group_members(std::size_t g) const { return speaking_group_members_[g]; }
  // Each member state's odds at the meeting `activity` (invited, mission, chances to attend and to
  // ask for the floor): meeting_odds.hpp. No states for an activity without a venue.
  const MeetingOdds& meeting_odds(std::size_t activity) const { return meeting_odds_[activity]; }
  // The negotiation's views, network and deadline (null when the scenario has no negotiation).
  const NegotiationSetup* negotiation() const { return negotiation_.get(); }

 private:
  Scenario scenario_;
  Calendar calendar_;
  Plan plan_;
  std::vector<VenueId> venue_ids_;
  std::vector<std::size_t> planned_order_;
  std::vector<int> round_numbers_;
  std::vector<std::vector<std::size_t>> dependants_;
  std::vector<std::size_t> co_facilitators_;
  std::vector<std::vector<std::size_t>> speaking_group_members_;
  std::vector<MeetingOdds> meeting_odds_;
  std::shared_ptr<const NegotiationSetup> negotiation_;
};

}  // namespace gcmsim::model
