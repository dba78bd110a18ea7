#include "experiments/journal.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>
#include <unistd.h>

#include <fmt/compile.h>
#include <memory>
#include <cstdint>
#include <fmt/format.h>

#include "engine/bounded_file.hpp"
#include "engine/file_calls.hpp"

namespace gcmsim::experiments {
namespace {

std::uint32_t fnv1a32(std::string_view s) {
  std::uint32_t h = 0x811c9dc5u;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x01000193u;
  }
  return h;
}

std::string os_error() { return std::strerror(errno); }

constexpr std::size_t kMaxHeaderBytes = 512;
constexpr std::size_t kMaxMetrics = 1'000'000;  // docs/limits.md

template <class T>
bool parse_number(std::string_view s, T& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

}  // namespace

std::string Shard::label() const { return fmt::format("{}/{}", index, count); }

std::filesystem::path journal_path(const std::filesystem::path& dir, const Shard& shard) {
  return dir / fmt::format("journal-{}-of-{}.txt", shard.index, shard.count);
}

std::string format_record(const JournalRecord& r) {
  // Compiled formats: a record holds every metric of the catalogue (hundreds of values), and
  // parsing a format string per value cost as much as the shortest-digits conversion itself.
  std::string line;
  line.reserve(48 + 8 * r.values.size());
  auto out = std::back_inserter(line);
  fmt::format_to(out, FMT_COMPILE("{} {} {} {}"), r.run, r.point, r.replication, r.seed);
  for (const auto& v : r.values) {
    if (v) {
      fmt::format_to(out, FMT_COMPILE(" {}"), *v);
    } else {
      line += " -";
    }
  }
  if (!r.series.empty()) {
    line += " |";
    for (const double x : r.series) fmt::format_to(out, FMT_COMPILE(" {}"), x);
  }
  const std::uint32_t sum = fnv1a32(line);
  fmt::format_to(out, FMT_COMPILE(" *{:08x}\n"), sum);
  return line;
}

namespace {

// The line before its checksum, or nullopt when the checksum is missing or wrong.
std::optional<std::string_view> checked_body(std::string_view line) {
  const std::size_t star = line.rfind(" *");
  if (star == std::string_view::npos || line.size() != star + 10) return std::nullopt;
  std::uint32_t sum = 0;
  const auto [end, ec] = std::from_chars(line.data() + star + 2, line.data() + line.size(), sum, 16);
  if (ec != std::errc() || end != line.data() + line.size() || sum != fnv1a32(line.substr(0, star))) return std::nullopt;
  return line.substr(0, star);
}

// Reading a journal back only needs to know which run each intact line holds: the checksum and
// the number of fields are checked here, the values when the tables parse them.
std::optional<std::size_t> indexed_run(std::string_view line, std::size_t metrics) {
  auto body = checked_body(line);
  if (body) body = body->substr(0, body->find(" |"));  // the series, if any, follow the metrics
  if (!body || static_cast<std::size_t>(std::count(body->begin(), body->end(), ' ')) != 3 + metrics) return std::nullopt;
  std::size_t run = 0;
  if (!parse_number(body->substr(0, body->find(' ')), run)) return std::nullopt;
  return run;
}

}  // namespace

std::optional<JournalRecord> parse_record(std::string_view line, std::size_t metrics, std::vector<std::string_view>* texts,
                                          bool with_series) {
  const auto checked = checked_body(line);
  if (!checked) return std::nullopt;
  std::string_view body = *checked;
  // The next space-separated field, or nullopt past the end.
  const auto next = [&body]() -> std::optional<std::string_view> {
    if (body.data() == nullptr) return std::nullopt;
    const std::size_t sp = body.find(' ');
    const std::string_view field = body.substr(0, sp);
    body = sp == std::string_view::npos ? std::string_view() : body.substr(sp + 1);
    return field;
  };
  JournalRecord r;
  const auto f0 = next(), f1 = next(), f2 = next(), f3 = next();
  if (!f3 || !parse_number(*f0, r.run) || !parse_number(*f1, r.point) || !parse_number(*f2, r.replication) ||
      !parse_number(*f3, r.seed)) {
    return std::nullopt;
  }
  r.values.reserve(metrics);
  if (texts != nullptr) {
    texts->clear();
    texts->reserve(metrics);
  }
  for (std::size_t i = 0; i < metrics; ++i) {
    const auto field = next();
    if (!field) return std::nullopt;
    if (texts != nullptr) texts->push_back(*field);
    if (*field == "-") {
      r.values.emplace_back();
      continue;
    }
    double x = 0;
    if (!parse_number(*field, x)) return std::nullopt;
    r.values.emplace_back(x);
  }
  const auto rest = next();
  if (!rest) return r;
  if (*rest != "|") return std::nullopt;  // more values than the header says
  while (with_series) {
    const auto field = next();
    if (!field) break;
    double x = 0;
    if (!parse_number(*field, x)) return std::nullopt;
    r.series.push_back(x);
  }
  return r;
}

JournalHeader parse_header(const std::string& line, const std::filesystem::path& path) {
  // Each number read at its exact width (from_chars: no sign, no wrap-around, no overflow).
  std::vector<std::string_view> words;
  for (std::size_t at = 0; at <= line.size() && words.size() < 14;) {
    const std::size_t sp = std::min(line.find(' ', at), line.size());
    words.emplace_back(line.data() + at, sp - at);
    at = sp + 1;
  }
  JournalHeader h;
  int version = 0;
  // An optional "series S" ends the header of a sweep that keeps time series (docs/experiments.md).
  const bool series_ok = words.size() == 11 || (words.size() == 13 && words[11] == "series" && parse_number(words[12], h.series));
  const bool ok = series_ok && words[0] == "gcmsim-sweep-journal" && parse_number(words[1], version) && version == 1 &&
                  !words[2].empty() && words[2].size() <= 64 && words[3] == "shard" && parse_number(words[4], h.shard.index) &&
                  words[5] == "of" && parse_number(words[6], h.shard.count) && words[7] == "runs" &&
                  parse_number(words[8], h.runs) && words[9] == "metrics" && parse_number(words[10], h.metrics) &&
                  h.shard.count != 0 && h.shard.index < h.shard.count && h.metrics <= kMaxMetrics;
  if (!ok) {
    // The line is quoted only when it is a journal's header gone wrong, never a stranger's content.
    const bool ours = !words.empty() && words[0] == "gcmsim-sweep-journal";
    throw std::invalid_argument(fmt::format("{}:1: not a valid gcmsim sweep journal (version 1) header{}: expected "
                                            "'gcmsim-sweep-journal 1 HASH shard I of K runs N metrics M [series S]' with 0 <= I < K",
                                            path.string(), ours ? fmt::format(" ('{}')", line.substr(0, 200)) : std::string()));
  }
  h.hash = std::string(words[2]);
  return h;
}

namespace {

// A journal's lines, read through one checked descriptor (engine/bounded_file.hpp) in blocks.
// A line longer than `max_line` is returned cut at that length (it can only be corrupt).
class LineReader {
 public:
  LineReader(int fd, std::size_t max_line) : fd_(fd), max_line_(max_line) {}
  void set_max_line(std::size_t max_line) { max_line_ = max_line; }
  ~LineReader() { ::close(fd_); }
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // false at the end of the file; `complete` says whether the line ended with a newline.
  bool next(std::string& line, bool& complete, std::uint64_t& length) {
    line.clear();
    length = 0;
    for (;;) {
      if (pos_ == end_ && !fill()) {
        complete = false;
        return length > 0;
      }
      const char* start = buffer_ + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - pos_));
      const std::size_t n = nl != nullptr ? static_cast<std::size_t>(nl - start) : end_ - pos_;
      if (line.size() < max_line_) line.append(start, std::min(n, max_line_ - line.size()));
      length += n;
      pos_ += n;
      if (nl != nullptr) {
        ++pos_;
        complete = true;
        return true;
      }
    }
  }

