// From a merged document to the model's Scenario, with the checks a schema cannot express. The
// builder is defensive: it runs even when the schema check failed, skipping any node of the wrong
// type (the schema already reported it), so a user sees every problem in one pass.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include <fmt/core.h>
#include <fmt/format.h>

#include "engine/dependency_graph.hpp"
#include "models/loader/loader.hpp"
#include "models/loader/scenario_builder.hpp"

namespace gcmsim::loader {
namespace {

using nlohmann::json;
using model::Date;

// OP16: the informal thematic sessions last at most 12 working days in total and have 2 or 3
// expert panels each.
constexpr int kThematicSessionWorkingDayLimit = 12;
constexpr int kMinPanels = 2;
constexpr int kMaxPanels = 3;

// The process took two years; a scenario may plan ten times that, not millennia. Every date lies
// within the horizon after the epoch, and all durations and lead times together fit in it, so no
// planned date can leave the calendar's range and no walk over working days is long.
constexpr int kHorizonYears = 20;
constexpr std::int64_t kHorizonWorkingDays = kHorizonYears * 261;

// Suggestions ("did you mean") cost an edit distance per candidate; past this many errors a
// hostile file gets its errors without them.
constexpr std::size_t kMaxErrorsWithHints = 100;

template <class E, std::size_t N>
std::optional<E> enum_from(const std::string& s, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

// The scenario language's names for each enum (models/scenario.hpp). Every enum is read through its
// table; the schema lists the same names (tests/models/loader/enum_tables_test.cpp keeps them
// equal), so an unknown value is reported there with its line and column, never defaulted.
constexpr const auto& kGroups = model::kRegionalGroupNames;
constexpr const auto& kCities = model::kMissionCityNames;
constexpr const auto& kKinds = model::kActivityKindNames;
constexpr const auto& kPhases = model::kPhaseNames;
constexpr const auto& kItems = model::kAgendaItemNames;
constexpr const auto& kStakeholders = model::kStakeholderKindNames;
constexpr const auto& kDevelopment = model::kDevelopmentNames;
constexpr const auto& kLanguages = model::kLanguageNames;

// A delegation's working language when the data do not give one: an estimate from its coalitions
// and regional group (docs/model.md, Interpretation). Members of the Arab Group work in Arabic;
// Latin American and Caribbean states outside CARICOM in Spanish; every other state in English.
// Known misses (Brazil, Haiti, francophone Africa, Russian-speaking states): give
// `working_language` in the data to correct them.
model::Language estimated_language(const model::MemberState& st) {
  const auto member_of = [&](std::string_view c) {
    return std::find(st.coalitions.begin(), st.coalitions.end(), c) != st.coalitions.end();
  };
  if (member_of("arab_group")) return model::Language::arabic;
  if (st.group == model::RegionalGroup::latin_american_caribbean && !member_of("caricom")) return model::Language::spanish;
  return model::Language::english;
}
constexpr const auto& kPriorities = model::kFundingPriorityNames;
constexpr const auto& kFloorPolicies = model::kFloorPolicyNames;

class Builder {
 public:
  Builder(const Document& doc, Diagnostics& diagnostics, const std::vector<std::string>& refused)
      : doc_(doc), diag_(diagnostics), refused_(refused) {}

  model::Scenario build() {
    const json& root = doc_.value;
    if (!root.is_object()) return s_;
    s_.name = text(root, "name");
    s_.description = text(root, "description");
    calendar(root);
    member_states(root);
    actors(root);
    formats(root);
    activities(root);
    policies(root);
    events(root);
    parameters(root);
    negotiation(root);
    check_dependencies();
    check_horizon();
    check_thematic_sessions();
    return std::move(s_);
  }

 private:
  // --- access helpers: each returns nothing for a node of the wrong type --------------------------
  static const json* child(const json& node, std::string_view key) {
    if (!node.is_object()) return nullptr;
    auto it = node.find(key);
    return it == node.end() ? nullptr : &*it;
  }
  static std::string text(const json& node, std::string_view key) {
    const json* c = child(node, key);
    return c != nullptr && c->is_string() ? c->get<std::string>() : std::string{};
  }
  // A number read into T only when T holds it exactly: an integer field takes only an integer in
  // T's range (4294967298 is not 2, 1e300 is not undefined behaviour). Anything else is nothing
  // here; the schema's range on every number has already reported it, located.
  template <class T>
  static std::optional<T> number(const json& node, std::string_view key) {
    const json* c = child(node, key);
    if (c == nullptr) return std::nullopt;
    if constexpr (std::is_integral_v<T>) {
      if (c->is_number_unsigned()) {
        const auto v = c->get<std::uint64_t>();
        return std::in_range<T>(v) ? std::optional<T>(static_cast<T>(v)) : std::nullopt;
      }
      if (c->is_number_integer()) {
        const auto v = c->get<std::int64_t>();
        return std::in_range<T>(v) ? std::optional<T>(static_cast<T>(v)) : std::nullopt;
      }
      return std::nullopt;
    } else {
      if (!c->is_number()) return std::nullopt;
      return c->get<T>();
    }
  }
  static std::optional<bool> flag(const json& node, std::string_view key) {
    const json* c = child(node, key);
    if (c == nullptr || !c->is_boolean()) return std::nullopt;
    return c->get<bool>();
  }

  Location at(const std::string& pointer) const { return doc_.origins.find(pointer).value; }
  void error(const std::string& pointer, std::string message, int width = 1) {
    diag_.error(at(pointer), std::move(message), width);
  }
  // Whether the schema refused a value at or under `scope`. A check that relates values (a min to
  // its max, weights to their sum, a count to the dimensions) is skipped then: the refused value
  // was left out, and the relation would be judged on a default instead; the schema's message
  // about it is the one to act on. Checks of a value on its own are not affected.
  bool refused_under(const std::string& scope) const {
    return std::any_of(refused_.begin(), refused_.end(),
                       [&](const std::string& r) { return r == scope || r.rfind(scope + "/", 0) == 0; });
  }
  std::string hint(std::string_view word, const std::vector<std::string>& candidates) const {
    return diag_.size() < kMaxErrorsWithHints ? did_you_mean(word, candidates) : std::string{};
  }

  // A date field; impossible dates (2017-02-30) are reported here, where the text is known.
  std::optional<Date> date(const json& node, std::string_view key, const std::string& pointer) {
    const json* c = child(node, key);
    if (c == nullptr || !c->is_string()) return std::nullopt;
    return parse_date(c->get<std::string>(), pointer_append(pointer, key));
  }
  std::optional<Date> parse_date(const std::string& value, const std::string& pointer) {
    Date d;
    try {
      d = parse_iso_date(value);
    } catch (const std::invalid_argument& e) {
      error(pointer, e.what(), static_cast<int>(value.size()));
      return std::nullopt;
    }
    if (epoch_read_ && std::chrono::sys_days(d) > horizon_end()) {
      error(pointer, fmt::format("{} is more than {} years after the epoch {}; expected a date within the scenario's horizon",
                                 value, kHorizonYears, iso_date(s_.epoch)),
            static_cast<int>(value.size()));
      return std::nullopt;
    }
    return d;
  }
  std::chrono::sys_days horizon_end() const {
    return std::chrono::sys_days((s_.epoch.year() + std::chrono::years{kHorizonYears}) / s_.epoch.month() / std::chrono::last);
  }

  // --- sections ----------------------------------------------------------------------------------
  void calendar(const json& root) {
    const json* cal = child(root, "calendar");
    if (cal == nullptr) return;
    if (auto epoch = date(*cal, "epoch", "/calendar")) {
      s_.epoch = *epoch;
      epoch_read_ = true;
    }
    if (const json* hol = child(*cal, "holidays"); hol != nullptr && hol->is_array()) {
      for (std::size_t i = 0; i < hol->size(); ++i) {
        if ((*hol)[i].is_string()) {
          if (auto d = parse_date((*hol)[i], pointer_append("/calendar/holidays", i))) s_.holidays.push_back(*d);
        }
      }
    }
    const json* venues = child(*cal, "venues");
    if (venues == nullptr || !venues->is_object()) return;
    Calendar probe(s_.epoch.ok() ? s_.epoch : Date{std::chrono::year{2017}, std::chrono::month{1}, std::chrono::day{1}});
    for (const auto& [id, v] : venues->items()) {
      const std::string p = pointer_append("/calendar/venues", std::string_view(id));
      model::Venue venue;
      venue.id = id;
      venue.name = text(v, "name");
      venue.city = text(v, "city");
      if (auto key = text(v, "mission_key"); !key.empty()) venue.mission_city = enum_from<model::MissionCity>(key, kCities);
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
          error(pointer_append(p, "session_hours"), e.what());
        }
      }
      s_.venues.push_back(std::move(venue));
    }
  }

