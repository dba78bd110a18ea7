#pragma once
// The results journal: one line per finished run, appended as runs finish, made durable (fsync) in
// batches. The final tables are built from journals alone, in the runs' own order, so they are
// the same bytes whatever order the runs finished in, however often the sweep was killed and
// resumed, and however the runs were split over threads, shards or MPI ranks.
//
// Format (text, one record per line):
//   gcmsim-sweep-journal 1 <sweep hash> shard <I> of <K> runs <N> metrics <M> [series <S>]
//   <run> <point> <replication> <seed> <value>*M [| <number>*] *<checksum>
// With S > 0 series kept (run_series.hpp), the numbers after '|' are the run's series, flattened:
// for each, its length n and n (day, value) pairs. A sweep without series writes neither part.
// A value is the shortest text that reads back as the same double, or '-' when the run has no
// value for that metric; the checksum is FNV-1a (32 bits, 8 hex digits) of the line before " *".
// A kill can cut the last line short: a last line without its newline or with a wrong checksum is
// discarded (and cut off before appending again). A bad line anywhere else is corruption (a bit
// flipped on disk): it is skipped with a message, its run counts as not done and is run again, so
// the folder stays recoverable.
//
// Durability. Each record is one write(2): the kernel keeps it through a kill -9 of the process.
// Against a power loss, records are fdatasync'ed in batches by a thread of the writer's own, so
// the runs never wait for the disk; a record is on disk once the batch it closes has been synced
// (at most `batch` records plus those in flight are lost with the machine), and all of them when
// sync() returns or the writer is destroyed.
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
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
  std::size_t series = 0;
};

struct JournalRecord {
  std::size_t run = 0;
  std::size_t point = 0;
  std::uint64_t replication = 0;
  std::uint64_t seed = 0;
  std::vector<std::optional<double>> values;
  std::vector<double> series{};  // flattened (run_series.hpp); empty when the sweep keeps none
};

std::string format_record(const JournalRecord& record);
// nullopt when the line is not a whole, intact record with `metrics` values. With `texts`, also
// the text of each value as the line holds it (views into `line`; "-" for a missing value).
// The series part is parsed into record.series only when `with_series` (the tables do not need it).
std::optional<JournalRecord> parse_record(std::string_view line, std::size_t metrics,
                                          std::vector<std::string_view>* texts = nullptr, bool with_series = false);

// DIR/journal-I-of-K.txt
std::filesystem::path journal_path(const std::filesystem::path& dir, const Shard& shard);

// A journal read back: its header, and where each intact record starts.
struct JournalContents {
  JournalHeader header;
  std::filesystem::path path;
  struct Located {
    std::size_t run;
    std::uint64_t offset;  // of its line
    std::uint32_t length;  // of its line, without the newline
  };
  std::vector<Located> records;
  std::uint64_t intact_bytes = 0;  // length of the file up to the end of the last intact record
  bool torn_tail = false;
  std::vector<std::string> skipped;  // "FILE:LINE: corrupt journal record ..." for each skipped line
};

// Reads a journal (throws std::runtime_error naming the file when it cannot be read, or when its
// header is not a journal's; corrupt records are skipped and listed).
JournalContents read_journal(const std::filesystem::path& path);
// Throws std::invalid_argument (FILE:1: ...) when `line` is not a valid header.
JournalHeader parse_header(const std::string& line, const std::filesystem::path& path);

class JournalWriter {
 public:
  // Runs before each sync of the journal, on the syncing thread: whatever the records point to
  // (e.g. the folders of --keep-runs) must be on disk before the records that say it is done.
  using BeforeSync = std::function<void()>;

  // Opens (creating it with its header, or appending after the intact records of `existing`).
  JournalWriter(const std::filesystem::path& path, const JournalHeader& header, const JournalContents* existing,
                std::size_t batch = 64, BeforeSync before_sync = {});
  ~JournalWriter();  // syncs what is left (errors are lost here: call sync() to see them)
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;

  // Thread-safe. Every `batch` records the syncing thread is woken; the caller does not wait.
  // Throws std::runtime_error if writing, or an earlier sync, failed.
  void append(const JournalRecord& record);
  // Waits until every record appended so far is on disk. Throws if a sync failed.
  void sync();

 private:
  void write_all(const std::string& text);
  void sync_loop();
  void rethrow_sync_error();  // with mutex_ held

  int fd_ = -1;
  std::filesystem::path path_;
  std::size_t batch_;
  BeforeSync before_sync_;
  std::mutex mutex_;                 // guards everything below, and the order of writes
  std::condition_variable wake_;     // the syncing thread: a batch is full, or stop
  std::condition_variable synced_;   // sync(): the syncing thread caught up
  std::uint64_t appended_ = 0;       // records written
  std::uint64_t requested_ = 0;      // records a sync has been asked for
  std::uint64_t durable_ = 0;        // records on disk
  bool stopping_ = false;
  std::string sync_error_;
  std::thread syncer_;               // last: started when everything above is ready
};

}  // namespace gcmsim::experiments
