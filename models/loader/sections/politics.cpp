// The `politics:` section: each state's dated government stance and the pairwise affinity of states
// in the General Assembly (scenarios/data/state_politics.yaml), which drive dissociation after
// agreement (docs/negotiation.md, "After agreement").
#include "models/loader/sections/sections.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>

#include <fmt/core.h>

namespace gcmsim::loader::sections {

void build_politics(BuildContext& ctx, const json& root) {
  auto& s = ctx.scenario;
  const json* politics = child(root, "politics");
  if (politics == nullptr || !politics->is_object()) return;
  if (const json* stance = child(*politics, "stance"); stance != nullptr && stance->is_object()) {
    for (const auto& [iso3, cabinets] : stance->items()) {
      const std::string p = pointer_append("/politics/stance", iso3);
      const auto k = s.find_state(iso3);
      if (!k) {
        ctx.key_error(p, fmt::format("politics.stance: '{}' is not a member state in this scenario{}", iso3,
                                     ctx.hint(iso3, ctx.state_codes())), 3);
        continue;
      }
      if (!cabinets.is_array()) continue;  // the schema reports it
      auto& dated = s.member_states[*k].stance;
      for (std::size_t i = 0; i < cabinets.size(); ++i) {
        const std::string at = pointer_append(p, i);
        const auto from = ctx.date(cabinets[i], "from", pointer_append(at, "from"));
        const auto value = number<double>(cabinets[i], "stance");
        if (!from || !value) continue;
        if (!dated.empty() && *from <= dated.back().first) {
          ctx.error(pointer_append(at, "from"),
                    fmt::format("politics.stance of '{}': cabinets must be in date order; this one starts on or before the previous one", iso3));
          continue;
        }
        // A cabinet after the state's first is a change of government: an event of the timeline.
        if (!dated.empty())
          s.government_changes.push_back({fmt::format("government_{}_{}", iso3, iso_date(*from)), *k, *from,
                                          text(cabinets[i], "cabinet"), dated.back().second, *value});
        dated.emplace_back(*from, *value);
      }
    }
  }
  std::stable_sort(s.government_changes.begin(), s.government_changes.end(),
                   [](const model::GovernmentChange& a, const model::GovernmentChange& b) {
                     return a.date != b.date ? a.date < b.date : a.state < b.state;
                   });
  if (const json* absence = child(*politics, "absence"); absence != nullptr && absence->is_object()) {
    for (const auto& [iso3, value] : absence->items()) {
      const auto k = s.find_state(iso3);
      if (!k) {
        ctx.key_error(pointer_append("/politics/absence", iso3),
                      fmt::format("politics.absence: '{}' is not a member state in this scenario{}", iso3, ctx.hint(iso3, ctx.state_codes())), 3);
        continue;
      }
      if (value.is_number()) s.member_states[*k].absence = value.get<double>();  // else the schema reports it
    }
  }
  if (const json* affinity = child(*politics, "affinity"); affinity != nullptr && affinity->is_object()) {
    std::map<std::string, std::size_t, std::less<>> index;  // 18,528 pairs: look codes up once
    for (std::size_t k = 0; k < s.member_states.size(); ++k) index.emplace(s.member_states[k].iso3, k);
    const auto find = [&](const std::string& iso3) -> std::optional<std::size_t> {
      const auto at = index.find(iso3);
      return at == index.end() ? std::nullopt : std::optional<std::size_t>(at->second);
    };
    for (const auto& [pair, value] : affinity->items()) {
      const std::string p = pointer_append("/politics/affinity", pair);
      if (pair.size() != 7 || !value.is_number()) continue;  // the schema reports it
      const std::string a = pair.substr(0, 3), b = pair.substr(4, 3);
      const auto i = find(a), j = find(b);
      if (!i || !j || *i == *j) {
        const std::string bad = !i ? a : !j ? b : a;
        ctx.key_error(p, fmt::format("politics.affinity '{}': {}; expected two different member states of this scenario", pair,
                                     !i || !j ? fmt::format("'{}' is not a member state{}", bad, ctx.hint(bad, ctx.state_codes()))
                                              : std::string("a state paired with itself")),
                      static_cast<int>(pair.size()));
        continue;
      }
      const auto key = std::minmax(*i, *j);
      if (!s.affinity.emplace(key, value.get<double>()).second)
        ctx.key_error(p, fmt::format("politics.affinity '{}': the pair is given twice (once as '{} {}')", pair, b, a), 7);
    }
  }
}

}  // namespace gcmsim::loader::sections