  // "HH:MM", or nothing (the schema's pattern reports a malformed one).
  static std::optional<SimTime> clock(const std::string& hhmm) {
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

  void member_states(const json& root) {
    const json* list = child(root, "member_states");
    if (list == nullptr || !list->is_array()) return;
    std::map<std::string, std::size_t> seen_iso3;
    std::map<std::string, std::size_t> seen_name;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& m = (*list)[i];
      const std::string p = pointer_append("/member_states", i);
      model::MemberState st;
      st.name = text(m, "name");
      st.iso3 = text(m, "iso3");
      if (auto g = enum_from<model::RegionalGroup>(text(m, "group"), kGroups)) st.group = *g;
      st.ldc = flag(m, "ldc").value_or(false);
      if (auto d = enum_from<model::Development>(text(m, "development"), kDevelopment)) st.development = *d;
      if (const json* mig = child(m, "migration")) {
        st.migration = {number<double>(*mig, "origin").value_or(0), number<double>(*mig, "transit").value_or(0),
                        number<double>(*mig, "destination").value_or(0)};
        const double sum = st.migration.origin + st.migration.transit + st.migration.destination;
        if (std::abs(sum - 1.0) > 0.015) {
          error(pointer_append(p, "migration"),
                fmt::format("member state '{}': migration shares sum to {:.2f}; expected 1.00", st.iso3, sum));
        }
      }
      if (const json* ms = child(m, "missions"); ms != nullptr && ms->is_array()) {
        for (const json& c : *ms) {
          if (c.is_string()) {
            if (auto city = enum_from<model::MissionCity>(c, kCities)) st.missions.push_back(*city);
          }
        }
      }
      if (const json* cs = child(m, "coalitions"); cs != nullptr && cs->is_array()) {
        for (const json& c : *cs) {
          if (c.is_string()) st.coalitions.push_back(c);
        }
      }
      st.engagement = number<double>(m, "engagement");
      st.delegation_size = number<int>(m, "delegation_size");
      const auto language = enum_from<model::Language>(text(m, "working_language"), kLanguages);
      st.working_language = language.value_or(estimated_language(st));
      if (st.ldc && st.development == model::Development::developed) {
        error(pointer_append(p, "ldc"), fmt::format("member state '{}' is a least developed country marked developed", st.iso3));
      }
      duplicate(seen_iso3, st.iso3, i, pointer_append(p, "iso3"), "member state iso3 code", "/member_states");
      duplicate(seen_name, st.name, i, pointer_append(p, "name"), "member state name", "/member_states");
      s_.member_states.push_back(std::move(st));
    }
  }

