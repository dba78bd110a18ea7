// YAML to JSON with origins. Scalars are typed by YAML 1.2's core schema (true/false, integers,
// floats, null; "yes"/"no" stay strings), and quoted scalars are always strings.
//
// The JSON is built from yaml-cpp's parse events, not from its node tree: every node, key and string
// is charged to a budget (ReadLimits) before it is stored, and an alias is charged the full size of
// what it repeats before it is copied, so a billion laughs or a file of long aliased keys stops with
// a located error after a bounded amount of work, instead of after the memory is gone.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "models/loader/document.hpp"
#include "models/loader/text_checks.hpp"

namespace gcmsim::loader {
namespace {

using nlohmann::json;

// What storing one node costs beyond its text: the JSON value in its container, the container's own
// allocation, and the origin entry (a map node) keyed by the node's pointer.
constexpr std::size_t kNodeOverhead = 128;

Location to_location(int file, const YAML::Mark& mark) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1};
}

bool looks_numeric(std::string_view s) {
  if (s.empty()) return false;
  const char c = s[0] == '-' || s[0] == '+' ? (s.size() > 1 ? s[1] : '\0') : s[0];
  return (c >= '0' && c <= '9') || (c == '.' && s.size() > 1);
}

template <class T>
std::optional<T> parse_whole(std::string_view digits) {
  T value{};
  auto [end, err] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (err != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// Integers are kept exact in the widest type that holds them (int64, else uint64 for the seed's
// upper half); an integer beyond both, or a float beyond double, stays text, so the schema reports
// it as "found the text ..., expected an integer" rather than as a rounded number.
json plain_scalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (looks_numeric(s)) {
    const std::string_view digits = s[0] == '+' ? std::string_view(s).substr(1) : std::string_view(s);
    if (auto i = parse_whole<std::int64_t>(digits)) return *i;
    if (auto u = parse_whole<std::uint64_t>(digits)) return *u;
    const std::string_view magnitude = digits[0] == '-' ? digits.substr(1) : digits;
    if (std::all_of(magnitude.begin(), magnitude.end(), [](char c) { return c >= '0' && c <= '9'; })) return s;
    if (auto d = parse_whole<double>(digits); d && std::isfinite(*d)) return *d;
  }
  return s;
}

// Thrown from inside the event handler to stop yaml-cpp's parser once a limit is reached; the
// diagnostic has already been recorded.
struct Stop {};

class JsonBuilder final : public YAML::EventHandler {
 public:
  JsonBuilder(int file, Diagnostics& diagnostics, const ReadLimits& limits, ReadUsage& usage, Document& doc)
      : file_(file), diagnostics_(diagnostics), limits_(limits), usage_(usage), doc_(doc) {}

  bool has_root() const { return has_root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor, nullptr, false, 0); }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const bool is_key = !frames_.empty() && frames_.back().kind == Frame::map && frames_.back().state == Frame::expect_key;
    if (auto bad = first_invalid_utf8(value)) {
      // Reported here, and read on as its escaped (valid) form so that no other check trips on it.
      error(mark, fmt::format("this text is not valid UTF-8 (byte {} of it); a scenario is UTF-8 text", *bad + 1));
      OnScalar(mark, "!", anchor, printable(value));
      return;
    }
    if (is_key) {
      charge(mark, 1, kNodeOverhead + value.size());
      if (anchor != 0) anchors_[anchor] = {json(value), 1, kNodeOverhead + value.size()};
      key(mark, value);
      return;
    }
    const bool text = tag == "!" || tag == "tag:yaml.org,2002:str";
    charge(mark, 0, value.size());
    leaf(mark, anchor, text ? json(value) : plain_scalar(value), false, value.size());
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {
      error(mark, "this alias refers to a node that contains it or that was not read (a recursive alias?)");
      throw Stop{};
    }
    // The copy costs what the anchored node cost: this is where expansion is bounded.
    charge(mark, found->second.nodes, found->second.bytes);
    leaf(mark, 0, found->second.value, true, 0);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, Frame::sequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, Frame::map);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    enum Kind { map, sequence, discarded } kind = discarded;
    enum State { expect_key, expect_value, skip_value } state = expect_key;
    json value;
    std::string pointer;
    std::string key;  // map: the key waiting for its value
    Location key_at;
    YAML::anchor_t anchor = 0;
    YAML::Mark mark;
    std::size_t nodes_before = 0;  // usage when the node opened: what it cost is the difference
    std::size_t bytes_before = 0;
  };
  struct Anchored {
    json value;
    std::size_t nodes = 0;
    std::size_t bytes = 0;
  };

  void error(const YAML::Mark& mark, std::string message, int width = 1) {
    diagnostics_.error(to_location(file_, mark), std::move(message), width);
  }

  // Charges `bytes` (overheads included by the caller) and `nodes` before anything is stored.
  void charge(const YAML::Mark& mark, std::size_t nodes, std::size_t bytes) {
    usage_.nodes += nodes;
    usage_.bytes += bytes;
    if (usage_.nodes > limits_.max_nodes) {
      error(mark, fmt::format("the document expands to more than {} nodes (through anchors and aliases?); "
                              "expected a scenario of reasonable size", limits_.max_nodes));
      throw Stop{};
    }
    if (usage_.bytes > limits_.max_expanded_bytes) {
      error(mark, fmt::format("the document expands to more than {} MiB of keys, text and bookkeeping (through "
                              "anchors and aliases?); expected a scenario of reasonable size",
                              limits_.max_expanded_bytes >> 20));
      throw Stop{};
    }
  }

  // Where the next node goes: its pointer, or nullopt when it is to be dropped (the key or value
  // of an entry already reported, or anything inside a dropped node).
  std::optional<std::string> place(const YAML::Mark& mark) {
    if (frames_.empty()) return has_root_ ? std::nullopt : std::optional<std::string>("");
    Frame& parent = frames_.back();
    switch (parent.kind) {
      case Frame::discarded: return std::nullopt;
      case Frame::sequence: return pointer_append(parent.pointer, parent.value.size());
      case Frame::map:
        if (parent.state == Frame::expect_key) {
          error(mark, "a mapping key must be a plain name; found a list, a mapping or an alias as a key");
          parent.state = Frame::skip_value;
          return std::nullopt;
        }
        if (parent.state == Frame::skip_value) {
          parent.state = Frame::expect_key;
          return std::nullopt;
        }
        return pointer_append(parent.pointer, parent.key);
    }
    return std::nullopt;
  }

  void key(const YAML::Mark& mark, const std::string& name) {
    Frame& parent = frames_.back();
    const Location at = to_location(file_, mark);
    if (parent.value.contains(name)) {
      const NodeOrigin first = doc_.origins.find(pointer_append(parent.pointer, name));
      diagnostics_.error(at, fmt::format("duplicate key '{}'; it was first given at line {}", shortened(name), first.key.line),
                         static_cast<int>(name.size()));
      parent.state = Frame::skip_value;
      return;
    }
    parent.key = name;
    parent.key_at = at;
    parent.state = Frame::expect_value;
  }

  // A scalar, null or alias. `text_bytes` were charged by the caller; an alias was charged whole.
  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, json value, bool charged, std::size_t text_bytes) {
    const auto pointer = place(mark);
    if (!pointer) return;
    if (!charged) charge(mark, 1, kNodeOverhead);
    record_origin(*pointer, mark);
    if (anchor != 0) {
      anchors_[anchor] = {value, 1, kNodeOverhead + text_bytes};
      charge(mark, 0, kNodeOverhead + text_bytes);  // the anchor table keeps a copy
    }
    attach(std::move(value));
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, Frame::Kind kind) {
    const auto pointer = place(mark);
    if (!pointer) {
      frames_.emplace_back();  // a discarded frame
      return;
    }
    if (static_cast<int>(frames_.size()) >= limits_.max_depth) {
      error(mark, fmt::format("the YAML nests too deeply to be a scenario: more than {} levels", limits_.max_depth));
      throw Stop{};
    }
    const std::size_t nodes_before = usage_.nodes;
    const std::size_t bytes_before = usage_.bytes;
    charge(mark, 1, kNodeOverhead);
    record_origin(*pointer, mark);
    Frame frame;
    frame.kind = kind;
    frame.value = kind == Frame::map ? json::object() : json::array();
    frame.pointer = *pointer;
    frame.anchor = anchor;
    frame.mark = mark;
    frame.nodes_before = nodes_before;
    frame.bytes_before = bytes_before;
    frames_.push_back(std::move(frame));
  }

  void close() {
    Frame frame = std::move(frames_.back());
    frames_.pop_back();
    if (frame.kind == Frame::discarded) return;
    if (frame.anchor != 0) {
      const std::size_t nodes = usage_.nodes - frame.nodes_before;
      const std::size_t bytes = usage_.bytes - frame.bytes_before;
      charge(frame.mark, 0, bytes);  // the anchor table keeps a copy
      anchors_[frame.anchor] = {frame.value, nodes, bytes};
    }
    attach(std::move(frame.value));
  }

  void record_origin(const std::string& pointer, const YAML::Mark& mark) {
    usage_.bytes += pointer.size();
    Location key_at;
    if (!frames_.empty() && frames_.back().kind == Frame::map) key_at = frames_.back().key_at;
    doc_.origins.set(pointer, {key_at, to_location(file_, mark)});
  }

  void attach(json value) {
    if (frames_.empty()) {
      doc_.value = std::move(value);
      has_root_ = true;
      return;
    }
    Frame& parent = frames_.back();
    if (parent.kind == Frame::sequence) {
      parent.value.push_back(std::move(value));
    } else {
      parent.value[parent.key] = std::move(value);
      parent.state = Frame::expect_key;
    }
  }

  int file_;
  Diagnostics& diagnostics_;
  const ReadLimits& limits_;
  ReadUsage& usage_;
  Document& doc_;
  std::vector<Frame> frames_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  bool has_root_ = false;
};

