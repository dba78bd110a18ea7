#pragma once
// Where each value of a merged scenario came from: the file, line and column of every node, so an
// error found anywhere (schema, semantic checks) points back at the text a user wrote. Nodes are
// keyed by their JSON pointer ("/activities/3/venue"); files include the scenario, its includes,
// override files and the command line's --set options (a pseudo-file, one line per option).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gcmsim::loader {

struct Location {
  int file = -1;  // index into SourceFiles; -1 when unknown
  int line = 0;   // 1-based
  int column = 0; // 1-based
};

struct NodeOrigin {
  Location key;    // where the mapping key was written (for unknown keys); unset for list items
  Location value;  // where the value starts
};

class SourceFiles {
 public:
  int add(std::string display_path, std::string_view text);
  std::size_t size() const { return files_.size(); }
  const std::string& path(int file) const { return files_.at(file).path; }
  // The text of a 1-based line, without its newline; empty if out of range.
  std::string_view line(int file, int line) const;

 private:
  // The text is kept once with the offset of each line's start: a file of a million empty lines
  // costs four bytes a line, not a std::string each.
  struct File {
    std::string path;
    std::string text;
    std::vector<std::uint32_t> line_starts;
  };
  std::vector<File> files_;
};

// Origins of the nodes of one document, by JSON pointer.
class Origins {
 public:
  void set(const std::string& pointer, NodeOrigin origin) { map_[pointer] = origin; }
  // The origin of the node, or of its nearest ancestor that has one.
  NodeOrigin find(std::string_view pointer) const;
  // Removes the node at `pointer` and everything beneath it.
  void erase_subtree(const std::string& pointer);
  // Copies the origins of `from`'s subtree at `from_pointer` to this map's subtree at `to_pointer`.
  void copy_subtree(const Origins& from, const std::string& from_pointer, const std::string& to_pointer);

 private:
  static bool in_subtree(std::string_view key, std::string_view root);
  std::map<std::string, NodeOrigin, std::less<>> map_;
};

// JSON pointer helpers (RFC 6901 escaping of '~' and '/').
std::string pointer_append(const std::string& pointer, std::string_view key);
std::string pointer_append(const std::string& pointer, std::size_t index);
std::vector<std::string> pointer_segments(std::string_view pointer);

}  // namespace gcmsim::loader