  void duplicate(std::map<std::string, std::size_t>& seen, const std::string& key, std::size_t i,
                 const std::string& pointer, std::string_view what, const std::string& list) {
    if (key.empty()) return;
    auto [it, fresh] = seen.emplace(key, i);
    if (!fresh) {
      error(pointer, fmt::format("duplicate {} '{}'; it was first given at line {}", what, key,
                                 at(pointer_append(list, it->second)).line),
            static_cast<int>(key.size()));
    }
  }

  std::vector<std::string> state_codes() const {
    std::vector<std::string> codes;
    for (const auto& m : s_.member_states) codes.push_back(m.iso3);
    return codes;
  }

  bool known_state(const std::string& iso3, const std::string& pointer, std::string_view role) {
    if (iso3.empty() || s_.find_state(iso3)) return true;
    error(pointer, fmt::format("{} '{}' is not a member state in this scenario{}", role, iso3, hint(iso3, state_codes())), 3);
    return false;
  }

  void actors(const json& root) {
    const json* a = child(root, "actors");
    if (a == nullptr) return;
    if (const json* cf = child(*a, "co_facilitators"); cf != nullptr && cf->is_array()) {
      for (std::size_t i = 0; i < cf->size(); ++i) {
        const std::string iso3 = text((*cf)[i], "state");
        if (known_state(iso3, pointer_append(pointer_append("/actors/co_facilitators", i), "state"), "co-facilitator")) {
          s_.co_facilitators.push_back(iso3);
        }
      }
    }
    if (const json* st = child(*a, "stakeholders"); st != nullptr && st->is_array()) {
      for (const json& pop : *st) {
        model::StakeholderPopulation p;
        if (auto k = enum_from<model::StakeholderKind>(text(pop, "kind"), kStakeholders)) p.kind = *k;
        p.organisations = number<int>(pop, "organisations").value_or(0);
        p.needs_accreditation = flag(pop, "needs_accreditation").value_or(false);
        p.objection_rate = number<double>(pop, "objection_rate").value_or(0.0);
        p.registration_rate = number<double>(pop, "registration_rate").value_or(p.registration_rate);
        p.speaking_interest = number<double>(pop, "speaking_interest").value_or(p.speaking_interest);
        s_.stakeholders.push_back(p);
      }
    }
  }

  void formats(const json& root) {
    const json* fs = child(root, "formats");
    if (fs == nullptr || !fs->is_object()) return;
    for (const auto& [id, f] : fs->items()) {
      model::MeetingFormat format;
      format.id = id;
      format.description = text(f, "description");
      format.intervention_limit_minutes = number<double>(f, "intervention_limit_minutes").value_or(3.0);
      format.pre_inscribed_list = flag(f, "pre_inscribed_list").value_or(false);
      format.group_statement_minutes = number<double>(f, "group_statement_minutes").value_or(0.0);
      if (const json* agenda = child(f, "agenda"); agenda != nullptr && agenda->is_array()) {
        for (std::size_t i = 0; i < agenda->size(); ++i) {
          const json& a = (*agenda)[i];
          model::AgendaItem item;
          if (auto k = enum_from<model::AgendaItemKind>(text(a, "item"), kItems)) item.kind = *k;
          item.title = text(a, "title");
          item.day = number<int>(a, "day").value_or(1);
          item.minutes = number<double>(a, "minutes").value_or(0);
          item.moderator_minutes = number<double>(a, "moderator_minutes").value_or(0);
          item.experts = number<int>(a, "experts").value_or(0);
          if (const json* em = child(a, "expert_minutes")) {
            item.expert_minutes_min = number<double>(*em, "min").value_or(0);
            item.expert_minutes_max = number<double>(*em, "max").value_or(0);
            const std::string em_at = pointer_append(pointer_append(pointer_append(pointer_append("/formats", std::string_view(id)), "agenda"), i), "expert_minutes");
            if (item.expert_minutes_min > item.expert_minutes_max && !refused_under(em_at)) {
              error(em_at,
                    fmt::format("format '{}': expert_minutes min {} is above max {}", id, item.expert_minutes_min, item.expert_minutes_max));
            }
          }
          item.floor = flag(a, "floor").value_or(false);
          item.stakeholder_slots = number<int>(a, "stakeholder_slots").value_or(0);
          format.agenda.push_back(item);
        }
      }
      s_.formats.emplace(id, std::move(format));
    }
  }

