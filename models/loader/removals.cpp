// `remove: true` on an activity or an event: the item leaves the merged document, and for an
// activity the references to it that only order the work (needs, due) go with it.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <fmt/core.h>

#include "models/loader/document.hpp"

namespace gcmsim::loader {
namespace {

using nlohmann::json;

bool marked(const json& item) {
  return item.is_object() && item.contains("remove") && item["remove"].is_boolean() && item["remove"].get<bool>();
}

// Keeps the items of the list at `pointer` for which keep(item) holds, renumbering their origins.
template <class Keep>
void filter_list(Document& doc, const std::string& pointer, Keep&& keep) {
  json& list = doc.value.at(json::json_pointer(pointer));
  Origins before;
  before.copy_subtree(doc.origins, pointer, pointer);
  const NodeOrigin list_origin = doc.origins.find(pointer);
  json kept = json::array();
  std::vector<std::size_t> from;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (keep(list[i])) {
      kept.push_back(list[i]);
      from.push_back(i);
    }
  }
  if (from.size() == list.size()) return;
  list = std::move(kept);
  doc.origins.erase_subtree(pointer);
  doc.origins.set(pointer, list_origin);
  for (std::size_t n = 0; n < from.size(); ++n) {
    doc.origins.copy_subtree(before, pointer_append(pointer, from[n]), pointer_append(pointer, n));
  }
}

}  // namespace

std::vector<std::string> apply_removals(Document& doc) {
  std::vector<std::string> removed;
  if (!doc.value.is_object()) return removed;
  // A removed event goes alone: nothing refers to an event.
  if (doc.value.contains("events") && doc.value["events"].is_array()) {
    filter_list(doc, "/events", [](const json& item) { return !marked(item); });
  }
  if (!doc.value.contains("activities") || !doc.value["activities"].is_array()) return removed;
  for (const json& item : doc.value["activities"]) {
    if (marked(item) && item.contains("id") && item["id"].is_string()) removed.push_back(item["id"]);
  }
  if (removed.empty()) return removed;
  filter_list(doc, "/activities", [](const json& item) { return !marked(item); });
  const std::set<std::string> gone(removed.begin(), removed.end());
  json& activities = doc.value["activities"];
  for (std::size_t i = 0; i < activities.size(); ++i) {
    json& a = activities[i];
    if (!a.is_object()) continue;
    const std::string p = pointer_append("/activities", i);
    if (a.contains("needs") && a["needs"].is_array()) {
      filter_list(doc, pointer_append(p, "needs"),
                  [&](const json& need) { return !need.is_string() || !gone.contains(need.get<std::string>()); });
    }
    if (a.contains("due") && a["due"].is_object() && a["due"].contains("before") && a["due"]["before"].is_string() &&
        gone.contains(a["due"]["before"].get<std::string>())) {
      a.erase("due");
      doc.origins.erase_subtree(pointer_append(p, "due"));
    }
  }
  return removed;
}

namespace {

std::vector<std::string> ids_of(const json& doc, const char* list) {
  std::vector<std::string> ids;
  if (!doc.is_object() || !doc.contains(list) || !doc[list].is_array()) return ids;
  for (const json& item : doc[list]) {
    if (item.is_object() && item.contains("id") && item["id"].is_string()) ids.push_back(item["id"]);
  }
  return ids;
}

}  // namespace

void check_removals(const Document& base, const Document& overlay, Diagnostics& diagnostics) {
  for (const auto& [list_key, singular] : {std::pair{"activities", "activity"}, std::pair{"events", "event"}}) {
    const json* list = overlay.value.is_object() && overlay.value.contains(list_key) ? &overlay.value[list_key] : nullptr;
    if (list == nullptr || !list->is_array()) continue;
    const std::vector<std::string> ids = ids_of(base.value, list_key);
    // An id given twice in one override would merge into one item without a word: the second is
    // an error, located at its id.
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
      const json& item = (*list)[i];
      if (!item.is_object() || !item.contains("id") || !item["id"].is_string()) continue;
      const std::string id = item["id"];
      const std::string p = pointer_append(pointer_append(std::string("/") + list_key, i), "id");
      if (const auto [first, added] = seen.emplace(id, i); !added) {
        diagnostics.error(overlay.origins.find(p).value,
                          fmt::format("duplicate {} id '{}' in this override; it was first given at line {}", singular, id,
                                      overlay.origins.find(pointer_append(pointer_append(std::string("/") + list_key,
                                                                                         first->second), "id")).value.line),
                          static_cast<int>(id.size()));
        continue;
      }
      if (!marked(item) || std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
      diagnostics.error(overlay.origins.find(pointer_append(pointer_append(std::string("/") + list_key, i), "remove")).key,
                        fmt::format("remove: there is no {} '{}' to remove{}", singular, id, did_you_mean(id, ids)), 6);
    }
  }
}

}  // namespace gcmsim::loader
