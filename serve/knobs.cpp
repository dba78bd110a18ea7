#include "serve/knobs.hpp"

#include <cmath>
#include <optional>

#include <fmt/core.h>

#include "models/loader/schema.hpp"
#include "serve/common/jobs.hpp"

namespace gcmsim::serve {
namespace {

using nlohmann::json;

// What a knob does to the scenario.
enum class Action {
  scale,      // --scale PATH=value
  set,        // --set PATH=value (PATH may name {activity})
  switch_off, // --set PATH=false for a chosen activity
  shift,      // --shift activities.{activity}=+Nw
  boycott,    // --set events.ID={kind: boycott, who: {group}, activity}: one event added, the others kept
};

// Which activities a knob can address.
enum class Targets { none, meetings, rounds };

struct KnobDef {
  const char* id;
  const char* label;
  Action action;
  const char* path;     // a --set path; {activity} is replaced by the chosen activity's id
  const char* unit;
  const char* source;   // the paragraph or document the knob's rule comes from
  Targets targets = Targets::none;
  // The form's range when the schema's is wider than a planner would use (the schema allows up to
  // USD 10^12 per contribution); never wider than the schema's.
  std::optional<double> min{}, max{};
  double step = 0;
  std::optional<double> fixed_default{};  // a scale's and a shift's "no change"
};

const std::vector<KnobDef>& knob_table() {
  static const std::vector<KnobDef> table = {
      {"trust_fund", "Trust fund contributions", Action::scale, "policies.trust_fund.contributions.usd",
       "x the planned contributions", "OP31", Targets::none, 0.0, 4.0, 0.05, 1.0},
      {"shift", "Move a meeting", Action::shift, "activities.{activity}", "weeks",
       "OP15 (months and venues), the concept note's dates", Targets::meetings, -12.0, 12.0, 1.0, 0.0},
      {"intervention_limit", "Floor intervention limit at the thematic sessions", Action::set,
       "formats.thematic_session.intervention_limit_minutes", "minutes", "PN §II.c", Targets::none, 1.0, 10.0, 0.5},
      {"boycott", "A regional group boycotts a meeting", Action::boycott, "events", "", "docs/scenario-format.md (events)",
       Targets::rounds},
      {"interpretation_off", "No interpretation at a meeting (English only)", Action::switch_off,
       "activities.{activity}.interpretation", "", "OP29 (interpretation only where available)", Targets::meetings},
      {"reservation", "Reservation level (below it a state leaves)", Action::set, "negotiation.parameters.reservation",
       "share", "docs/negotiation.md (calibrated)", Targets::none, std::nullopt, std::nullopt, 0.01},
      {"deadline_concession", "Deadline concession in the last round", Action::set,
       "negotiation.parameters.deadline_concession", "share", "docs/negotiation.md (calibrated)", Targets::none,
       std::nullopt, std::nullopt, 0.01},
      {"informal_consultations", "Informal consultations after the last round", Action::set,
       "negotiation.parameters.informal_consultations", "consultations", "OP29", Targets::none, std::nullopt,
       std::nullopt, 1.0},
  };
  return table;
}

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', start)) {
    out.push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  out.push_back(path.substr(start));
  return out;
}

const json& resolve(const json& node) {
  if (node.is_object() && node.contains("$ref")) {
    const std::string ref = node["$ref"].get<std::string>();  // "#/definitions/share"
    const json& target = loader::scenario_schema().at(json::json_pointer(ref.substr(1)));
    // A node may add a description beside its $ref; the range is the target's.
    return resolve(target);
  }
  return node;
}

// The schema node of a --set path (list steps by id), or null.
const json* schema_at(const std::string& path) {
  const json* node = &resolve(loader::scenario_schema());
  for (const std::string& step : split(path)) {
    if (node->contains("properties") && (*node)["properties"].contains(step)) {
      node = &resolve((*node)["properties"][step]);
    } else if (node->contains("items")) {  // a list item by id: its schema, then the step after it
      node = &resolve((*node)["items"]);
    } else if (node->contains("additionalProperties") && (*node)["additionalProperties"].is_object()) {
      node = &resolve((*node)["additionalProperties"]);
    } else {
      return nullptr;
    }
  }
  return node;
}

// The document's value at a --set path (list items by id), or null.
const json* value_at(const json& doc, const std::string& path) {
  const json* node = &doc;
  for (const std::string& step : split(path)) {
    if (node->is_object()) {
      const auto it = node->find(step);
      if (it == node->end()) return nullptr;
      node = &*it;
    } else if (node->is_array()) {
      const json* found = nullptr;
      for (const json& item : *node) {
        if (item.is_object() && item.contains("id") && item["id"] == step) found = &item;
      }
      if (found == nullptr) return nullptr;
      node = found;
    } else {
      return nullptr;
    }
  }
  return node;
}

bool targets_activity(Targets t, const model::Activity& a) {
  if (t == Targets::meetings) return model::is_meeting(a.kind) && a.start.has_value();
  if (t == Targets::rounds) return model::is_meeting(a.kind);
  return false;
}

struct Range {
  double min = -1e300, max = 1e300;
  bool min_exclusive = false;
  bool integer = false;
};

Range range_of(const KnobDef& k) {
  Range r;
  if (k.action == Action::set) {
    if (const json* s = schema_at(k.path)) {
      if (s->contains("minimum")) r.min = (*s)["minimum"].get<double>();
      if (s->contains("exclusiveMinimum")) {
        r.min = (*s)["exclusiveMinimum"].get<double>();
        r.min_exclusive = true;
      }
      if (s->contains("maximum")) r.max = (*s)["maximum"].get<double>();
      r.integer = s->value("type", "") == "integer";
    }
  }
  // The form's range narrows the schema's, never widens it.
  if (k.min && *k.min > r.min) {
    r.min = *k.min;
    r.min_exclusive = false;
  }
  if (k.max && *k.max < r.max) r.max = *k.max;
  if (k.action == Action::shift) r.integer = true;
  return r;
}

bool applies(const KnobDef& k, const sim::PreparedScenario& base) {
  const json& doc = base.document();
  switch (k.action) {
    case Action::scale: {
      const json* list = value_at(doc, "policies.trust_fund.contributions");
      return list != nullptr && list->is_array() && !list->empty();
    }
    case Action::set: return value_at(doc, k.path) != nullptr || (schema_at(k.path) != nullptr && value_at(doc, split(k.path)[0]) != nullptr);
    default: return true;
  }
}

std::string number_text(double x) {
  if (x == std::floor(x) && std::abs(x) < 1e15) return fmt::format("{}", static_cast<long long>(x));
  return fmt::format("{}", x);
}

const KnobDef* find_knob(const std::string& id) {
  for (const KnobDef& k : knob_table()) {
    if (id == k.id) return &k;
  }
  return nullptr;
}

std::string activity_of(const KnobDef& k, const sim::PreparedScenario& base, const json& change) {
  if (!change.contains("activity") || !change["activity"].is_string()) {
    throw Refusal(400, fmt::format("knob '{}' needs an \"activity\" (an activity id of the scenario)", k.id));
  }
  const std::string id = change["activity"].get<std::string>();
  const auto index = base.scenario().find_activity(id);
  if (!index || !targets_activity(k.targets, base.scenario().activities[*index])) {
    throw Refusal(400, fmt::format("knob '{}': the scenario has no {} with id '{}'", k.id,
                                   k.targets == Targets::rounds ? "meeting" : "dated meeting", json(id).dump()));
  }
  return id;
}

double value_of(const KnobDef& k, const json& change) {
  if (!change.contains("value") || !change["value"].is_number()) {
    throw Refusal(400, fmt::format("knob '{}' needs a numeric \"value\"", k.id));
  }
  const double v = change["value"].get<double>();
  const Range r = range_of(k);
  const bool below = r.min_exclusive ? !(v > r.min) : !(v >= r.min);
  if (!std::isfinite(v) || below || !(v <= r.max)) {
    throw Refusal(400, fmt::format("knob '{}': {} is out of range; expected {} {} to {}{}", k.id, number_text(v),
                                   r.min_exclusive ? "above" : "from", number_text(r.min), number_text(r.max),
                                   *k.unit ? fmt::format(" {}", k.unit) : std::string()));
  }
  if (r.integer && v != std::floor(v)) throw Refusal(400, fmt::format("knob '{}': expected a whole number, found {}", k.id, v));
  return v;
}

}  // namespace