  void activities(const json& root) {
    const json* list = child(root, "activities");
    if (list == nullptr || !list->is_array()) return;
    std::map<std::string, std::size_t> seen;
    // First pass: ids, so references can point forward.
    for (std::size_t i = 0; i < list->size(); ++i) {
      model::Activity a;
      a.id = text((*list)[i], "id");
      duplicate(seen, a.id, i, pointer_append(pointer_append("/activities", i), "id"), "activity id", "/activities");
      s_.activities.push_back(std::move(a));
    }
    std::vector<std::string> ids;
    for (const auto& a : s_.activities) ids.push_back(a.id);
    std::vector<std::string> venue_ids;
    for (const auto& v : s_.venues) venue_ids.push_back(v.id);
    std::vector<std::string> format_ids;
    for (const auto& [id, f] : s_.formats) format_ids.push_back(id);
    const Calendar cal = calendar_for_checks();

    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& j = (*list)[i];
      const std::string p = pointer_append("/activities", i);
      model::Activity& a = s_.activities[i];
      a.name = text(j, "name");
      if (auto k = enum_from<model::ActivityKind>(text(j, "kind"), kKinds)) a.kind = *k;
      if (auto ph = enum_from<model::Phase>(text(j, "phase"), kPhases)) a.phase = *ph;
      a.theme = text(j, "theme");
      a.interpretation = flag(j, "interpretation").value_or(true);
      if (auto v = text(j, "venue"); !v.empty()) {
        a.venue = s_.find_venue(v);
        if (!a.venue) error(pointer_append(p, "venue"), fmt::format("activity '{}': unknown venue '{}'{}", a.id, v, hint(v, venue_ids)), static_cast<int>(v.size()));
      }
      if (auto f = text(j, "format"); !f.empty()) {
        a.format = f;
        if (!s_.formats.contains(f)) error(pointer_append(p, "format"), fmt::format("activity '{}': unknown format '{}'{}", a.id, f, hint(f, format_ids)), static_cast<int>(f.size()));
      }
      a.start = date(j, "start", p);
      a.end = date(j, "end", p);
      const bool listed = listed_dates(j, p, cal, a);
      if (const json* w = child(j, "window")) {
        a.window_earliest = date(*w, "earliest", pointer_append(p, "window"));
        a.window_latest = date(*w, "latest", pointer_append(p, "window"));
        if (a.window_earliest && a.window_latest && *a.window_latest < *a.window_earliest) {
          error(pointer_append(pointer_append(p, "window"), "latest"),
                fmt::format("activity '{}': window ends {} before it opens {}", a.id, iso_date(*a.window_latest), iso_date(*a.window_earliest)));
        }
      }
      if (a.start && a.end && *a.end < *a.start) {
        error(pointer_append(p, "end"), fmt::format("activity '{}': ends {} before it starts {}", a.id, iso_date(*a.end), iso_date(*a.start)), 10);
      }
      if (a.start && s_.epoch.ok() && *a.start < s_.epoch) {
        error(pointer_append(p, "start"), fmt::format("activity '{}': starts {} before the calendar's epoch {}", a.id, iso_date(*a.start), iso_date(s_.epoch)), 10);
      }
      const auto days = number<int>(j, "days");
      a.days = std::max(1, days.value_or(1));  // below 1 already reported; the graph needs a duration
      if (listed) {
        a.days = static_cast<int>(a.sitting_dates.size());
        if (days && *days != a.days && same_file(pointer_append(p, "days"), pointer_append(p, "dates"))) {
          error(pointer_append(p, "days"), fmt::format("activity '{}': {} dates are listed, but days is {}", a.id, a.days, *days));
        }
      } else if (a.start && a.end && !(*a.end < *a.start)) {
        const int sitting = cal.working_days_between(*a.start, *a.end) + (cal.is_working_day(*a.start) ? 1 : 0);
        if (!days) {
          a.days = std::max(1, sitting);
        } else if (*days != sitting && *days >= 1 && model::is_meeting(a.kind)) {  // < 1: reported by the schema
          error(pointer_append(p, "days"), fmt::format("activity '{}': {} to {} has {} working days, but days is {}", a.id,
                                                       iso_date(*a.start), iso_date(*a.end), sitting, *days));
        }
      }
      if (const json* due = child(j, "due")) {
        const std::string before = text(*due, "before");
        // Each part is within its schema range here or zero; their sum cannot overflow.
        const int weeks = std::clamp(number<int>(*due, "weeks").value_or(0), 0, 104);
        const int wd = weeks * 5 + std::clamp(number<int>(*due, "days").value_or(0), 0, 520);
        if (auto target = s_.find_activity(before)) {
          a.due = model::LeadTime{*target, wd};
        } else if (!before.empty()) {
          error(pointer_append(pointer_append(p, "due"), "before"), fmt::format("activity '{}': due before unknown activity '{}'{}", a.id, before, hint(before, ids)), static_cast<int>(before.size()));
        }
      }
      if (const json* needs = child(j, "needs"); needs != nullptr && needs->is_array()) {
        for (std::size_t k = 0; k < needs->size(); ++k) {
          if (!(*needs)[k].is_string()) continue;
          const std::string need = (*needs)[k];
          if (auto target = s_.find_activity(need)) {
            a.needs.push_back(*target);
          } else {
            error(pointer_append(pointer_append(p, "needs"), k), fmt::format("activity '{}' needs unknown activity '{}'{}", a.id, need, hint(need, ids)), static_cast<int>(need.size()));
          }
        }
      }
      if (const json* who = child(j, "participants")) {
        if (const json* groups = child(*who, "groups"); groups != nullptr && groups->is_array()) {
          for (const json& g : *groups) {
            if (!g.is_string()) continue;
            if (auto group = enum_from<model::RegionalGroup>(g, kGroups)) a.participant_groups.push_back(*group);
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
          if (known_state(iso3, pointer_append(pointer_append(p, "moderators"), k), "moderator")) a.moderators.push_back(iso3);
        }
      }
    }
  }