 private:
  bool fill() {
    for (;;) {
      const ssize_t n = ::read(fd_, buffer_, sizeof buffer_);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw std::runtime_error(fmt::format("cannot read a journal: {}", os_error()));
      pos_ = 0;
      end_ = static_cast<std::size_t>(n);
      return n > 0;
    }
  }

  int fd_;
  std::size_t max_line_;
  char buffer_[1 << 16];
  std::size_t pos_ = 0, end_ = 0;
};

}  // namespace

JournalContents read_journal(const std::filesystem::path& path) {
  std::string error;
  const std::optional<int> fd = open_regular_file(path.string(), "a gcmsim sweep journal", error);
  if (!fd) throw std::invalid_argument(error);
  LineReader in(*fd, kMaxHeaderBytes);
  JournalContents out;
  out.path = path;
  std::string line;
  bool complete = false;
  std::uint64_t length = 0;
  if (!in.next(line, complete, length) || !complete) {
    // An empty file, or a header cut short: the sweep was killed while creating it.
    out.header.shard.count = 0;
    out.torn_tail = true;
    return out;
  }
  if (length > kMaxHeaderBytes) {
    throw std::invalid_argument(fmt::format("{}:1: not a gcmsim sweep journal: its first line is too long for a header", path.string()));
  }
  out.header = parse_header(line, path);
  // A record holds 4 numbers, `metrics` values of at most 25 characters each and its checksum,
  // and, where the sweep keeps time series, their points (at most 16 MiB of them: docs/limits.md):
  // a longer line is corrupt, and is not read into memory whole.
  constexpr std::size_t kMaxSeriesBytes = std::size_t{16} << 20;
  in.set_max_line(128 + 32 * out.header.metrics + (out.header.series > 0 ? kMaxSeriesBytes : 0));
  std::uint64_t offset = length + 1;
  out.intact_bytes = offset;
  std::size_t number = 1;
  std::optional<std::size_t> bad;  // the number of a bad line: torn only if nothing follows it
  while (in.next(line, complete, length)) {
    ++number;
    if (bad) {
      out.skipped.push_back(fmt::format("{}:{}: corrupt journal record (a bad checksum or field, not the last line, so not a "
                                        "torn write); skipped, its run is run again",
                                        path.string(), *bad));
      bad.reset();
    }
    const auto run = complete && length == line.size() && length <= UINT32_MAX ? indexed_run(line, out.header.metrics) : std::nullopt;
    if (!run) {
      bad = number;
    } else {
      out.records.push_back({*run, offset, static_cast<std::uint32_t>(line.size())});
      out.intact_bytes = offset + line.size() + 1;
    }
    offset += length + (complete ? 1 : 0);
  }
  out.torn_tail = bad.has_value();
  return out;
}