json describe_knobs(const sim::PreparedScenario& base) {
  json out = json::array();
  const model::Scenario& s = base.scenario();
  for (const KnobDef& k : knob_table()) {
    if (!applies(k, base)) continue;
    json j = {{"knob", k.id}, {"label", k.label}, {"unit", k.unit}, {"source", k.source}};
    const char* kinds[] = {"scale", "set", "switch_off", "shift", "boycott"};
    j["action"] = kinds[static_cast<int>(k.action)];
    if (k.action == Action::scale || k.action == Action::set || k.action == Action::shift) {
      const Range r = range_of(k);
      j["min"] = r.min;
      j["max"] = r.max;
      j["min_exclusive"] = r.min_exclusive;
      j["integer"] = r.integer;
      j["step"] = k.step;
      if (k.fixed_default) {
        j["default"] = *k.fixed_default;
      } else if (const json* v = value_at(base.document(), k.path); v != nullptr && v->is_number()) {
        j["default"] = *v;
      }
      if (const json* schema = schema_at(k.path); schema != nullptr && schema->contains("description")) {
        j["description"] = (*schema)["description"];
      }
    }
    if (k.targets != Targets::none) {
      json acts = json::array();
      for (const model::Activity& a : s.activities) {
        if (targets_activity(k.targets, a)) acts.push_back({{"id", a.id}, {"name", a.name}});
      }
      j["activities"] = std::move(acts);
    }
    if (k.action == Action::boycott) {
      j["groups"] = resolve(loader::scenario_schema()["definitions"]["event_who"])["properties"]["group"]["enum"];
    }
    out.push_back(std::move(j));
  }
  return out;
}