  // `dates: [2018-02-20, 2018-02-22, 2018-02-23]`: a meeting on listed working days, in order.
  // The list decides start, end and days; start or end inherited from another file (the base an
  // override changes) give way to it, but written beside it they must agree.
  bool listed_dates(const json& j, const std::string& p, const Calendar& cal, model::Activity& a) {
    const json* list = child(j, "dates");
    if (list == nullptr || !list->is_array() || list->empty()) return false;
    const std::string lp = pointer_append(p, "dates");
    for (std::size_t k = 0; k < list->size(); ++k) {
      if (!(*list)[k].is_string()) return false;  // the schema reports it
      const std::string item = pointer_append(lp, k);
      const auto d = parse_date((*list)[k], item);
      if (!d) return false;
      if (!cal.is_working_day(*d)) {
        error(item, fmt::format("activity '{}': {} is not a working day; a meeting sits on working days", a.id, iso_date(*d)), 10);
      } else if (!a.sitting_dates.empty() && !(a.sitting_dates.back() < *d)) {
        error(item, fmt::format("activity '{}': {} does not follow {}; list the dates in order, each once", a.id,
                                iso_date(*d), iso_date(a.sitting_dates.back())), 10);
      }
      a.sitting_dates.push_back(*d);
    }
    for (auto [key, field, expected] : {std::tuple{"start", &a.start, a.sitting_dates.front()},
                                        std::tuple{"end", &a.end, a.sitting_dates.back()}}) {
      const std::string kp = pointer_append(p, key);
      if (*field && **field != expected && same_file(kp, lp)) {
        error(kp, fmt::format("activity '{}': {} {} disagrees with its dates ({}); give either dates or start and end",
                              a.id, key, iso_date(**field), iso_date(expected)), 10);
      }
      *field = expected;
    }
    return true;
  }

  bool same_file(const std::string& a, const std::string& b) const {
    return doc_.value.contains(json::json_pointer(a)) && at(a).file == at(b).file;
  }

  Calendar calendar_for_checks() const {
    try {
      return s_.make_calendar();
    } catch (const std::exception&) {
      return Calendar(Date{std::chrono::year{2017}, std::chrono::month{1}, std::chrono::day{1}});
    }
  }

  void policies(const json& root) {
    const json* pol = child(root, "policies");
    if (pol == nullptr) return;
    if (const json* tf = child(*pol, "trust_fund")) {
      auto& fund = s_.trust_fund;
      if (const json* cs = child(*tf, "contributions"); cs != nullptr && cs->is_array()) {
        for (std::size_t i = 0; i < cs->size(); ++i) {
          const json& c = (*cs)[i];
          auto d = date(c, "date", pointer_append("/policies/trust_fund/contributions", i));
          if (d) fund.contributions.push_back({*d, number<double>(c, "usd").value_or(0), text(c, "donor")});
        }
      }
      if (const json* el = child(*tf, "eligible"); el != nullptr && el->is_array()) {
        fund.ldc_eligible = std::find(el->begin(), el->end(), "ldc") != el->end();
        fund.developing_eligible = std::find(el->begin(), el->end(), "developing") != el->end();
      }
      if (auto p = enum_from<model::FundingPriority>(text(*tf, "priority"), kPriorities)) fund.priority = *p;
      fund.delegates_per_state = number<int>(*tf, "delegates_per_state").value_or(1);
      fund.capital_expert_request = number<double>(*tf, "capital_expert_request").value_or(0.0);
      if (const json* cost = child(*tf, "travel_cost_usd"); cost != nullptr && cost->is_object()) {
        std::vector<std::string> venue_ids;
        for (const auto& v : s_.venues) venue_ids.push_back(v.id);
        for (const auto& [venue, usd] : cost->items()) {
          if (!s_.find_venue(venue)) {
            diag_.error(doc_.origins.find(pointer_append("/policies/trust_fund/travel_cost_usd", std::string_view(venue))).key,
                        fmt::format("travel cost for unknown venue '{}'{}", venue, hint(venue, venue_ids)), static_cast<int>(venue.size()));
          } else if (usd.is_number()) {
            fund.travel_cost_usd[venue] = usd.get<double>();
          }
        }
      }
    }
    if (const json* fl = child(*pol, "floor")) {
      if (auto p = enum_from<model::FloorPolicy>(text(*fl, "policy"), kFloorPolicies)) s_.floor_policy = *p;
      if (const json* groups = child(*fl, "speaking_groups"); groups != nullptr && groups->is_array()) {
        std::vector<std::string> known;
        for (const auto& m : s_.member_states)
          for (const auto& c : m.coalitions)
            if (std::find(known.begin(), known.end(), c) == known.end()) known.push_back(c);
        for (std::size_t i = 0; i < groups->size(); ++i) {
          if (!(*groups)[i].is_string()) continue;
          const std::string id = (*groups)[i].get<std::string>();
          if (std::find(known.begin(), known.end(), id) == known.end()) {
            error(pointer_append("/policies/floor/speaking_groups", i),
                  fmt::format("speaking group '{}' is no member state's coalition{}", id, hint(id, known)), static_cast<int>(id.size()));
          } else {
            s_.speaking_groups.push_back(id);
          }
        }
      }
    }
  }

