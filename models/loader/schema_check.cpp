// valijson reports a violation as a context path and a sentence; this file turns each into a message
// that names the node, what was found and what was expected, using the schema itself to say what
// was expected (the allowed keys, the enum's values, the type, the description of a pattern).
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "models/loader/schema.hpp"
#include "models/loader/text_checks.hpp"

namespace gcmsim::loader {
namespace {

using nlohmann::json;

// Each schema is parsed once per process (schemas live as long as the process: they are statics);
// the mutex makes the first use from several threads safe.
const valijson::Schema& compiled_schema(const json& root) {
  static std::mutex mutex;
  static std::map<const json*, std::unique_ptr<valijson::Schema>> compiled;
  const std::lock_guard lock(mutex);
  std::unique_ptr<valijson::Schema>& schema = compiled[&root];
  if (!schema) {
    schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(root);
    parser.populateSchema(adapter, *schema);
  }
  return *schema;
}

// valijson's context ["<root>", "[activities]", "[3]", "[venue]"] as a JSON pointer.
std::string context_pointer(const std::vector<std::string>& context, const json& doc) {
  std::string pointer;
  const json* node = &doc;
  for (const std::string& part : context) {
    if (part.size() < 2 || part.front() != '[' || part.back() != ']') continue;
    const std::string seg = part.substr(1, part.size() - 2);
    pointer = pointer_append(pointer, std::string_view(seg));
    if (node != nullptr && node->is_object() && node->contains(seg)) {
      node = &(*node)[seg];
    } else if (node != nullptr && node->is_array()) {
      std::size_t i = 0;
      const auto [end, err] = std::from_chars(seg.data(), seg.data() + seg.size(), i);
      node = err == std::errc{} && end == seg.data() + seg.size() && i < node->size() ? &(*node)[i] : nullptr;
    } else {
      node = nullptr;
    }
  }
  return pointer;
}

const json& resolve(const json& root, const json& schema_node) {
  const json* node = &schema_node;
  for (int hops = 0; hops < 16 && node->contains("$ref"); ++hops) {
    const std::string ref = (*node)["$ref"];
    node = &root.at(json::json_pointer(ref.substr(1)));
  }
  return *node;
}

// The schema node one step below `node` (a property, a list's item, an additional property), or
// null when the schema says nothing there.
const json* schema_step(const json& root, const json* node, const std::string& seg) {
  if (node == nullptr) return nullptr;
  if (node->contains("properties") && (*node)["properties"].contains(seg)) return &resolve(root, (*node)["properties"][seg]);
  if (node->contains("items") && (*node)["items"].is_object()) return &resolve(root, (*node)["items"]);
  if (node->contains("additionalProperties") && (*node)["additionalProperties"].is_object()) {
    return &resolve(root, (*node)["additionalProperties"]);
  }
  return nullptr;
}

// The schema node that describes the document node at `pointer`, if one can be followed there.
const json* schema_for(const json& root, const std::string& pointer) {
  const json* node = &resolve(root, root);
  for (const std::string& seg : pointer_segments(pointer)) node = schema_step(root, node, seg);
  return node;
}

std::string type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::object: return "a mapping";
    case json::value_t::array: return "a list";
    case json::value_t::string: return fmt::format("the text '{}'", shortened(v.get<std::string>()));
    case json::value_t::boolean: return fmt::format("the boolean {}", v.dump());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return fmt::format("the integer {}", v.dump());
    case json::value_t::number_float: return fmt::format("the number {}", v.dump());
    case json::value_t::null: return "nothing (null)";
    default: return "a value";
  }
}

std::string one_type(const std::string& t) {
  if (t == "object") return "a mapping";
  if (t == "array") return "a list";
  if (t == "integer") return "an integer";
  if (t == "number") return "a number";
  if (t == "boolean") return "true or false";
  return fmt::format("a {}", t);
}

