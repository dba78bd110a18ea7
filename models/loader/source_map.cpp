#include "models/loader/source_map.hpp"

namespace gcmsim::loader {

int SourceFiles::add(std::string display_path, std::string_view text) {
  File f{std::move(display_path), std::string(text), {0}};
  // Files are capped far below 4 GiB (ReadLimits), so 32-bit offsets suffice.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') f.line_starts.push_back(static_cast<std::uint32_t>(i + 1));
  }
  files_.push_back(std::move(f));
  return static_cast<int>(files_.size()) - 1;
}

std::string_view SourceFiles::line(int file, int line) const {
  if (file < 0 || file >= static_cast<int>(files_.size())) return {};
  const File& f = files_[static_cast<std::size_t>(file)];
  if (line < 1 || line > static_cast<int>(f.line_starts.size())) return {};
  const std::size_t begin = f.line_starts[static_cast<std::size_t>(line - 1)];
  const std::size_t next = static_cast<std::size_t>(line) < f.line_starts.size()
                               ? f.line_starts[static_cast<std::size_t>(line)] - 1
                               : f.text.size();
  std::string_view text = std::string_view(f.text).substr(begin, next - begin);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
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
