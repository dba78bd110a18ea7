// Merging documents (includes, --override files) and applying --set options.
#include <algorithm>
#include <charconv>
#include <unordered_map>
#include <chrono>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "engine/calendar.hpp"

#include <fmt/core.h>

#include "models/loader/document.hpp"
#include "models/loader/schema.hpp"
#include "models/loader/text_checks.hpp"

namespace gcmsim::loader {
namespace {

using nlohmann::json;

std::optional<std::size_t> parse_index(std::string_view s) {
  std::size_t i = 0;
  auto [end, err] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (err != std::errc{} || end != s.data() + s.size()) return std::nullopt;
  return i;
}

json* at_pointer(json& root, const std::string& pointer) {
  json* node = &root;
  for (const std::string& seg : pointer_segments(pointer)) {
    if (node->is_object()) {
      node = &(*node)[seg];
    } else {
      // Pointers here are built by this file from indexes it just walked; never text from a user.
      node = &(*node)[*parse_index(seg)];
    }
  }
  return node;
}

// The key that identifies an item of a list: activities have an `id`, member states an `iso3`.
std::optional<std::string> identity_key(const json& list) {
  for (const char* key : {"id", "iso3"}) {
    if (std::all_of(list.begin(), list.end(), [&](const json& item) {
          return item.is_object() && item.contains(key) && item[key].is_string();
        })) {
      return key;
    }
  }
  return std::nullopt;
}

void replace(Document& base, const std::string& base_pointer, const Document& overlay,
             const std::string& overlay_pointer, const json& value) {
  *at_pointer(base.value, base_pointer) = value;
  base.origins.erase_subtree(base_pointer);
  base.origins.copy_subtree(overlay.origins, overlay_pointer, base_pointer);
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    out.emplace_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

using std::chrono::sys_days;

std::optional<std::chrono::year_month_day> date_of(const json& value) {
  if (!value.is_string()) return std::nullopt;
  try {
    return parse_iso_date(value.get<std::string>());
  } catch (const std::invalid_argument&) {
    return std::nullopt;
  }
}

// Working days as the scenario counts them: weekends and its listed holidays are not.
Calendar document_calendar(const json& root) {
  Calendar calendar(std::chrono::year{2000} / 1 / 1);
  const json* holidays = root.contains("calendar") && root["calendar"].is_object() && root["calendar"].contains("holidays")
                             ? &root["calendar"]["holidays"]
                             : nullptr;
  if (holidays != nullptr && holidays->is_array()) {
    for (const json& h : *holidays) {
      if (const auto d = date_of(h)) calendar.add_holiday(*d);
    }
  }
  return calendar;
}

// A meeting on listed dates whose start was set: its dates keep their pattern of working days from
// the new start (20, 22 and 23 February moved to 5 March: 5, 7 and 8 March).
void move_dates(Document& doc, const std::string& parent, const std::string& option, const Location& at,
                Diagnostics& diagnostics) {
  json& activity = *at_pointer(doc.value, parent);
  json& dates = activity["dates"];
  const auto to = date_of(activity["start"]);
  if (!dates.is_array() || dates.empty() || !to) return;
  const Calendar calendar = document_calendar(doc.value);
  if (!calendar.is_working_day(*to)) {
    diagnostics.error(at, fmt::format("--set '{}': {} is not a working day; the meeting's dates could not move",
                                      option, iso_date(*to)));
    return;
  }
  const auto first = date_of(dates.front());
  if (!first) return;
  json moved = json::array();
  for (const json& d : dates) {
    const auto day = date_of(d);
    if (!day) return;  // the builder reports it
    moved.push_back(iso_date(calendar.add_working_days(*to, calendar.working_days_between(*first, *day))));
  }
  dates = std::move(moved);
  if (activity.contains("end")) activity["end"] = dates.back();
  for (const char* key : {"dates", "end"}) {
    doc.origins.erase_subtree(pointer_append(parent, key));
    doc.origins.set(pointer_append(parent, key), doc.origins.find(pointer_append(parent, "start")));
  }
}

// `--set activities.X.start=D` alone moves the activity and keeps its length: `end` follows to the
// same number of working days after the new start (what a planner means by "move ts3"; otherwise
// the activity would end before it starts). An end set explicitly afterwards still wins.
void keep_length(Document& doc, const std::string& start_pointer, const json& old_start, const std::string& option,
                 const Location& at, Diagnostics& diagnostics) {
  const std::string parent = start_pointer.substr(0, start_pointer.rfind('/'));
  json& activity = *at_pointer(doc.value, parent);
  if (activity.is_object() && activity.contains("dates")) return move_dates(doc, parent, option, at, diagnostics);
  if (!activity.is_object() || !activity.contains("end")) return;
  const auto from = date_of(old_start);
  const auto to = date_of(activity["start"]);
  const auto end = date_of(activity["end"]);
  if (!from || !to || !end || *end < *from) return;
  const Calendar calendar = document_calendar(doc.value);
  const int length = calendar.working_days_between(*from, *end);
  const std::chrono::year_month_day moved = calendar.add_working_days(*to, length);
  if (!calendar.is_working_day(*to)) {
    diagnostics.error(at, fmt::format("--set '{}': {} is not a working day; the activity could not keep its length",
                                      option, iso_date(*to)));
    return;
  }
  activity["end"] = iso_date(moved);
  doc.origins.erase_subtree(pointer_append(parent, "end"));
  doc.origins.set(pointer_append(parent, "end"), doc.origins.find(start_pointer));
}

}  // namespace

void merge_document(Document& base, const std::string& base_pointer, const Document& overlay,
                    const std::string& overlay_pointer) {
  json& target = *at_pointer(base.value, base_pointer);
  const json& source = overlay.value.at(json::json_pointer(overlay_pointer));
  if (target.is_object() && source.is_object()) {
    for (const auto& [key, value] : source.items()) {
      const std::string b = pointer_append(base_pointer, key);
      const std::string o = pointer_append(overlay_pointer, key);
      if (target.contains(key)) {
        merge_document(base, b, overlay, o);
      } else {
        replace(base, b, overlay, o, value);
      }
    }
    return;
  }
  const auto key = target.is_array() && source.is_array() ? identity_key(target) : std::nullopt;
  if (key && !target.empty() && identity_key(source) == key) {
    // Items by identity, built once: a linear search per item would make merging two long lists
    // quadratic.
    std::unordered_map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < target.size(); ++i) position.emplace(target[i][*key].get<std::string>(), i);
    for (std::size_t j = 0; j < source.size(); ++j) {
      const std::string& id = source[j][*key].get_ref<const std::string&>();
      const std::string o = pointer_append(overlay_pointer, j);
      if (auto match = position.find(id); match != position.end()) {
        merge_document(base, pointer_append(base_pointer, match->second), overlay, o);
      } else {
        json& list = *at_pointer(base.value, base_pointer);
        list.push_back(nullptr);
        position.emplace(id, list.size() - 1);
        replace(base, pointer_append(base_pointer, list.size() - 1), overlay, o, source[j]);
      }
    }
    return;
  }
  replace(base, base_pointer, overlay, overlay_pointer, source);
}

namespace {

// Every node `path` reaches, with its JSON pointer; at a list, a step that is neither an index nor
// an item's id/iso3 reaches into every item (contributions.usd: each contribution's amount).
void reach(json& node, const std::vector<std::string>& path, std::size_t k, std::vector<json*>& found,
           const std::string& pointer, std::vector<std::string>& pointers) {
  if (k == path.size()) {
    found.push_back(&node);
    pointers.push_back(pointer);
    return;
  }
  const std::string& seg = path[k];
  if (node.is_object()) {
    if (node.contains(seg)) reach(node[seg], path, k + 1, found, pointer_append(pointer, seg), pointers);
    return;
  }
  if (!node.is_array()) return;
  if (const auto index = parse_index(seg)) {
    if (*index < node.size()) reach(node[*index], path, k + 1, found, pointer_append(pointer, *index), pointers);
    return;
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    json& item = node[i];
    for (const char* key : {"id", "iso3"}) {
      if (item.is_object() && item.contains(key) && item[key] == seg) {
        reach(item, path, k + 1, found, pointer_append(pointer, i), pointers);
        return;
      }
    }
  }
  for (std::size_t i = 0; i < node.size(); ++i) reach(node[i], path, k, found, pointer_append(pointer, i), pointers);
}

void reach(json& node, const std::vector<std::string>& path, std::vector<json*>& found) {
  std::vector<std::string> pointers;
  reach(node, path, 0, found, "", pointers);
}

// Whether the schema has a list at the first n steps of a --set path (a list's item by id or
// index is its `items`): a missing `events` is then created as a list, not a mapping.
bool schema_list_at(const std::vector<std::string>& path, std::size_t n) {
  const json& schema = scenario_schema();
  const auto resolve = [&](const json* node) {
    while (node->is_object() && node->contains("$ref") && (*node)["$ref"].is_string()) {
      node = &schema.at(json::json_pointer((*node)["$ref"].get<std::string>().substr(1)));
    }
    return node;
  };
  const json* node = resolve(&schema);
  for (std::size_t i = 0; i < n; ++i) {
    if (node->contains("properties") && (*node)["properties"].contains(path[i])) {
      node = resolve(&(*node)["properties"][path[i]]);
    } else if (node->contains("items") && (*node)["items"].is_object()) {
      node = resolve(&(*node)["items"]);
    } else {
      return false;
    }
  }
  return node->value("type", "") == "array";
}

// "+8w", "-3d", "+10d": a signed count of days or weeks.
std::optional<int> parse_shift(const std::string& text) {
  if (text.size() < 3 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const char unit = text.back();
  if (unit != 'd' && unit != 'w') return std::nullopt;
  const auto n = parse_index(std::string_view(text).substr(1, text.size() - 2));
  if (!n || *n > 3660) return std::nullopt;
  const int days = static_cast<int>(*n) * (unit == 'w' ? 7 : 1);
  return text[0] == '-' ? -days : days;
}

// `shift activities.ts3=+8w` (from --shift): moves the activity's start by calendar days and its
// end so that it keeps its length in working days (weekends and the scenario's holidays skipped); a
// new start on a day off is an error.
void apply_shift(Document& doc, const std::string& option, const std::string& body, const Location& at,
                 Diagnostics& diagnostics) {
  const std::size_t eq = body.find('=');
  const auto days = eq == std::string::npos ? std::nullopt : parse_shift(body.substr(eq + 1));
  if (!days) {
    diagnostics.error(at, fmt::format("--shift '{}': expected path=+Nw or path=-Nd (a signed number of weeks or days), "
                                      "e.g. --shift activities.ts3=+8w", body),
                      static_cast<int>(option.size()));
    return;
  }
  std::vector<json*> found;
  std::vector<std::string> pointers;
  reach(doc.value, split(std::string_view(body).substr(0, eq), '.'), 0, found, "", pointers);
  const Calendar calendar = document_calendar(doc.value);
  int moved = 0;
  // The dates a shift moved are located at the option, so a warning about where they now fall (a
  // closure) points at the --shift that put them there.
  const auto moved_here = [&](const std::string& pointer, const char* key) {
    const std::string p = pointer_append(pointer, key);
    doc.origins.erase_subtree(p);
    doc.origins.set(p, {at, at});
  };
  for (std::size_t n = 0; n < found.size(); ++n) {
    json* node = found[n];
    if (!node->is_object()) continue;
    const auto start = node->contains("start") ? date_of((*node)["start"]) : std::nullopt;
    const auto end = node->contains("end") ? date_of((*node)["end"]) : std::nullopt;
    const auto shifted = [&](std::chrono::year_month_day d) {
      return std::chrono::year_month_day{sys_days{d} + std::chrono::days{*days}};
    };
    if (node->contains("dates") && (*node)["dates"].is_array() && !(*node)["dates"].empty()) {
      // Listed sitting days move together by the same number of calendar days; each must stay a
      // working day (a shift by whole weeks keeps them on their weekdays).
      ++moved;
      json dates = json::array();
      for (const json& d : (*node)["dates"]) {
        const auto day = date_of(d);
        if (!day) return;  // the builder reports it
        dates.push_back(iso_date(shifted(*day)));
        if (!calendar.is_working_day(shifted(*day))) {
          diagnostics.error(at, fmt::format("--shift '{}': the sitting day {} would move to {}, not a working day",
                                            body, iso_date(*day), iso_date(shifted(*day))),
                            static_cast<int>(option.size()));
          return;
        }
      }
      (*node)["dates"] = std::move(dates);
      if (start) (*node)["start"] = iso_date(shifted(*start));
      if (end) (*node)["end"] = iso_date(shifted(*end));
      for (const char* key : {"dates", "start", "end"}) {
        if (node->contains(key)) moved_here(pointers[n], key);
      }
      continue;
    }
    if (!start && !end) continue;
    ++moved;
    if (!start) {
      (*node)["end"] = iso_date(shifted(*end));
      moved_here(pointers[n], "end");
      continue;
    }
    const auto new_start = shifted(*start);
    if (end && !calendar.is_working_day(new_start)) {
      // Refused whole: a moved start with an unmoved end would only add an error of its own.
      diagnostics.error(at, fmt::format("--shift '{}': the new start {} is not a working day; the activity could not "
                                        "keep its length", body, iso_date(new_start)),
                        static_cast<int>(option.size()));
      continue;
    }
    (*node)["start"] = iso_date(new_start);
    moved_here(pointers[n], "start");
    if (!end) continue;
    (*node)["end"] = iso_date(calendar.add_working_days(new_start, calendar.working_days_between(*start, *end)));
    moved_here(pointers[n], "end");
  }
  if (moved == 0) {
    diagnostics.error(at, fmt::format("--shift '{}': '{}' names nothing with a start or end date", body, body.substr(0, eq)),
                      static_cast<int>(option.size()));
  }
}

// `scale policies.trust_fund.contributions.usd=2` (from --scale): multiplies every number reached.
void apply_scale(Document& doc, const std::string& option, const std::string& body, const Location& at,
                 Diagnostics& diagnostics) {
  const std::size_t eq = body.find('=');
  double factor = -1.0;
  if (eq != std::string::npos) {
    const std::string text = body.substr(eq + 1);
    auto [end, err] = std::from_chars(text.data(), text.data() + text.size(), factor);
    if (err != std::errc{} || end != text.data() + text.size()) factor = -1.0;
  }
  if (!(factor >= 0.0) || !std::isfinite(factor)) {
    diagnostics.error(at, fmt::format("--scale '{}': expected path=factor with a factor >= 0, e.g. "
                                      "--scale policies.trust_fund.contributions.usd=0.5", body),
                      static_cast<int>(option.size()));
    return;
  }
  std::vector<json*> found;
  reach(doc.value, split(std::string_view(body).substr(0, eq), '.'), found);
  int scaled = 0;
  for (json* node : found) {
    if (node->is_number()) {
      *node = node->get<double>() * factor;
      ++scaled;
    }
  }
  if (scaled == 0) {
    diagnostics.error(at, fmt::format("--scale '{}': '{}' names no number", body, body.substr(0, eq)),
                      static_cast<int>(option.size()));
  }
}

}  // namespace

void apply_set(Document& doc, const std::string& option, const SourceFiles& files, int file,
               Diagnostics& diagnostics, const ReadLimits& limits) {
  const Location at{file, 1, 1};
  if (option.rfind("shift ", 0) == 0) return apply_shift(doc, option, option.substr(6), at, diagnostics);
  if (option.rfind("scale ", 0) == 0) return apply_scale(doc, option, option.substr(6), at, diagnostics);
  const auto fail = [&](std::string message, std::size_t width) {
    diagnostics.error(at, fmt::format("--set '{}': {}", shortened(option), message), static_cast<int>(width));
  };
  if (auto bad = first_invalid_utf8(option)) {
    diagnostics.error({file, 1, static_cast<int>(*bad) + 1}, "--set: the option is not valid UTF-8 text");
    return;
  }
  const std::size_t eq = option.find('=');
  if (eq == std::string::npos || eq == 0) return fail("expected path.to.key=value", option.size());
  const std::vector<std::string> path = split(std::string_view(option).substr(0, eq), '.');
  // Every step is checked before anything changes, so a refused option leaves no trace.
  if (std::any_of(path.begin(), path.end(), [](const std::string& seg) { return seg.empty(); })) {
    return fail("empty step in the path", eq);
  }
  if (path.size() > static_cast<std::size_t>(limits.max_depth)) {
    return fail(fmt::format("the path has {} steps; a scenario nests at most {} levels", path.size(), limits.max_depth), eq);
  }
  if (path.front() == "include") {
    return fail("includes are read before --set options apply; name the file in the scenario's include list", eq);
  }

  // Walk what exists without changing it; the steps past the last existing node are created after.
  std::string pointer;
  json* node = &doc.value;
  std::size_t k = 0;
  std::optional<std::string> append_id;  // the id of an item the option adds to a list
  for (; k < path.size(); ++k) {
    const std::string& seg = path[k];
    const std::string walked = pointer.empty() ? "the scenario" : fmt::format("'{}'", shortened(pointer.substr(1)));
    if (node->is_array()) {
      std::optional<std::size_t> index = parse_index(seg);
      if (!index) {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < node->size(); ++i) {
          const json& item = (*node)[i];
          // Activities and venues by id, member states by ISO3 code, as --override merges them.
          for (const char* key : {"id", "iso3"}) {
            if (item.is_object() && item.contains(key) && item[key].is_string()) {
              if (item[key] == seg) index = i;
              ids.push_back(item[key]);
            }
          }
        }
        if (!index) {
          // `events.NEW_ID={...}`: the last step names an id the list does not hold, so the option
          // adds one item with that id (the others stay); deeper paths must name an existing item.
          const bool by_id = std::all_of(node->begin(), node->end(), [](const json& item) {
            return item.is_object() && item.contains("id") && item["id"].is_string();
          });
          if (k + 1 == path.size() && by_id) {
            append_id = seg;
            break;
          }
          return fail(fmt::format("no item with id '{}' in {}{}", shortened(seg), walked, did_you_mean(seg, ids)), eq);
        }
      }
      if (*index >= node->size()) {
        return fail(fmt::format("{} has {} items; index {} is out of range", walked, node->size(), *index), eq);
      }
      pointer = pointer_append(pointer, *index);
      node = &(*node)[*index];
    } else if (node->is_object() && node->contains(seg)) {
      pointer = pointer_append(pointer, seg);
      node = &(*node)[seg];
    } else if (node->is_object() || node->is_null()) {
      break;  // the rest of the path is new
    } else {
      return fail(fmt::format("{} is a value, not a mapping or list", walked), eq);
    }
  }
  Diagnostics value_errors;
  const std::string value_text = option.substr(eq + 1);
  Document value = parse_yaml(files, file, value_text, value_errors, limits);
  if (!value_errors.empty()) {
    diagnostics.error({file, 1, static_cast<int>(eq) + 2},
                      fmt::format("--set '{}': the value is not valid YAML", shortened(option)));
    return;
  }
  // Keys the option creates are located at their step in the option's text, so a misspelled one
  // ("activites") is reported against the option, not the scenario.
  std::size_t column = 1;
  for (std::size_t j = 0; j < k; ++j) column += path[j].size() + 1;
  // `events.NEW_ID={...}` on a scenario with no events: the list is created with that one item.
  const bool creates_list = !append_id && node->is_object() && k + 2 == path.size() && !parse_index(path[k + 1]) &&
                            schema_list_at(path, k + 1);
  if (append_id || creates_list) {
    // Checked before anything changes: a refused option leaves no trace.
    const std::string& id = creates_list ? path[k + 1] : *append_id;
    json& item = value.value;
    if (!item.is_object()) {
      return fail(fmt::format("'{}' is not an item of {}; to add one, give a mapping ({{kind: ..., ...}})",
                              shortened(id), shortened(creates_list ? path[k] : pointer.substr(1))), option.size());
    }
    if (item.contains("id") && item["id"] != id) {
      return fail(fmt::format("the item's id differs from the path's '{}'", shortened(id)), option.size());
    }
  }
  if (creates_list) {
    pointer = pointer_append(pointer, path[k]);
    (*node)[path[k]] = json::array();
    node = &(*node)[path[k]];
    const Location key_at{file, 1, static_cast<int>(column)};
    doc.origins.set(pointer, {key_at, key_at});
    column += path[k].size() + 1;
    append_id = path[++k];
  }
  if (append_id) {
    json& item = value.value;
    item["id"] = *append_id;
    node->push_back(std::move(item));
    pointer = pointer_append(pointer, node->size() - 1);
    doc.origins.set(pointer, {{file, 1, static_cast<int>(column)}, {file, 1, static_cast<int>(eq) + 2}});
    doc.origins.set(pointer_append(pointer, "id"), {{file, 1, static_cast<int>(column)}, {file, 1, static_cast<int>(column)}});
    return;
  }
  for (; k < path.size(); ++k) {
    if (node->is_null()) *node = json::object();
    pointer = pointer_append(pointer, path[k]);
    node = &(*node)[path[k]];
    const Location key_at{file, 1, static_cast<int>(column)};
    doc.origins.set(pointer, {key_at, key_at});
    column += path[k].size() + 1;
  }
  const json before = *node;
  *node = std::move(value.value);
  doc.origins.erase_subtree(pointer);
  if (path.back() == "start" && path.size() >= 2) keep_length(doc, pointer, before, option, at, diagnostics);
  // The value's own origins are relative to the text after '='; point them all at the value.
  const int key_column = static_cast<int>(eq - path.back().size()) + 1;
  doc.origins.set(pointer, {{file, 1, key_column}, {file, 1, static_cast<int>(eq) + 2}});
}

}  // namespace gcmsim::loader