  // `events:` scripted disruptions. Each addresses one state (`state: USA`) or a group of them
  // (`who: {group: eastern_european}`, `{coalition: arab_group}`, `{states: [HUN, POL]}`), expanded
  // here to the member states it names. `withdraw` on a `date` takes them out of the process for
  // good; `boycott` keeps them away from one meeting (`activity`).
  void events(const json& root) {
    const json* list = child(root, "events");
    if (list == nullptr || !list->is_array()) return;
    std::vector<std::string> activity_ids;
    for (const auto& a : s_.activities) activity_ids.push_back(a.id);
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& e = (*list)[i];
      const std::string p = pointer_append("/events", i);
      const std::string kind = text(e, "kind");
      if (kind != "withdraw" && kind != "boycott") continue;  // the schema reports it
      auto addressed = event_states(e, p);
      const json* on = child(e, "date");
      const std::string activity = text(e, "activity");
      if (kind == "withdraw") {
        if (!activity.empty()) {
          diag_.error(doc_.origins.find(pointer_append(p, "activity")).key,
                      "a withdrawal is from the process, not from one meeting: give its date and no activity (a "
                      "temporary absence is kind: boycott)", 8);
        }
        if (on == nullptr) error(p, "a withdrawal needs the date the states leave the process (date: YYYY-MM-DD)");
        const auto d = date(e, "date", p);
        if (!addressed || !d) continue;
        for (std::size_t k : addressed->states) {
          s_.withdrawals.push_back({*d, s_.member_states[k].iso3, text(e, "note"), addressed->who});
        }
        continue;
      }
      if (on != nullptr) {
        diag_.error(doc_.origins.find(pointer_append(p, "date")).key,
                    "a boycott is of one meeting: give the activity, not a date (leaving for good is kind: withdraw)", 4);
      }
      if (activity.empty()) {
        error(p, "a boycott needs the meeting the states stay away from (activity: <id>)");
        continue;
      }
      const auto target = s_.find_activity(activity);
      if (!target) {
        error(pointer_append(p, "activity"),
              fmt::format("boycott of unknown activity '{}'{}", activity, hint(activity, activity_ids)),
              static_cast<int>(activity.size()));
        continue;
      }
      if (!model::is_meeting(s_.activities[*target].kind)) {
        error(pointer_append(p, "activity"),
              fmt::format("boycott of '{}', a {}; only a meeting can be boycotted", activity,
                          model::to_string(s_.activities[*target].kind)),
              static_cast<int>(activity.size()));
        continue;
      }
      if (addressed) s_.boycotts.push_back({*target, addressed->states, addressed->who, text(e, "note")});
    }
  }

  struct Addressed {
    std::vector<std::size_t> states;
    std::string who;  // empty for a single `state`
  };