JournalWriter::JournalWriter(const std::filesystem::path& path, const JournalHeader& header, const JournalContents* existing,
                             std::size_t batch, BeforeSync before_sync)
    : path_(path), batch_(std::max<std::size_t>(1, batch)), before_sync_(std::move(before_sync)) {
  const bool resume = existing != nullptr && existing->header.shard.count != 0;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (resume ? 0 : O_TRUNC), 0644);
  if (fd_ < 0) throw std::runtime_error(fmt::format("cannot open {}: {}", path.string(), os_error()));
  try {
    if (resume) {
      // Cut a torn last line off, so that the next record starts on a line of its own.
      if (::ftruncate(fd_, static_cast<off_t>(existing->intact_bytes)) != 0 || ::lseek(fd_, 0, SEEK_END) < 0) {
        throw std::runtime_error(fmt::format("cannot truncate {}: {}", path.string(), os_error()));
      }
    } else {
      write_all(fmt::format("gcmsim-sweep-journal 1 {} shard {} of {} runs {} metrics {}{}\n", header.hash, header.shard.index,
                            header.shard.count, header.runs, header.metrics,
                            header.series > 0 ? fmt::format(" series {}", header.series) : std::string()));
      if (::fdatasync(fd_) != 0) throw std::runtime_error(fmt::format("cannot sync {}: {}", path.string(), os_error()));
    }
  } catch (...) {
    ::close(fd_);
    throw;
  }
  syncer_ = std::thread([this] { sync_loop(); });
}

JournalWriter::~JournalWriter() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
    requested_ = appended_;
  }
  wake_.notify_one();
  syncer_.join();  // the loop syncs what was requested before it stops
  ::close(fd_);
}

void JournalWriter::write_all(const std::string& text) {
  if (const int error = write_fully(fd_, text); error != 0) {
    throw std::runtime_error(fmt::format("cannot write {}: {}", path_.string(), std::generic_category().message(error)));
  }
}

void JournalWriter::rethrow_sync_error() {
  if (!sync_error_.empty()) throw std::runtime_error(sync_error_);
}

void JournalWriter::append(const JournalRecord& record) {
  // One write() per record: a kill leaves whole lines and at most one cut at the end.
  const std::string line = format_record(record);
  bool wake = false;
  {
    const std::lock_guard lock(mutex_);
    rethrow_sync_error();
    write_all(line);
    ++appended_;
    if (appended_ - requested_ >= batch_) {
      requested_ = appended_;
      wake = true;
    }
  }
  if (wake) wake_.notify_one();
}

void JournalWriter::sync() {
  std::unique_lock lock(mutex_);
  requested_ = appended_;
  const std::uint64_t target = appended_;
  wake_.notify_one();
  synced_.wait(lock, [&] { return durable_ >= target || !sync_error_.empty(); });
  rethrow_sync_error();
}

void JournalWriter::sync_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || (requested_ > durable_ && sync_error_.empty()); });
    if (requested_ > durable_ && sync_error_.empty()) {
      // Every record counted in `target` was written before this point: the sync covers it.
      const std::uint64_t target = requested_;
      lock.unlock();
      std::string error;
      try {
        if (before_sync_) before_sync_();
        if (::fdatasync(fd_) != 0) error = fmt::format("cannot sync {}: {}", path_.string(), os_error());
      } catch (const std::exception& e) {
        error = e.what();
      }
      lock.lock();
      if (error.empty()) {
        durable_ = std::max(durable_, target);
      } else {
        sync_error_ = error;
      }
      synced_.notify_all();
      continue;  // more may have been requested meanwhile
    }
    return;  // stopping, with nothing left to sync (or after a failed sync)
  }
}

}  // namespace gcmsim::experiments
