// The `policies:` section: the trust fund and the floor policy with its speaking groups.
#include "models/loader/sections/sections.hpp"

#include <algorithm>

#include <fmt/core.h>

namespace gcmsim::loader::sections {

void build_policies(BuildContext& ctx, const json& root) {
  auto& s = ctx.scenario;
  const json* pol = child(root, "policies");
  if (pol == nullptr) return;
  if (const json* tf = child(*pol, "trust_fund")) {
    auto& fund = s.trust_fund;
    if (const json* cs = child(*tf, "contributions"); cs != nullptr && cs->is_array()) {
      for (std::size_t i = 0; i < cs->size(); ++i) {
        const json& c = (*cs)[i];
        auto d = ctx.date(c, "date", pointer_append("/policies/trust_fund/contributions", i));
        if (d) fund.contributions.push_back({*d, number<double>(c, "usd").value_or(0), text(c, "donor")});
      }
    }
    if (const json* el = child(*tf, "eligible"); el != nullptr && el->is_array()) {
      fund.ldc_eligible = std::find(el->begin(), el->end(), "ldc") != el->end();
      fund.developing_eligible = std::find(el->begin(), el->end(), "developing") != el->end();
    }
    if (auto p = enum_from<model::FundingPriority>(text(*tf, "priority"), model::kFundingPriorityNames)) fund.priority = *p;
    fund.delegates_per_state = number<int>(*tf, "delegates_per_state").value_or(1);
    fund.capital_expert_request = number<double>(*tf, "capital_expert_request").value_or(0.0);
    if (const json* cost = child(*tf, "travel_cost_usd"); cost != nullptr && cost->is_object()) {
      std::vector<std::string> venue_ids;
      for (const auto& v : s.venues) venue_ids.push_back(v.id);
      for (const auto& [venue, usd] : cost->items()) {
        if (!s.find_venue(venue)) {
          ctx.key_error(pointer_append("/policies/trust_fund/travel_cost_usd", std::string_view(venue)),
                      fmt::format("travel cost for unknown venue '{}'{}", venue, ctx.hint(venue, venue_ids)), static_cast<int>(venue.size()));
        } else if (usd.is_number()) {
          fund.travel_cost_usd[venue] = usd.get<double>();
        }
      }
    }
  }
  if (const json* fl = child(*pol, "floor")) {
    if (auto p = enum_from<model::FloorPolicy>(text(*fl, "policy"), model::kFloorPolicyNames)) s.floor_policy = *p;
    if (const json* groups = child(*fl, "speaking_groups"); groups != nullptr && groups->is_array()) {
      std::vector<std::string> known;
      for (const auto& m : s.member_states)
        for (const auto& c : m.coalitions)
          if (std::find(known.begin(), known.end(), c) == known.end()) known.push_back(c);
      for (std::size_t i = 0; i < groups->size(); ++i) {
        if (!(*groups)[i].is_string()) continue;
        const std::string id = (*groups)[i].get<std::string>();
        if (std::find(known.begin(), known.end(), id) == known.end()) {
          ctx.error(pointer_append("/policies/floor/speaking_groups", i),
                fmt::format("speaking group '{}' is no member state's coalition{}", id, ctx.hint(id, known)), static_cast<int>(id.size()));
        } else {
          s.speaking_groups.push_back(id);
        }
      }
    }
  }
}

}  // namespace gcmsim::loader::sections