// A schema's "type" is one name or a list of them (a sweep's levels: number, string or boolean).
std::string expected_type(const json& schema) {
  const auto type = schema.find("type");
  if (type == schema.end()) return "another type";
  if (type->is_string()) return one_type(type->get<std::string>());
  std::vector<std::string> names;
  if (type->is_array()) {
    for (const json& t : *type) {
      if (t.is_string()) names.push_back(one_type(t.get<std::string>()));
    }
  }
  if (names.empty()) return "another type";
  std::string out = names.front();
  for (std::size_t i = 1; i < names.size(); ++i) out += (i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

std::string join_quoted(const json& values) {
  std::string out;
  for (const json& v : values) {
    if (!out.empty()) out += ", ";
    out += v.is_string() ? fmt::format("'{}'", v.get<std::string>()) : v.dump();
  }
  return out;
}

// Where a node's name is shown in a message: "activity 'ts1'" reads better than "/activities/3".
std::string describe(const json& root, const std::string& pointer, const json& doc) {
  const auto segs = pointer_segments(pointer);
  if (segs.empty()) return &root == &scenario_schema() ? "the scenario" : root.value("title", std::string("the document"));
  // Find the nearest enclosing list item with an id or iso3 to name it by.
  json::json_pointer p;
  std::string named;
  bool named_is_last = false;
  for (std::size_t k = 0; k < segs.size(); ++k) {
    p /= segs[k];
    const json* node = doc.contains(p) ? &doc.at(p) : nullptr;
    if (node != nullptr && node->is_object() && k > 0) {
      const std::string& list = segs[k - 1];
      std::string singular = !list.empty() && list.back() == 's' ? list.substr(0, list.size() - 1) : list;
      if (list == "activities") singular = "activity";
      if (node->contains("id") && (*node)["id"].is_string()) {
        named = fmt::format("{} '{}'", singular, (*node)["id"].get<std::string>());
        named_is_last = k + 1 == segs.size();
      } else if (node->contains("iso3") && (*node)["iso3"].is_string()) {
        named = fmt::format("{} '{}'", singular, (*node)["iso3"].get<std::string>());
        named_is_last = k + 1 == segs.size();
      }
    }
  }
  const std::string path = pointer.substr(1);
  std::string dotted = path;
  std::replace(dotted.begin(), dotted.end(), '/', '.');
  if (named.empty()) return fmt::format("'{}'", dotted);
  return named_is_last ? named : fmt::format("'{}' in {}", segs.back(), named);
}

bool is_summary_error(const std::string& d) {
  static const char* prefixes[] = {"Failed to validate item #", "Failed to validate against schema associated",
                                   "Failed to validate against child schema", "Failed to validate against additional",
                                   "Failed to validate against any schemas allowed"};
  return std::any_of(std::begin(prefixes), std::end(prefixes),
                     [&](const char* p) { return d.rfind(p, 0) == 0; });
}

// valijson reads every integer as int64: an unsigned one above INT64_MAX (a seed may be one) wraps
// negative there and seems to break any minimum. Its range is decided here, exactly: every minimum
// in the schema is below it, and only an unsigned maximum can be at or above it.
bool wrapped_but_in_range(const json* value, const json* schema) {
  if (value == nullptr || schema == nullptr || !value->is_number_unsigned()) return false;
  const auto v = value->get<std::uint64_t>();
  if (v <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
  if (!schema->contains("maximum")) return true;
  const json& max = (*schema)["maximum"];
  return max.is_number_unsigned() && v <= max.get<std::uint64_t>();
}

// Reports one violation; returns whether it refused a single value (as opposed to a key, a
// missing key or a whole mapping or list).
bool report(const json& root, const Document& doc, const valijson::ValidationResults::Error& e, Diagnostics& diagnostics) {
  const std::string pointer = context_pointer(e.context, doc.value);
  const json* value = doc.value.contains(json::json_pointer(pointer)) ? &doc.value.at(json::json_pointer(pointer)) : nullptr;
  const json* schema = schema_for(root, pointer);
  const NodeOrigin origin = doc.origins.find(pointer);
  const std::string& d = e.description;
  const std::string where = describe(root, pointer, doc.value);

  static const std::string unknown_prefix = "Object contains a property that could not be validated";
  if (d.rfind(unknown_prefix, 0) == 0) {
    const std::size_t q = d.rfind(": '");
    const std::string key = q == std::string::npos ? "?" : d.substr(q + 3, d.size() - q - 5);
    std::vector<std::string> allowed;
    if (schema != nullptr && schema->contains("properties")) {
      for (const auto& [k, v] : (*schema)["properties"].items()) allowed.push_back(k);
    }
    const NodeOrigin key_origin = doc.origins.find(pointer_append(pointer, std::string_view(key)));
    std::string expected = allowed.empty() ? "" : fmt::format(" (expected one of: {})", fmt::join(allowed, ", "));
    const std::string hint = did_you_mean(key, allowed);
    diagnostics.error(key_origin.key.file >= 0 ? key_origin.key : key_origin.value,
                      fmt::format("unknown key '{}' in {}{}", key, where, hint.empty() ? expected : hint),
                      static_cast<int>(key.size()));
    return false;
  }
  const Location at = origin.value;
  if (d.rfind("Missing required property '", 0) == 0) {
    const std::string key = d.substr(27, d.size() - 29);
    diagnostics.error(origin.key.file >= 0 ? origin.key : at, fmt::format("{} is missing the required key '{}'", where, key));
    return false;
  }
  const std::string found = value != nullptr ? type_name(*value) : "nothing";
  const int width = value != nullptr && value->is_primitive() ? static_cast<int>(value->dump().size()) - (value->is_string() ? 2 : 0) : 1;
  if (d == "Failed to match against any enum values." && schema != nullptr && schema->contains("enum")) {
    // An enum may mix words and booleans (outputs.positions: true, false, rounds, daily): the
    // did-you-mean is among its words.
    std::vector<std::string> words;
    for (const json& option : (*schema)["enum"]) {
      if (option.is_string()) words.push_back(option.get<std::string>());
    }
    const std::string hint = value != nullptr && value->is_string() ? did_you_mean(value->get<std::string>(), words) : "";
    diagnostics.error(at, fmt::format("{}: found {}, expected one of {}{}", where, found, join_quoted((*schema)["enum"]), hint), width);
  } else if (d == "Value type not permitted by 'type' constraint." && schema != nullptr) {
    diagnostics.error(at, fmt::format("{}: found {}, expected {}", where, found, expected_type(*schema)), width);
  } else if (d.rfind("Failed to match regex", 0) == 0 && schema != nullptr) {
    const std::string expected = schema->contains("description") ? (*schema)["description"].get<std::string>()
                                                                  : fmt::format("text matching {}", (*schema)["pattern"].get<std::string>());
    diagnostics.error(at, fmt::format("{}: found {}, expected {}", where, found, expected), width);
  } else if (d.rfind("Expected number", 0) == 0 && wrapped_but_in_range(value, schema)) {
    return false;
  } else if (d.rfind("Expected number", 0) == 0 && schema != nullptr) {
    std::string expected;
    if (schema->contains("minimum")) expected += fmt::format("at least {}", (*schema)["minimum"].dump());
    if (schema->contains("exclusiveMinimum")) expected += fmt::format("more than {}", (*schema)["exclusiveMinimum"].dump());
    if (schema->contains("maximum")) expected += fmt::format("{}at most {}", expected.empty() ? "" : " and ", (*schema)["maximum"].dump());
    diagnostics.error(at, fmt::format("{}: found {}, expected a number {}", where, found, expected), width);
  } else if (d.rfind("Failed to match expected value set by 'const'", 0) == 0 && schema != nullptr) {
    diagnostics.error(at, fmt::format("{}: found {}, expected {}", where, found, (*schema)["const"].dump()), width);
  } else {
    diagnostics.error(at, fmt::format("{}: found {}; {}", where, found, d), width);
  }
  return value != nullptr && value->is_primitive();
}

// A name (a key, an id, a code) longer than this is not a name; texts without a schema maxLength
// may be longer, but a pattern is never run on more than kMaxPatterned bytes.
constexpr std::size_t kMaxKey = 256;
constexpr std::size_t kMaxPatterned = 256;
constexpr std::size_t kMaxText = 64 * 1024;

// `schema` describes `node` (null where the schema says nothing); it is carried down the walk, so
// that each node costs one step of the schema, not a walk from its root.
void check_node_limits(const Document& doc, const json& node, const std::string& pointer, const json* schema,
                       bool& ok, Diagnostics& diagnostics) {
  // Limits are the scenario schema's: only scenario documents are this large.
  const json& root = scenario_schema();
  const auto limit = [&](const char* key, std::size_t fallback) {
    return schema != nullptr && schema->contains(key) ? (*schema)[key].get<std::size_t>() : fallback;
  };
  if (node.is_string()) {
    const bool patterned = schema != nullptr && schema->contains("pattern");
    const std::size_t max = limit("maxLength", patterned ? kMaxPatterned : kMaxText);
    if (node.get_ref<const std::string&>().size() > max) {
      diagnostics.error(doc.origins.find(pointer).value, fmt::format("{}: found a text of {} bytes, expected at most {}",
                                                  describe(root, pointer, doc.value), node.get_ref<const std::string&>().size(), max));
      ok = false;
    }
  } else if (node.is_array()) {
    const std::size_t max = limit("maxItems", SIZE_MAX);
    if (node.size() > max) {
      diagnostics.error(doc.origins.find(pointer).value, fmt::format("{}: found a list of {} items, expected at most {}",
                                                  describe(root, pointer, doc.value), node.size(), max));
      ok = false;
      return;  // its items would each repeat the point
    }
    for (std::size_t i = 0; i < node.size(); ++i) {
      check_node_limits(doc, node[i], pointer_append(pointer, i), schema_step(root, schema, std::to_string(i)), ok,
                        diagnostics);
    }
  } else if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      const std::string child = pointer_append(pointer, std::string_view(key));
      if (key.size() > kMaxKey) {
        diagnostics.error(doc.origins.find(child).key, fmt::format("a key of {} bytes ('{}'); a key is a name of at most {} bytes",
                                                                   key.size(), printable(shortened(key)), kMaxKey));
        ok = false;
        continue;
      }
      check_node_limits(doc, value, child, schema_step(root, schema, key), ok, diagnostics);
    }
  }
}

}  // namespace

