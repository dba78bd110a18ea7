// `remove: true` on an activity: the item leaves the merged document, and the references to it
// that only order the work (needs, due) go with it.
#include <algorithm>
#include <set>

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
  if (!doc.value.is_object() || !doc.value.contains("activities") || !doc.value["activities"].is_array()) return removed;
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

void check_removals(const Document& base, const Document& overlay, Diagnostics& diagnostics) {
  const json* list = overlay.value.is_object() && overlay.value.contains("activities") ? &overlay.value["activities"] : nullptr;
  if (list == nullptr || !list->is_array()) return;
  std::vector<std::string> ids;
  if (base.value.is_object() && base.value.contains("activities") && base.value["activities"].is_array()) {
    for (const json& a : base.value["activities"]) {
      if (a.is_object() && a.contains("id") && a["id"].is_string()) ids.push_back(a["id"]);
    }
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    if (!marked(item) || !item.contains("id") || !item["id"].is_string()) continue;
    const std::string id = item["id"];
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) continue;
    diagnostics.error(overlay.origins.find(pointer_append(pointer_append("/activities", i), "remove")).key,
                      fmt::format("remove: there is no activity '{}' to remove{}", id, did_you_mean(id, ids)), 6);
  }
}

}  // namespace gcmsim::loader
