// YAML to JSON with origins. Scalars are typed by YAML 1.2's core schema (true/false, integers,
// floats, null; "yes"/"no" stay strings), and quoted scalars are always strings.
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "models/loader/document.hpp"

namespace gcmsim::loader {
namespace {

using nlohmann::json;

Location to_location(int file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

bool looks_numeric(std::string_view s) {
  if (s.empty()) return false;
  const char c = s[0] == '-' || s[0] == '+' ? (s.size() > 1 ? s[1] : '\0') : s[0];
  return (c >= '0' && c <= '9') || (c == '.' && s.size() > 1);
}

json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (looks_numeric(s)) {
    const std::string_view digits = s[0] == '+' ? std::string_view(s).substr(1) : std::string_view(s);
    std::int64_t i = 0;
    auto [iend, ierr] = std::from_chars(digits.data(), digits.data() + digits.size(), i);
    if (ierr == std::errc{} && iend == digits.data() + digits.size()) return i;
    double d = 0.0;
    auto [dend, derr] = std::from_chars(digits.data(), digits.data() + digits.size(), d);
    if (derr == std::errc{} && dend == digits.data() + digits.size() && std::isfinite(d)) return d;
  }
  return s;
}

class Converter {
 public:
  Converter(int file, Diagnostics& diagnostics, const ReadLimits& limits, Document& doc)
      : file_(file), diagnostics_(diagnostics), limits_(limits), doc_(doc) {}

  bool aborted() const { return aborted_; }

  json convert(const YAML::Node& node, const std::string& pointer, int depth) {
    if (aborted_) return nullptr;
    if (++nodes_ > limits_.max_nodes) {
      abort(node, fmt::format("the document expands to more than {} nodes (through anchors and aliases?); "
                              "expected a scenario of reasonable size", limits_.max_nodes));
      return nullptr;
    }
    if (depth > limits_.max_depth) {
      abort(node, fmt::format("nesting deeper than {} levels (a recursive alias?)", limits_.max_depth));
      return nullptr;
    }
    switch (node.Type()) {
      case YAML::NodeType::Map: return mapping(node, pointer, depth);
      case YAML::NodeType::Sequence: return sequence(node, pointer, depth);
      case YAML::NodeType::Scalar:
        return node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str" ? json(node.Scalar())
                                                                          : plain_scalar(node.Scalar());
      default: return nullptr;
    }
  }

 private:
  json mapping(const YAML::Node& node, const std::string& pointer, int depth) {
    json obj = json::object();
    for (auto it = node.begin(); it != node.end(); ++it) {
      const Location key_at = to_location(file_, it->first.Mark());
      if (!it->first.IsScalar()) {
        diagnostics_.error(key_at, "a mapping key must be a plain name; found a list or mapping as a key");
        continue;
      }
      const std::string key = it->first.Scalar();
      const std::string child = pointer_append(pointer, key);
      if (obj.contains(key)) {
        const NodeOrigin first = doc_.origins.find(child);
        diagnostics_.error(key_at, fmt::format("duplicate key '{}'; it was first given at line {}", key, first.key.line),
                           static_cast<int>(key.size()));
        continue;
      }
      doc_.origins.set(child, {key_at, to_location(file_, it->second.Mark())});
      obj[key] = convert(it->second, child, depth + 1);
    }
    return obj;
  }

  json sequence(const YAML::Node& node, const std::string& pointer, int depth) {
    json arr = json::array();
    std::size_t i = 0;
    for (const YAML::Node& item : node) {
      const std::string child = pointer_append(pointer, i++);
      doc_.origins.set(child, {{}, to_location(file_, item.Mark())});
      arr.push_back(convert(item, child, depth + 1));
      if (aborted_) break;
    }
    return arr;
  }

  void abort(const YAML::Node& node, std::string message) {
    aborted_ = true;
    diagnostics_.error(to_location(file_, node.Mark()), std::move(message));
  }

  int file_;
  Diagnostics& diagnostics_;
  const ReadLimits& limits_;
  Document& doc_;
  std::size_t nodes_ = 0;
  bool aborted_ = false;
};

}  // namespace

Document parse_yaml(const SourceFiles&, int file, std::string_view text, Diagnostics& diagnostics,
                    const ReadLimits& limits) {
  Document doc;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.error(to_location(file, e.mark), "the YAML nests too deeply to be a scenario");
    doc.complete = false;
    return doc;
  } catch (const YAML::Exception& e) {
    diagnostics.error(to_location(file, e.mark), fmt::format("this is not valid YAML: {}", e.msg));
    doc.complete = false;
    return doc;
  }
  doc.origins.set("", {{}, {file, 1, 1}});
  Converter converter(file, diagnostics, limits, doc);
  try {
    doc.value = converter.convert(root, "", 0);
    doc.complete = !converter.aborted();
  } catch (const YAML::Exception& e) {
    diagnostics.error(to_location(file, e.mark), fmt::format("this is not valid YAML: {}", e.msg));
    doc.complete = false;
  }
  return doc;
}

Document read_yaml_file(const std::string& path, const std::string& display_path, SourceFiles& files,
                        Diagnostics& diagnostics, Location requested_at, const ReadLimits& limits) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    diagnostics.error(requested_at, fmt::format("'{}' is a directory; expected a YAML file", display_path));
    return Document{{}, {}, false};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error(requested_at, fmt::format("cannot read '{}': no such file or not readable", display_path));
    return Document{{}, {}, false};
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > limits.max_file_bytes) {
    diagnostics.error(requested_at, fmt::format("'{}' is {} bytes; a scenario file may be at most {} bytes",
                                                display_path, size, limits.max_file_bytes));
    return Document{{}, {}, false};
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string content = text.str();
  const int file = files.add(display_path, content);
  return parse_yaml(files, file, content, diagnostics, limits);
}

}  // namespace gcmsim::loader
