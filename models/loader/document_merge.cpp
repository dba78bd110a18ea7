// Merging documents (includes, --override files) and applying --set options.
#include <algorithm>
#include <charconv>
#include <unordered_map>

#include <fmt/core.h>

#include "models/loader/document.hpp"
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

void apply_set(Document& doc, const std::string& option, const SourceFiles& files, int file,
               Diagnostics& diagnostics, const ReadLimits& limits) {
  const Location at{file, 1, 1};
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
  for (; k < path.size(); ++k) {
    const std::string& seg = path[k];
    const std::string walked = pointer.empty() ? "the scenario" : fmt::format("'{}'", shortened(pointer.substr(1)));
    if (node->is_array()) {
      std::optional<std::size_t> index = parse_index(seg);
      if (!index) {
        std::vector<std::string> ids;
        for (std::size_t i = 0; i < node->size(); ++i) {
          const json& item = (*node)[i];
          if (item.is_object() && item.contains("id") && item["id"].is_string()) {
            if (item["id"] == seg) index = i;
            ids.push_back(item["id"]);
          }
        }
        if (!index) return fail(fmt::format("no item with id '{}' in {}{}", shortened(seg), walked, did_you_mean(seg, ids)), eq);
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
  for (; k < path.size(); ++k) {
    if (node->is_null()) *node = json::object();
    pointer = pointer_append(pointer, path[k]);
    node = &(*node)[path[k]];
  }
  *node = std::move(value.value);
  doc.origins.erase_subtree(pointer);
  // The value's own origins are relative to the text after '='; point them all at the value.
  const int key_column = static_cast<int>(eq - path.back().size()) + 1;
  doc.origins.set(pointer, {{file, 1, key_column}, {file, 1, static_cast<int>(eq) + 2}});
}

}  // namespace gcmsim::loader