  // The member states an event names through `state` or `who`; nothing (reported) when it names
  // none or an unknown one.
  std::optional<Addressed> event_states(const json& e, const std::string& p) {
    const json* who = child(e, "who");
    const std::string iso3 = text(e, "state");
    const bool has_state = child(e, "state") != nullptr;
    if ((who != nullptr) == has_state) {
      error(p, who != nullptr ? "an event names its states once: give state or who, not both"
                              : "an event needs the states it concerns: state: ISO3, or who: {group: ...}, "
                                "{coalition: ...} or {states: [ISO3, ...]}");
      return std::nullopt;
    }
    Addressed out;
    if (who == nullptr) {
      if (!known_state(iso3, pointer_append(p, "state"), "event state")) return std::nullopt;
      out.states.push_back(*s_.find_state(iso3));
      return out;
    }
    const std::string wp = pointer_append(p, "who");
    if (const std::string g = text(*who, "group"); !g.empty()) {
      const auto group = enum_from<model::RegionalGroup>(g, kGroups);
      if (!group) return std::nullopt;  // the schema lists the groups, with a suggestion
      for (std::size_t k = 0; k < s_.member_states.size(); ++k) {
        if (s_.member_states[k].group == *group) out.states.push_back(k);
      }
      out.who = fmt::format("the {} group", g);
      if (out.states.empty()) {
        error(pointer_append(wp, "group"), fmt::format("no member state of this scenario is in the {} group", g),
              static_cast<int>(g.size()));
        return std::nullopt;
      }
      return out;
    }
    if (const std::string c = text(*who, "coalition"); !c.empty()) {
      std::set<std::string> known;
      for (std::size_t k = 0; k < s_.member_states.size(); ++k) {
        const auto& cs = s_.member_states[k].coalitions;
        known.insert(cs.begin(), cs.end());
        if (std::find(cs.begin(), cs.end(), c) != cs.end()) out.states.push_back(k);
      }
      out.who = fmt::format("coalition {}", c);
      if (out.states.empty()) {
        error(pointer_append(wp, "coalition"),
              fmt::format("no member state of this scenario belongs to coalition '{}'{}", c,
                          hint(c, std::vector<std::string>(known.begin(), known.end()))),
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
        if (known_state(code, pointer_append(pointer_append(wp, "states"), k), "event state")) {
          out.states.push_back(*s_.find_state(code));
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

  // Every model parameter through one table: its section and key in the scenario's `parameters:`
  // and the field it sets; an absent key keeps the default of models/scenario.hpp (docs/model.md).
  void parameters(const json& root) {
    const json* params = child(root, "parameters");
    if (params == nullptr) return;
    auto& att = s_.parameters.attendance;
    auto& fl = s_.parameters.floor;
    auto& dr = s_.parameters.drafting;
    const std::initializer_list<std::tuple<const char*, const char*, double*>> fields = {
        {"attendance", "base", &att.base},
        {"attendance", "mission_weight", &att.mission_weight},
        {"attendance", "salience_weight", &att.salience_weight},
        {"attendance", "cost_weight", &att.cost_weight},
        {"attendance", "funding_weight", &att.funding_weight},
        {"attendance", "engagement_weight", &att.engagement_weight},
        {"attendance", "engagement_default", &att.engagement_default},
        {"attendance", "affordability_developed", &att.affordability_developed},
        {"attendance", "affordability_developing", &att.affordability_developing},
        {"attendance", "affordability_ldc", &att.affordability_ldc},
        {"attendance", "no_interpretation_weight", &att.no_interpretation_weight},
        {"floor", "request_rate", &fl.request_rate},
        {"floor", "mean_intervention_share", &fl.mean_intervention_share},
        {"floor", "salience_offset", &fl.salience_offset},
        {"floor", "max_request_probability", &fl.max_request_probability},
        {"floor", "share_min", &fl.share_min},
        {"floor", "share_max", &fl.share_max},
        {"floor", "no_interpretation_factor", &fl.no_interpretation_factor},
        {"floor", "after_group_request_factor", &fl.after_group_request_factor},
        {"drafting", "delay_sd_days", &dr.delay_sd_days},
        {"drafting", "late_probability", &dr.late_probability},
        {"drafting", "late_extra_min", &dr.late_extra_min},
        {"drafting", "late_extra_max", &dr.late_extra_max},
    };
    for (const auto& [section, key, field] : fields) {
      if (const json* sec = child(*params, section)) *field = number<double>(*sec, key).value_or(*field);
    }
    if (fl.share_min > fl.share_max && !refused_under("/parameters/floor")) {
      error("/parameters/floor/share_min", fmt::format("parameters.floor: share_min {} is above share_max {}", fl.share_min, fl.share_max));
    }
    if (dr.late_extra_min > dr.late_extra_max && !refused_under("/parameters/drafting")) {
      error("/parameters/drafting/late_extra_min",
            fmt::format("parameters.drafting: late_extra_min {} is above late_extra_max {}", dr.late_extra_min, dr.late_extra_max));
    }
  }

  void negotiation(const json& root) {
    const json* neg = child(root, "negotiation");
    if (neg == nullptr || !neg->is_object()) return;
    model::NegotiationSpec spec;
    if (const json* scale = child(*neg, "scale")) {
      spec.scale_min = number<double>(*scale, "min").value_or(0.0);
      spec.scale_max = number<double>(*scale, "max").value_or(1.0);
      if (!(spec.scale_max > spec.scale_min) && !refused_under("/negotiation/scale")) {
        error("/negotiation/scale/max", fmt::format("negotiation scale: max {} must be above min {}", spec.scale_max, spec.scale_min));
      }
    }
    if (const json* dims = child(*neg, "dimensions"); dims != nullptr && dims->is_array()) {
      std::map<std::string, std::size_t> seen;
      for (std::size_t i = 0; i < dims->size(); ++i) {
        model::NegotiationDimension d;
        d.id = text((*dims)[i], "id");
        d.name = text((*dims)[i], "name");
        if (const json* els = child((*dims)[i], "elements"); els != nullptr && els->is_array()) {
          for (const json& e : *els) {
            if (e.is_string()) d.elements.push_back(e);
          }
        }
        duplicate(seen, d.id, i, pointer_append(pointer_append("/negotiation/dimensions", i), "id"), "dimension id", "/negotiation/dimensions");
        spec.dimensions.push_back(std::move(d));
      }
    }
    const std::size_t n_dims = spec.dimensions.size();
    if (const json* dels = child(*neg, "delegations"); dels != nullptr && dels->is_object()) {
      for (const auto& [iso3, d] : dels->items()) {
        const std::string p = pointer_append("/negotiation/delegations", std::string_view(iso3));
        const auto state = s_.find_state(iso3);
        if (!state) {
          diag_.error(doc_.origins.find(p).key, fmt::format("delegation '{}' is not a member state in this scenario{}", iso3,
                                                            hint(iso3, state_codes())), 3);
          continue;
        }
        model::DelegationSpec spec_d;
        spec_d.state = *state;
        spec_d.position = numbers(d, "position");
        spec_d.salience = numbers(d, "salience");
        spec_d.susceptibility = number<double>(d, "susceptibility").value_or(0.5);
        spec_d.reservation = number<double>(d, "reservation");
        const bool position_refused = refused_under(pointer_append(p, "position")) || refused_under("/negotiation/scale");
        if (spec_d.position.size() != n_dims && n_dims > 0 && !position_refused) {
          error(pointer_append(p, "position"), fmt::format("delegation '{}': {} position values for {} dimensions", iso3, spec_d.position.size(), n_dims));
        }
        for (double x : spec_d.position) {
          if ((x < spec.scale_min || x > spec.scale_max) && !position_refused) {
            error(pointer_append(p, "position"), fmt::format("delegation '{}': position {} is outside the scale [{}, {}]", iso3, x, spec.scale_min, spec.scale_max));
            break;
          }
        }
        if (!spec_d.salience.empty() && spec_d.salience.size() != n_dims && !refused_under(pointer_append(p, "salience"))) {
          error(pointer_append(p, "salience"), fmt::format("delegation '{}': {} salience values for {} dimensions", iso3, spec_d.salience.size(), n_dims));
        }
        double sum = 0.0;
        if (const json* inf = child(d, "influence"); inf != nullptr && inf->is_object()) {
          for (const auto& [target, w] : inf->items()) {
            const auto t = s_.find_state(target);
            if (!t || !dels->contains(target)) {
              diag_.error(doc_.origins.find(pointer_append(pointer_append(p, "influence"), std::string_view(target))).key,
                          fmt::format("delegation '{}': influence toward '{}', which is not a delegation", iso3, target), 3);
              continue;
            }
            if (w.is_number()) {
              spec_d.influence.emplace_back(*t, w.get<double>());
              sum += w.get<double>();
            }
          }
          if (std::abs(sum - 1.0) > 1e-9 && !refused_under(pointer_append(p, "influence"))) {
            error(pointer_append(p, "influence"), fmt::format("delegation '{}': influence weights sum to {}; expected 1", iso3, sum));
          }
        }
        spec.delegations.push_back(std::move(spec_d));
      }
    }
    if (const json* params = child(*neg, "parameters")) {
      auto& q = spec.parameters;
      for (auto [key, field] : std::initializer_list<std::pair<const char*, double*>>{
               {"self_weight", &q.self_weight}, {"coalition_weight", &q.coalition_weight}, {"group_weight", &q.group_weight},
               {"susceptibility", &q.susceptibility}, {"reservation", &q.reservation}, {"adopt_threshold", &q.adopt_threshold}, {"object_threshold", &q.object_threshold},
               {"voice_spoke", &q.voice_spoke}, {"voice_present", &q.voice_present}, {"voice_absent", &q.voice_absent},
               {"voice_capital_expert", &q.voice_capital_expert}, {"voice_group", &q.voice_group},
               {"draft_step", &q.draft_step},
               {"objection_tolerance", &q.objection_tolerance}, {"tolerance_spread", &q.tolerance_spread},
               {"deadline_concession", &q.deadline_concession}, {"deadline_decay", &q.deadline_decay},
               {"round_concession", &q.round_concession}, {"dissociation_rate", &q.dissociation_rate},
               {"dissociation_distance", &q.dissociation_distance}, {"dissociation_destination", &q.dissociation_destination},
               {"ga_absence", &q.ga_absence}, {"revision_blend", &q.revision_blend}}) {
        *field = number<double>(*params, key).value_or(*field);
      }
      q.steps_per_day = number<int>(*params, "steps_per_day").value_or(q.steps_per_day);
      q.informal_consultations = number<int>(*params, "informal_consultations").value_or(q.informal_consultations);
      q.consultation_gap_days = number<int>(*params, "consultation_gap_days").value_or(q.consultation_gap_days);
      if (const json* ga = child(*params, "ga_vote"); ga != nullptr && ga->is_boolean()) q.ga_vote = ga->get<bool>();
    }
    s_.negotiation = std::move(spec);
  }

  static std::vector<double> numbers(const json& node, std::string_view key) {
    std::vector<double> out;
    const json* c = child(node, key);
    if (c == nullptr || !c->is_array()) return out;
    for (const json& v : *c) {
      if (v.is_number()) out.push_back(v.get<double>());
    }
    return out;
  }

  // --- whole-scenario rules ----------------------------------------------------------------------
  void check_dependencies() {
    DependencyGraph graph;
    std::set<std::string> added;
    for (const auto& a : s_.activities) {
      if (a.id.empty() || !added.insert(a.id).second) return;  // duplicates already reported
      graph.add_activity(a.id, a.days);
    }
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      const auto& a = s_.activities[i];
      for (std::size_t need : a.needs) graph.add_need(i, need);
      if (a.due) graph.add_need(a.due->before, i);
    }
    if (auto cycle = graph.find_cycle()) {
      const std::size_t first = *s_.find_activity(cycle->front());
      error(pointer_append(pointer_append("/activities", first), "id"),
            fmt::format("dependency cycle: {} (through needs and due)", fmt::join(*cycle, " -> ")),
            static_cast<int>(cycle->front().size()));
    }
  }

  void check_horizon() {
    std::int64_t total = 0;
    for (const auto& a : s_.activities) total += a.days + (a.due ? a.due->working_days : 0);
    if (total > kHorizonWorkingDays) {
      error("/activities", fmt::format("the activities' days and lead times add up to {} working days; expected at most {} "
                                       "(a scenario's horizon is {} years)", total, kHorizonWorkingDays, kHorizonYears));
    }
  }

  void check_thematic_sessions() {
    std::int64_t total = 0;
    for (std::size_t i = 0; i < s_.activities.size(); ++i) {
      const auto& a = s_.activities[i];
      if (a.kind != model::ActivityKind::thematic_session) continue;
      const std::string p = pointer_append("/activities", i);
      total += a.days;
      if (total > kThematicSessionWorkingDayLimit) {
        error(pointer_append(p, "days"),
              fmt::format("thematic sessions up to '{}' last {} working days; OP16 allows at most {} in total", a.id,
                          total, kThematicSessionWorkingDayLimit));
      }
      if (a.format && s_.formats.contains(*a.format)) {
        const int panels = s_.formats.at(*a.format).panels();
        if (panels < kMinPanels || panels > kMaxPanels) {
          error(pointer_append(p, "format"),
                fmt::format("thematic session '{}' uses format '{}' with {} expert panel{}; OP16 requires 2 or 3", a.id,
                            *a.format, panels, panels == 1 ? "" : "s"));
        }
      }
    }
  }

  const Document& doc_;
  Diagnostics& diag_;
  const std::vector<std::string>& refused_;
  model::Scenario s_;
  bool epoch_read_ = false;  // dates are checked against the horizon once the epoch is known
};

}  // namespace

std::optional<model::Scenario> build_scenario(const Document& doc, Diagnostics& diagnostics,
                                              const std::vector<std::string>& refused) {
  return Builder(doc, diagnostics, refused).build();
}

std::optional<model::Scenario> build_scenario(const Document& doc, Diagnostics& diagnostics) {
  static const std::vector<std::string> none;
  return Builder(doc, diagnostics, none).build();
}

}  // namespace gcmsim::loader