const json& scenario_schema() {
  static const json schema = json::parse(scenario_schema_text());
  return schema;
}

bool check_limits(const Document& doc, Diagnostics& diagnostics) {
  bool ok = true;
  const json& root = scenario_schema();
  check_node_limits(doc, doc.value, "", &resolve(root, root), ok, diagnostics);
  return ok;
}

std::vector<std::string> check_schema(const Document& doc, Diagnostics& diagnostics) {
  return check_schema(doc, scenario_schema(), diagnostics);
}

std::vector<std::string> check_schema(const Document& doc, const nlohmann::json& schema, Diagnostics& diagnostics) {
  // A validator compiles each pattern's std::regex on first use and caches it; one per thread keeps
  // that cache across loads (a sweep checks every design point; the fuzz targets every input).
  thread_local valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc.value);
  std::vector<std::string> refused;
  if (validator.validate(compiled_schema(schema), target, &results)) return refused;
  for (const auto& e : results) {
    if (is_summary_error(e.description)) continue;  // its specific cause is reported on its own
    // One message per value: 1e300 in an integer field breaks both the range and the type.
    const std::string pointer = context_pointer(e.context, doc.value);
    if (std::find(refused.begin(), refused.end(), pointer) != refused.end()) continue;
    if (report(schema, doc, e, diagnostics)) refused.push_back(pointer);
  }
  return refused;
}

Document without_refused(const Document& doc, const std::vector<std::string>& refused) {
  Document out = doc;
  for (const std::string& pointer : refused) {
    const json::json_pointer at(pointer);
    if (pointer.empty() || !out.value.contains(at)) continue;  // already removed (reported twice)
    json& parent = out.value.at(at.parent_pointer());
    if (parent.is_object()) {
      parent.erase(at.back());
    } else {
      out.value.at(at) = nullptr;
    }
  }
  return out;
}

}  // namespace gcmsim::loader
