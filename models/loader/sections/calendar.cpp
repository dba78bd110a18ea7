// The `calendar:` section: the epoch, holidays, closures and venues with their session hours.
#include "models/loader/sections/sections.hpp"

#include <charconv>
#include <chrono>
#include <stdexcept>

#include <fmt/core.h>

namespace gcmsim::loader::sections {
namespace {

// "HH:MM", or nothing (the schema's pattern reports a malformed one).
std::optional<SimTime> clock(const std::string& hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return std::nullopt;
  const auto two_digits = [&](std::size_t at) -> std::optional<int> {
    int v = 0;
    const auto [end, err] = std::from_chars(hhmm.data() + at, hhmm.data() + at + 2, v);
    if (err != std::errc{} || end != hhmm.data() + at + 2 || hhmm[at] < '0' || hhmm[at] > '9') return std::nullopt;
    return v;
  };
  const auto h = two_digits(0);
  const auto m = two_digits(3);
  if (!h || !m || *h > 24 || *m > 59 || (*h == 24 && *m != 0)) return std::nullopt;
  return clock_time(*h, *m);
}

}  // namespace

void build_calendar(BuildContext& ctx, const json& root) {
  auto& s = ctx.scenario;
  const json* cal = child(root, "calendar");
  if (cal == nullptr) return;
  if (auto epoch = ctx.date(*cal, "epoch", "/calendar")) ctx.set_epoch(*epoch);
  if (const json* hol = child(*cal, "holidays"); hol != nullptr && hol->is_array()) {
    for (std::size_t i = 0; i < hol->size(); ++i) {
      if ((*hol)[i].is_string()) {
        if (auto d = ctx.parse_date((*hol)[i], pointer_append("/calendar/holidays", i))) s.holidays.push_back(*d);
      }
    }
  }
  if (const json* list = child(*cal, "closures"); list != nullptr && list->is_array()) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string p = pointer_append("/calendar/closures", i);
      const auto first = ctx.date((*list)[i], "start", p);
      const auto last = ctx.date((*list)[i], "end", p);
      if (!first || !last) continue;
      if (*last < *first) {
        ctx.error(pointer_append(p, "end"), fmt::format("the closure ends {} before it starts {}", iso_date(*last), iso_date(*first)));
        continue;
      }
      s.closures.push_back({*first, *last, text((*list)[i], "name")});
    }
  }
  const json* venues = child(*cal, "venues");
  if (venues == nullptr || !venues->is_object()) return;
  Calendar probe(s.epoch.ok() ? s.epoch : model::Date{std::chrono::year{2017}, std::chrono::month{1}, std::chrono::day{1}});
  for (const auto& [id, v] : venues->items()) {
    const std::string p = pointer_append("/calendar/venues", std::string_view(id));
    model::Venue venue;
    venue.id = id;
    venue.name = text(v, "name");
    venue.city = text(v, "city");
    if (auto key = text(v, "mission_key"); !key.empty()) venue.mission_city = enum_from<model::MissionCity>(key, model::kMissionCityNames);
    venue.capacity = number<int>(v, "capacity");
    if (const json* hours = child(v, "session_hours"); hours != nullptr && hours->is_array()) {
      for (const json& h : *hours) {
        const auto start = clock(text(h, "start"));
        const auto end = clock(text(h, "end"));
        if (start && end) venue.session_hours.push_back({*start, *end});
      }
      try {
        if (!venue.session_hours.empty()) probe.set_session_hours(id, venue.session_hours);
      } catch (const std::invalid_argument& e) {
        ctx.error(pointer_append(p, "session_hours"), e.what());
      }
    }
    s.venues.push_back(std::move(venue));
  }
}

}  // namespace gcmsim::loader::sections
