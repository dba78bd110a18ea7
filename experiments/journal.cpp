#include "experiments/journal.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include <fmt/format.h>

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
  std::string line = fmt::format("{} {} {} {}", r.run, r.point, r.replication, r.seed);
  for (const auto& v : r.values) {
    if (v) {
      fmt::format_to(std::back_inserter(line), " {}", *v);
    } else {
      line += " -";
    }
  }
  return fmt::format("{} *{:08x}\n", line, fnv1a32(line));
}

std::optional<JournalRecord> parse_record(std::string_view line, std::size_t metrics) {
  const std::size_t star = line.rfind(" *");
  if (star == std::string_view::npos || line.size() != star + 10) return std::nullopt;
  std::uint32_t sum = 0;
  const auto [end, ec] = std::from_chars(line.data() + star + 2, line.data() + line.size(), sum, 16);
  if (ec != std::errc() || end != line.data() + line.size() || sum != fnv1a32(line.substr(0, star))) return std::nullopt;
  std::vector<std::string_view> fields;
  std::string_view body = line.substr(0, star);
  while (!body.empty()) {
    const std::size_t sp = body.find(' ');
    fields.push_back(body.substr(0, sp));
    if (sp == std::string_view::npos) break;
    body.remove_prefix(sp + 1);
  }
  if (fields.size() != 4 + metrics) return std::nullopt;
  JournalRecord r;
  if (!parse_number(fields[0], r.run) || !parse_number(fields[1], r.point) || !parse_number(fields[2], r.replication) ||
      !parse_number(fields[3], r.seed)) {
    return std::nullopt;
  }
  r.values.reserve(metrics);
  for (std::size_t i = 4; i < fields.size(); ++i) {
    if (fields[i] == "-") {
      r.values.emplace_back();
      continue;
    }
    double x = 0;
    if (!parse_number(fields[i], x)) return std::nullopt;
    r.values.emplace_back(x);
  }
  return r;
}

JournalHeader parse_header(const std::string& line, const std::filesystem::path& path) {
  std::istringstream in(line);
  std::string magic, shard_word, of_word, runs_word, metrics_word;
  int version = 0;
  JournalHeader h;
  in >> magic >> version >> h.hash >> shard_word >> h.shard.index >> of_word >> h.shard.count >> runs_word >> h.runs >>
      metrics_word >> h.metrics;
  if (!in || magic != "gcmsim-sweep-journal" || version != 1 || shard_word != "shard" || of_word != "of" ||
      runs_word != "runs" || metrics_word != "metrics" || h.shard.count == 0) {
    throw std::runtime_error(fmt::format("{}:1: not a gcmsim sweep journal (version 1) header", path.string()));
  }
  return h;
}

JournalContents read_journal(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("cannot read {}: {}", path.string(), os_error()));
  JournalContents out;
  out.path = path;
  std::string line;
  if (!std::getline(in, line) || in.eof()) {
    // An empty file, or a header cut short: the sweep was killed while creating it.
    out.header.shard.count = 0;
    out.torn_tail = true;
    return out;
  }
  out.header = parse_header(line, path);
  std::uint64_t offset = line.size() + 1;
  out.intact_bytes = offset;
  std::size_t number = 1;
  std::optional<std::string> bad;  // a bad line is torn only if nothing follows it
  std::size_t bad_number = 0;
  while (std::getline(in, line)) {
    ++number;
    const bool complete = !in.eof();  // getline hit the newline
    if (bad) {
      throw std::runtime_error(fmt::format("{}:{}: corrupt journal record (not the last line, so not a torn write)",
                                           path.string(), bad_number));
    }
    const auto record = complete ? parse_record(line, out.header.metrics) : std::nullopt;
    if (!record) {
      bad = line;
      bad_number = number;
    } else {
      out.records.emplace_back(record->run, offset);
      offset += line.size() + 1;
      out.intact_bytes = offset;
    }
  }
  out.torn_tail = bad.has_value();
  return out;
}

JournalWriter::JournalWriter(const std::filesystem::path& path, const JournalHeader& header, const JournalContents* existing,
                             std::size_t batch)
    : path_(path), batch_(std::max<std::size_t>(1, batch)) {
  const bool resume = existing != nullptr && existing->header.shard.count != 0;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | (resume ? 0 : O_TRUNC), 0644);
  if (fd_ < 0) throw std::runtime_error(fmt::format("cannot open {}: {}", path.string(), os_error()));
  if (resume) {
    // Cut a torn last line off, so that the next record starts on a line of its own.
    if (::ftruncate(fd_, static_cast<off_t>(existing->intact_bytes)) != 0 ||
        ::lseek(fd_, 0, SEEK_END) < 0) {
      throw std::runtime_error(fmt::format("cannot truncate {}: {}", path.string(), os_error()));
    }
  } else {
    write_all(fmt::format("gcmsim-sweep-journal 1 {} shard {} of {} runs {} metrics {}\n", header.hash, header.shard.index,
                          header.shard.count, header.runs, header.metrics));
    ::fdatasync(fd_);
  }
}

JournalWriter::~JournalWriter() {
  if (fd_ < 0) return;
  ::fsync(fd_);
  ::close(fd_);
}

void JournalWriter::write_all(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(fmt::format("cannot write {}: {}", path_.string(), os_error()));
    }
    done += static_cast<std::size_t>(n);
  }
}

void JournalWriter::append(const JournalRecord& record) {
  // One write() per record: a kill leaves whole lines and at most one cut at the end.
  const std::string line = format_record(record);
  const std::lock_guard lock(mutex_);
  write_all(line);
  if (++unsynced_ >= batch_) {
    if (::fdatasync(fd_) != 0) throw std::runtime_error(fmt::format("cannot sync {}: {}", path_.string(), os_error()));
    unsynced_ = 0;
  }
}

void JournalWriter::sync() {
  const std::lock_guard lock(mutex_);
  if (::fdatasync(fd_) != 0) throw std::runtime_error(fmt::format("cannot sync {}: {}", path_.string(), os_error()));
  unsynced_ = 0;
}

}  // namespace gcmsim::experiments
