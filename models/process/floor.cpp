#include "models/process/floor.hpp"

#include <algorithm>
#include <array>
#include <deque>

namespace gcmsim::model {
namespace {

// The order in which the chair would call the requests if time were unlimited.
std::vector<std::size_t> calling_order(const std::vector<FloorRequest>& requests, FloorPolicy policy) {
  std::vector<std::size_t> order;
  order.reserve(requests.size());
  if (policy == FloorPolicy::first_come || requests.empty()) {
    for (std::size_t i = 0; i < requests.size(); ++i) order.push_back(i);
    return order;
  }
  // alternating_groups: one queue per regional group, each in request order; the chair turns
  // through the groups in enum order from the group that asked first, passing over empty queues.
  std::array<std::deque<std::size_t>, kRegionalGroups> waiting;
  for (std::size_t i = 0; i < requests.size(); ++i) waiting[static_cast<std::size_t>(requests[i].group)].push_back(i);
  auto group = static_cast<std::size_t>(requests.front().group);
  while (order.size() < requests.size()) {
    if (!waiting[group].empty()) {
      order.push_back(waiting[group].front());
      waiting[group].pop_front();
    }
    group = (group + 1) % kRegionalGroups;
  }
  return order;
}

}  // namespace

FloorOutcome give_floor(const std::vector<FloorRequest>& requests, double available_minutes, double limit_minutes,
                        FloorPolicy policy) {
  FloorOutcome outcome;
  const std::vector<std::size_t> order = calling_order(requests, policy);
  double used = 0.0;
  std::size_t next = 0;
  // No tolerance on the fit test: the time used must never exceed the time available, and the
  // documents' limits (2, 3 minutes) and session lengths add up exactly in binary.
  if (available_minutes > 0.0) {
    for (; next < order.size(); ++next) {
      const FloorRequest& request = requests[order[next]];
      const double minutes = std::max(0.0, std::min(request.wanted_minutes, limit_minutes));
      // A chair gives the floor in turn and does not skip ahead to a shorter speaker: once the next
      // one cannot finish, the discussion closes.
      if (used + minutes > available_minutes) break;
      outcome.interventions.push_back({request.state, used, minutes});
      used += minutes;
    }
  }
  for (; next < order.size(); ++next) outcome.unserved.push_back(requests[order[next]].state);
  return outcome;
}

}  // namespace gcmsim::model