KnobOperations knob_operations(const sim::PreparedScenario& base, const json& knobs, const Limits& limits) {
  KnobOperations out;
  if (knobs.is_null()) return out;
  if (!knobs.is_array()) throw Refusal(400, "\"knobs\" must be a list of {knob, value, activity, group}");
  if (knobs.size() > limits.max_knobs) {
    throw Refusal(400, fmt::format("{} knob changes; at most {} in one request", knobs.size(), limits.max_knobs));
  }
  for (const json& change : knobs) {
    if (!change.is_object() || !change.contains("knob") || !change["knob"].is_string()) {
      throw Refusal(400, "every knob change must be an object with a \"knob\" name");
    }
    const std::string name = change["knob"].get<std::string>();
    const KnobDef* k = find_knob(name);
    if (k == nullptr || !applies(*k, base)) {
      throw Refusal(400, fmt::format("unknown knob {} for this scenario (GET /api/scenarios/NAME lists them)",
                                     json(name).dump(-1, ' ', false, json::error_handler_t::replace)));
    }
    std::string path = k->path;
    if (k->targets != Targets::none && k->action != Action::boycott) {
      path.replace(path.find("{activity}"), 10, activity_of(*k, base, change));
    }
    switch (k->action) {
      case Action::scale: {
        const std::string v = number_text(value_of(*k, change));
        out.operations.push_back(fmt::format("scale {}={}", path, v));
        out.arguments.push_back("--scale");
        out.arguments.push_back(fmt::format("{}={}", path, v));
        break;
      }
      case Action::set: {
        const std::string v = number_text(value_of(*k, change));
        out.operations.push_back(fmt::format("{}={}", path, v));
        out.arguments.push_back("--set");
        out.arguments.push_back(fmt::format("{}={}", path, v));
        break;
      }
      case Action::switch_off:
        out.operations.push_back(path + "=false");
        out.arguments.push_back("--set");
        out.arguments.push_back(fmt::format("{}=false", path));
        break;
      case Action::shift: {
        const double weeks = value_of(*k, change);
        if (weeks == 0) break;
        const std::string v = fmt::format("{}{}w", weeks > 0 ? "+" : "-", number_text(std::abs(weeks)));
        out.operations.push_back(fmt::format("shift {}={}", path, v));
        out.arguments.push_back("--shift");
        out.arguments.push_back(fmt::format("{}={}", path, v));
        break;
      }
      case Action::boycott: {
        const std::string activity = activity_of(*k, base, change);
        const json groups = resolve(loader::scenario_schema()["definitions"]["event_who"])["properties"]["group"]["enum"];
        if (!change.contains("group") || !change["group"].is_string() ||
            std::find(groups.begin(), groups.end(), change["group"]) == groups.end()) {
          throw Refusal(400, fmt::format("knob 'boycott' needs a \"group\", one of {}", groups.dump()));
        }
        // One event added by its id: the scenario's and the what-if's own events stay.
        const std::string group = change["group"].get<std::string>();
        const std::string set = fmt::format("events.{}_boycotts_{}={{kind: boycott, who: {{group: {}}}, activity: {}}}",
                                            group, activity, group, activity);
        out.operations.push_back(set);
        out.arguments.push_back("--set");
        out.arguments.push_back(set);
        break;
      }
    }
  }
  return out;
}

std::string shell_quote(const std::string& word) {
  const bool safe = !word.empty() && word.find_first_not_of(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=.,/:%") == std::string::npos;
  if (safe) return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace gcmsim::serve
