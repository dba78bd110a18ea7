#include "models/loader/source_map.hpp"

namespace gcmsim::loader {

int SourceFiles::add(std::string display_path, std::string_view text) {
  File f{std::move(display_path), {}};
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = text.find('\n', start);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    f.lines.push_back(std::move(line));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  files_.push_back(std::move(f));
  return static_cast<int>(files_.size()) - 1;
}

std::string_view SourceFiles::line(int file, int line) const {
  if (file < 0 || file >= static_cast<int>(files_.size())) return {};
  const auto& lines = files_[file].lines;
  if (line < 1 || line > static_cast<int>(lines.size())) return {};
  return lines[line - 1];
}

NodeOrigin Origins::find(std::string_view pointer) const {
  std::string p(pointer);
  for (;;) {
    if (auto it = map_.find(p); it != map_.end()) return it->second;
    if (p.empty()) return {};
    p.erase(p.rfind('/'));
  }
}

bool Origins::in_subtree(std::string_view key, std::string_view root) {
  return key.substr(0, root.size()) == root && (key.size() == root.size() || key[root.size()] == '/');
}

void Origins::erase_subtree(const std::string& pointer) {
  auto it = map_.lower_bound(pointer);
  while (it != map_.end() && it->first.compare(0, pointer.size(), pointer) == 0) {
    it = in_subtree(it->first, pointer) ? map_.erase(it) : std::next(it);
  }
}

void Origins::copy_subtree(const Origins& from, const std::string& from_pointer, const std::string& to_pointer) {
  for (auto it = from.map_.lower_bound(from_pointer);
       it != from.map_.end() && it->first.compare(0, from_pointer.size(), from_pointer) == 0; ++it) {
    if (!in_subtree(it->first, from_pointer)) continue;
    map_[to_pointer + it->first.substr(from_pointer.size())] = it->second;
  }
}

std::string pointer_append(const std::string& pointer, std::string_view key) {
  std::string out = pointer + '/';
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
  return pointer + '/' + std::to_string(index);
}

std::vector<std::string> pointer_segments(std::string_view pointer) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < pointer.size() && pointer[pos] == '/') {
    const std::size_t next = pointer.find('/', pos + 1);
    std::string_view raw = pointer.substr(pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1);
    std::string seg;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size()) {
        seg += raw[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        seg += raw[i];
      }
    }
    out.push_back(std::move(seg));
    if (next == std::string_view::npos) break;
    pos = next;
  }
  return out;
}

}  // namespace gcmsim::loader
