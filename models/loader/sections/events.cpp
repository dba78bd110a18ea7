// The `events:` section: withdrawals and boycotts, expanded to the member states they name.
#include "models/loader/sections/sections.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/core.h>
#include <fmt/format.h>

namespace gcmsim::loader::sections {
namespace {

struct Addressed {
  std::vector<std::size_t> states;
  std::string who;  // empty for a single `state`
};

// The member states an event names through `state` or `who`; nothing (reported) when it names
// none or an unknown one.
std::optional<Addressed> event_states(BuildContext& ctx, const json& e, const std::string& p) {
  const json* who = child(e, "who");
  const std::string iso3 = text(e, "state");
  const bool has_state = child(e, "state") != nullptr;
  if ((who != nullptr) == has_state) {
    ctx.error(p, who != nullptr ? "an event names its states once: give state or who, not both"
                            : "an event needs the states it concerns: state: ISO3, or who: {group: ...}, "
                              "{coalition: ...} or {states: [ISO3, ...]}");
    return std::nullopt;
  }
  auto& s = ctx.scenario;
  Addressed out;
  if (who == nullptr) {
    if (!ctx.known_state(iso3, pointer_append(p, "state"), "event state")) return std::nullopt;
    out.states.push_back(*s.find_state(iso3));
    return out;
  }
  const std::string wp = pointer_append(p, "who");
  if (const std::string g = text(*who, "group"); !g.empty()) {
    const auto group = enum_from<model::RegionalGroup>(g, model::kRegionalGroupNames);
    if (!group) return std::nullopt;  // the schema lists the groups, with a suggestion
    for (std::size_t k = 0; k < s.member_states.size(); ++k) {
      if (s.member_states[k].group == *group) out.states.push_back(k);
    }
    out.who = fmt::format("the {} group", g);
    if (out.states.empty()) {
      ctx.error(pointer_append(wp, "group"), fmt::format("no member state of this scenario is in the {} group", g),
            static_cast<int>(g.size()));
      return std::nullopt;
    }
    return out;
  }
  if (const std::string c = text(*who, "coalition"); !c.empty()) {
    std::set<std::string> known;
    for (std::size_t k = 0; k < s.member_states.size(); ++k) {
      const auto& cs = s.member_states[k].coalitions;
      known.insert(cs.begin(), cs.end());
      if (std::find(cs.begin(), cs.end(), c) != cs.end()) out.states.push_back(k);
    }
    out.who = fmt::format("coalition {}", c);
    if (out.states.empty()) {
      ctx.error(pointer_append(wp, "coalition"),
            fmt::format("no member state of this scenario belongs to coalition '{}'{}", c,
                        ctx.hint(c, std::vector<std::string>(known.begin(), known.end()))),
            static_cast<int>(c.size()));
      return std::nullopt;
    }
    return out;
  }
  if (const json* list = child(*who, "states"); list != nullptr && list->is_array()) {
    bool ok = true;
    std::vector<std::string> codes;
    for (std::size_t k = 0; k < list->size(); ++k) {
      if (!(*list)[k].is_string()) return std::nullopt;
      const std::string code = (*list)[k];
      if (ctx.known_state(code, pointer_append(pointer_append(wp, "states"), k), "event state")) {
        out.states.push_back(*s.find_state(code));
        codes.push_back(code);
      } else {
        ok = false;
      }
    }
    out.who = fmt::format("{}", fmt::join(codes, ", "));
    if (ok && !out.states.empty()) return out;
  }
  return std::nullopt;  // an empty or malformed `who`: the schema reports it
}

}  // namespace

// `events:` scripted disruptions, each with an `id` unique among them (overrides merge events by
// id, so a what-if stacked on another never drops an event it does not name). Each addresses one state (`state: USA`) or a group of them
// (`who: {group: eastern_european}`, `{coalition: arab_group}`, `{states: [HUN, POL]}`), expanded
// here to the member states it names. `withdraw` on a `date` takes them out of the process for
// good; `boycott` keeps them away from one meeting (`activity`).
void build_events(BuildContext& ctx, const json& root) {
  auto& s = ctx.scenario;
  const json* list = child(root, "events");
  if (list == nullptr || !list->is_array()) return;
  std::vector<std::string> activity_ids;
  for (const auto& a : s.activities) activity_ids.push_back(a.id);
  std::map<std::string, std::size_t> seen;  // ids: an override addresses an event by its id
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& e = (*list)[i];
    const std::string p = pointer_append("/events", i);
    const std::string id = text(e, "id");
    ctx.duplicate(seen, id, i, pointer_append(p, "id"), "event id", "/events");
    const std::string kind = text(e, "kind");
    if (kind != "withdraw" && kind != "boycott") continue;  // the schema reports it
    auto addressed = event_states(ctx, e, p);
    const json* on = child(e, "date");
    const std::string activity = text(e, "activity");
    if (kind == "withdraw") {
      if (!activity.empty()) {
        ctx.key_error(pointer_append(p, "activity"),
                    "a withdrawal is from the process, not from one meeting: give its date and no activity (a "
                    "temporary absence is kind: boycott)", 8);
      }
      if (on == nullptr) ctx.error(p, "a withdrawal needs the date the states leave the process (date: YYYY-MM-DD)");
      const auto d = ctx.date(e, "date", p);
      if (!addressed || !d) continue;
      for (std::size_t k : addressed->states) {
        s.withdrawals.push_back({*d, s.member_states[k].iso3, text(e, "note"), addressed->who, id});
      }
      continue;
    }
    if (on != nullptr) {
      ctx.key_error(pointer_append(p, "date"),
                  "a boycott is of one meeting: give the activity, not a date (leaving for good is kind: withdraw)", 4);
    }
    if (activity.empty()) {
      ctx.error(p, "a boycott needs the meeting the states stay away from (activity: <id>)");
      continue;
    }
    const auto target = s.find_activity(activity);
    if (!target) {
      ctx.error(pointer_append(p, "activity"),
            fmt::format("boycott of unknown activity '{}'{}", activity, ctx.hint(activity, activity_ids)),
            static_cast<int>(activity.size()));
      continue;
    }
    if (!model::is_meeting(s.activities[*target].kind)) {
      ctx.error(pointer_append(p, "activity"),
            fmt::format("boycott of '{}', a {}; only a meeting can be boycotted", activity,
                        model::to_string(s.activities[*target].kind)),
            static_cast<int>(activity.size()));
      continue;
    }
    if (addressed) s.boycotts.push_back({*target, addressed->states, addressed->who, text(e, "note"), id});
  }
}

}  // namespace gcmsim::loader::sections