// Reads at most `cap + 1` bytes of an open regular file: one more than allowed tells "too big"
// without trusting the size the file system reports (/proc files say 0).
std::optional<std::string> read_capped(int fd, std::size_t cap) {
  std::string content;
  char buffer[65536];
  while (content.size() <= cap) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    content.append(buffer, static_cast<std::size_t>(n));
  }
  return content;
}

// Closes the descriptor on every path out of read_yaml_file.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Document parse_yaml(const SourceFiles&, int file, std::string_view text, Diagnostics& diagnostics,
                    const ReadLimits& limits, ReadUsage* usage) {
  ReadUsage local;
  Document doc;
  doc.origins.set("", {{}, {file, 1, 1}});
  std::istringstream in{std::string(text)};
  JsonBuilder builder(file, diagnostics, limits, usage != nullptr ? *usage : local, doc);
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(builder);  // like YAML::Load: the first document only
  } catch (const Stop&) {
    doc.complete = false;
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.error(to_location(file, e.mark), "the YAML nests too deeply to be a scenario");
    doc.complete = false;
  } catch (const YAML::Exception& e) {
    diagnostics.error(to_location(file, e.mark), fmt::format("this is not valid YAML: {}", e.msg));
    doc.complete = false;
  }
  if (!doc.complete || !builder.has_root()) doc.value = nullptr;
  return doc;
}

