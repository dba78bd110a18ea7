#include "models/setup/scenario_setup.hpp"

#include <algorithm>

namespace gcmsim::model {

ScenarioSetup::ScenarioSetup(Scenario scenario)
    : scenario_(std::move(scenario)),
      calendar_(scenario_.make_calendar()),
      plan_(make_plan(scenario_, calendar_)),
      planned_order_(by_planned_start(plan_)) {
  // make_calendar interned every venue already: these look-ups only read the ids back.
  for (const Venue& v : scenario_.venues) venue_ids_.push_back(calendar_.venue_id(v.id));
  const std::size_t n = scenario_.activities.size();
  round_numbers_.assign(n, 0);
  int rounds = 0;
  for (std::size_t i : planned_order_) {
    if (scenario_.activities[i].kind == ActivityKind::negotiation_round) round_numbers_[i] = ++rounds;
  }
  dependants_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t need : scenario_.activities[i].needs) dependants_[need].push_back(i);
  }
  for (const std::string& iso3 : scenario_.co_facilitators) co_facilitators_.push_back(*scenario_.find_state(iso3));
  for (const std::string& id : scenario_.speaking_groups) {
    std::vector<std::size_t>& members = speaking_group_members_.emplace_back();
    for (std::size_t k = 0; k < scenario_.member_states.size(); ++k) {
      const auto& c = scenario_.member_states[k].coalitions;
      if (std::find(c.begin(), c.end(), id) != c.end()) members.push_back(k);
    }
  }
  for (std::size_t i = 0; i < n; ++i) meeting_odds_.push_back(model::meeting_odds(scenario_, i));
  if (scenario_.negotiation) negotiation_ = make_negotiation_setup(scenario_);
}

}  // namespace gcmsim::model
