#pragma once
// The results journal: one line per finished run, appended as runs finish, made durable (fsync) in
// batches. The final tables are built from journals alone, in the runs' own order, so they are
// the same bytes whatever order the runs finished in, however often the sweep was killed and
// resumed, and however the runs were split over threads, shards or MPI ranks.
//
// Format (text, one record per line):
//   gcmsim-sweep-journal 1 <sweep hash> shard <I> of <K> runs <N> metrics <M>
//   <run> <point> <replication> <seed> <value>*M *<checksum>
// A value is the shortest text that reads back as the same double, or '-' when the run has no
// value for that metric; the checksum is FNV-1a (32 bits, 8 hex digits) of the line before " *".
// A kill can cut the last line short: a last line without its newline or with a wrong checksum is
// discarded (and cut off before appending again). A bad line anywhere else is corruption: an error.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace gcmsim::experiments {

struct Shard {
  std::size_t index = 0;
  std::size_t count = 1;
  // Shard I of K runs the runs r with r mod K == I: a pure function of its index.
  bool owns(std::size_t run) const { return run % count == index; }
  std::string label() const;  // "2/4"
};

struct JournalHeader {
  std::string hash;
  Shard shard;
  std::size_t runs = 0;
  std::size_t metrics = 0;
};

struct JournalRecord {
  std::size_t run = 0;
  std::size_t point = 0;
  std::uint64_t replication = 0;
  std::uint64_t seed = 0;
  std::vector<std::optional<double>> values;
};

std::string format_record(const JournalRecord& record);
// nullopt when the line is not a whole, intact record with `metrics` values.
std::optional<JournalRecord> parse_record(std::string_view line, std::size_t metrics);

// DIR/journal-I-of-K.txt
std::filesystem::path journal_path(const std::filesystem::path& dir, const Shard& shard);

// A journal read back: its header, and where each intact record starts.
struct JournalContents {
  JournalHeader header;
  std::filesystem::path path;
  std::vector<std::pair<std::size_t, std::uint64_t>> records;  // (run, byte offset of its line)
  std::uint64_t intact_bytes = 0;  // length of the file up to the end of the last intact record
  bool torn_tail = false;
};

// Reads a journal (throws std::runtime_error naming the file and line on corruption).
JournalContents read_journal(const std::filesystem::path& path);
JournalHeader parse_header(const std::string& line, const std::filesystem::path& path);

class JournalWriter {
 public:
  // Opens (creating it with its header, or appending after the intact records of `existing`).
  JournalWriter(const std::filesystem::path& path, const JournalHeader& header, const JournalContents* existing,
                std::size_t batch = 64);
  ~JournalWriter();
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Thread-safe. The record is durable once `batch` more have been appended, or on sync()/close.
  void append(const JournalRecord& record);
  void sync();

 private:
  void write_all(const std::string& text);
  int fd_ = -1;
  std::filesystem::path path_;
  std::size_t batch_;
  std::size_t unsynced_ = 0;
  std::mutex mutex_;
};

}  // namespace gcmsim::experiments