Document read_yaml_file(const std::string& path, const std::string& display_path, SourceFiles& files,
                        Diagnostics& diagnostics, Location requested_at, const ReadLimits& limits,
                        ReadUsage* usage) {
  const std::string shown = printable(display_path);
  const auto refuse = [&](std::string message) {
    diagnostics.error(requested_at, std::move(message));
    return Document{{}, {}, false};
  };
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return refuse(fmt::format("cannot read '{}': no such file or not readable", shown));
  if (S_ISDIR(info.st_mode)) return refuse(fmt::format("'{}' is a directory; expected a YAML file", shown));
  // A FIFO would block the open itself, a device or /dev/zero never ends: only regular files.
  if (!S_ISREG(info.st_mode)) return refuse(fmt::format("'{}' is not a regular file (a device, FIFO or socket); expected a YAML file", shown));
  // O_NONBLOCK: should the path be swapped for a FIFO after the check, open() still returns.
  const FileDescriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0) return refuse(fmt::format("cannot read '{}': no such file or not readable", shown));
  if (::fstat(file.fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    return refuse(fmt::format("'{}' is not a regular file; expected a YAML file", shown));
  }
  const auto content = read_capped(file.fd, limits.max_file_bytes);
  if (!content) return refuse(fmt::format("cannot read '{}': {}", shown, std::strerror(errno)));
  if (content->size() > limits.max_file_bytes) {
    return refuse(fmt::format("'{}' is more than {} bytes; a scenario file may be at most {} bytes", shown,
                              limits.max_file_bytes, limits.max_file_bytes));
  }
  const int id = files.add(display_path, *content);
  return parse_yaml(files, id, *content, diagnostics, limits, usage);
}

}  // namespace gcmsim::loader
