// The `activities:` section: meetings, documents and deliverables with their dates, windows,
// lead times, dependencies, participants and moderators.
#include "models/loader/sections/sections.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/core.h>

namespace gcmsim::loader::sections {
namespace {

// `dates: [2018-02-20, 2018-02-22, 2018-02-23]`: a meeting on listed working days, in order.
// The list decides start, end and days; start or end inherited from another file (the base an
// override changes) give way to it, but written beside it they must agree.
bool listed_dates(BuildContext& ctx, const json& j, const std::string& p, const Calendar& cal, model::Activity& a) {
  const json* list = child(j, "dates");
  if (list == nullptr || !list->is_array() || list->empty()) return false;
  const std::string lp = pointer_append(p, "dates");
  for (std::size_t k = 0; k < list->size(); ++k) {
    if (!(*list)[k].is_string()) return false;  // the schema reports it
    const std::string item = pointer_append(lp, k);
    const auto d = ctx.parse_date((*list)[k], item);
    if (!d) return false;
    if (!cal.is_working_day(*d)) {
      ctx.error(item, fmt::format("activity '{}': {} is not a working day; a meeting sits on working days", a.id, iso_date(*d)), 10);
    } else if (!a.sitting_dates.empty() && !(a.sitting_dates.back() < *d)) {
      ctx.error(item, fmt::format("activity '{}': {} does not follow {}; list the dates in order, each once", a.id,
                              iso_date(*d), iso_date(a.sitting_dates.back())), 10);
    }
    a.sitting_dates.push_back(*d);
  }
  for (auto [key, field, expected] : {std::tuple{"start", &a.start, a.sitting_dates.front()},
                                      std::tuple{"end", &a.end, a.sitting_dates.back()}}) {
    const std::string kp = pointer_append(p, key);
    if (*field && **field != expected && ctx.same_file(kp, lp)) {
      ctx.error(kp, fmt::format("activity '{}': {} {} disagrees with its dates ({}); give either dates or start and end",
                            a.id, key, iso_date(**field), iso_date(expected)), 10);
    }
    *field = expected;
  }
  return true;
}

}  // namespace

void build_activities(BuildContext& ctx, const json& root) {
  auto& s = ctx.scenario;
  const json* list = child(root, "activities");
  if (list == nullptr || !list->is_array()) return;
  std::map<std::string, std::size_t> seen;
  // First pass: ids, so references can point forward.
  for (std::size_t i = 0; i < list->size(); ++i) {
    model::Activity a;
    a.id = text((*list)[i], "id");
    ctx.duplicate(seen, a.id, i, pointer_append(pointer_append("/activities", i), "id"), "activity id", "/activities");
    s.activities.push_back(std::move(a));
  }
  std::vector<std::string> ids;
  for (const auto& a : s.activities) ids.push_back(a.id);
  std::vector<std::string> venue_ids;
  for (const auto& v : s.venues) venue_ids.push_back(v.id);
  std::vector<std::string> format_ids;
  for (const auto& [id, f] : s.formats) format_ids.push_back(id);
  const Calendar cal = ctx.calendar_for_checks();

  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& j = (*list)[i];
    const std::string p = pointer_append("/activities", i);
    model::Activity& a = s.activities[i];
    a.name = text(j, "name");
    if (auto k = enum_from<model::ActivityKind>(text(j, "kind"), model::kActivityKindNames)) a.kind = *k;
    if (auto ph = enum_from<model::Phase>(text(j, "phase"), model::kPhaseNames)) a.phase = *ph;
    a.theme = text(j, "theme");
    a.interpretation = flag(j, "interpretation").value_or(true);
    if (auto v = text(j, "venue"); !v.empty()) {
      a.venue = s.find_venue(v);
      if (!a.venue) ctx.error(pointer_append(p, "venue"), fmt::format("activity '{}': unknown venue '{}'{}", a.id, v, ctx.hint(v, venue_ids)), static_cast<int>(v.size()));
    }
    if (auto f = text(j, "format"); !f.empty()) {
      a.format = f;
      if (!s.formats.contains(f)) ctx.error(pointer_append(p, "format"), fmt::format("activity '{}': unknown format '{}'{}", a.id, f, ctx.hint(f, format_ids)), static_cast<int>(f.size()));
    }
    a.start = ctx.date(j, "start", p);
    a.end = ctx.date(j, "end", p);
    const bool listed = listed_dates(ctx, j, p, cal, a);
    if (const json* w = child(j, "window")) {
      a.window_earliest = ctx.date(*w, "earliest", pointer_append(p, "window"));
      a.window_latest = ctx.date(*w, "latest", pointer_append(p, "window"));
      if (a.window_earliest && a.window_latest && *a.window_latest < *a.window_earliest) {
        ctx.error(pointer_append(pointer_append(p, "window"), "latest"),
              fmt::format("activity '{}': window ends {} before it opens {}", a.id, iso_date(*a.window_latest), iso_date(*a.window_earliest)));
      }
    }
    if (a.start && a.end && *a.end < *a.start) {
      ctx.error(pointer_append(p, "end"), fmt::format("activity '{}': ends {} before it starts {}", a.id, iso_date(*a.end), iso_date(*a.start)), 10);
    }
    if (a.start && s.epoch.ok() && *a.start < s.epoch) {
      ctx.error(pointer_append(p, "start"), fmt::format("activity '{}': starts {} before the calendar's epoch {}", a.id, iso_date(*a.start), iso_date(s.epoch)), 10);
    }
    const auto days = number<int>(j, "days");
    a.days = std::max(1, days.value_or(1));  // below 1 already reported; the graph needs a duration
    if (listed) {
      a.days = static_cast<int>(a.sitting_dates.size());
      if (days && *days != a.days && ctx.same_file(pointer_append(p, "days"), pointer_append(p, "dates"))) {
        ctx.error(pointer_append(p, "days"), fmt::format("activity '{}': {} dates are listed, but days is {}", a.id, a.days, *days));
      }
    } else if (a.start && a.end && !(*a.end < *a.start)) {
      const int sitting = cal.working_days_between(*a.start, *a.end) + (cal.is_working_day(*a.start) ? 1 : 0);
      if (!days) {
        a.days = std::max(1, sitting);
      } else if (*days != sitting && *days >= 1 && model::is_meeting(a.kind)) {  // < 1: reported by the schema
        ctx.error(pointer_append(p, "days"), fmt::format("activity '{}': {} to {} has {} working days, but days is {}", a.id,
                                                     iso_date(*a.start), iso_date(*a.end), sitting, *days));
      }
    }
    if (const json* due = child(j, "due")) {
      const std::string before = text(*due, "before");
      // Each part is within its schema range here or zero; their sum cannot overflow.
      const int weeks = std::clamp(number<int>(*due, "weeks").value_or(0), 0, 104);
      const int wd = weeks * 5 + std::clamp(number<int>(*due, "days").value_or(0), 0, 520);
      if (auto target = s.find_activity(before)) {
        a.due = model::LeadTime{*target, wd};
      } else if (!before.empty()) {
        ctx.error(pointer_append(pointer_append(p, "due"), "before"), fmt::format("activity '{}': due before unknown activity '{}'{}", a.id, before, ctx.hint(before, ids)), static_cast<int>(before.size()));
      }
    }
    if (const json* needs = child(j, "needs"); needs != nullptr && needs->is_array()) {
      for (std::size_t k = 0; k < needs->size(); ++k) {
        if (!(*needs)[k].is_string()) continue;
        const std::string need = (*needs)[k];
        if (auto target = s.find_activity(need)) {
          a.needs.push_back(*target);
        } else {
          ctx.error(pointer_append(pointer_append(p, "needs"), k), fmt::format("activity '{}' needs unknown activity '{}'{}", a.id, need, ctx.hint(need, ids)), static_cast<int>(need.size()));
        }
      }
    }
    if (const json* who = child(j, "participants")) {
      if (const json* groups = child(*who, "groups"); groups != nullptr && groups->is_array()) {
        for (const json& g : *groups) {
          if (!g.is_string()) continue;
          if (auto group = enum_from<model::RegionalGroup>(g, model::kRegionalGroupNames)) a.participant_groups.push_back(*group);
        }
      }
      if (const json* cs = child(*who, "coalitions"); cs != nullptr && cs->is_array()) {
        for (const json& c : *cs) {
          if (c.is_string()) a.participant_coalitions.push_back(c);
        }
      }
    }
    if (const json* mods = child(j, "moderators"); mods != nullptr && mods->is_array()) {
      for (std::size_t k = 0; k < mods->size(); ++k) {
        if (!(*mods)[k].is_string()) continue;
        const std::string iso3 = (*mods)[k];
        if (ctx.known_state(iso3, pointer_append(pointer_append(p, "moderators"), k), "moderator")) a.moderators.push_back(iso3);
      }
    }
  }
}

}  // namespace gcmsim::loader::sections
