#include "models/scenario_setup.hpp"

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
}

}  // namespace gcmsim::model
